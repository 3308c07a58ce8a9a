import { app, BrowserWindow, clipboard, session } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from '../core/core';
import { ephemeralSecretsRequested, NO_KEYCHAIN_START_LINE } from '../core/credentials/keychain';
import { createLocalServices } from '../local';
import { APP_URL, registerAppScheme, serveRenderer } from './app-protocol';
import { hardenContents } from './hardening';
import { attachIpc } from './ipc-adapter';
import { installMenu } from './menu';
import { quitAfterClose } from './quit-after-close';
import { createMainWindow } from './window-options';
import { CORE_V8_FLAGS } from '../../scripts/core-v8-flags.mjs';
import { relaunchArgs, V8_RELAUNCH_ENV } from './core-v8-flags';

const here = dirname(fileURLToPath(import.meta.url));
const log = (line: string) => console.error(line);
let window: BrowserWindow | null = null;
let core: Core | null = null;

const v8Relaunch = relaunchArgs(app.commandLine.getSwitchValue('js-flags'), process.argv.slice(1), CORE_V8_FLAGS);
if (v8Relaunch && !process.env[V8_RELAUNCH_ENV]) {
  // Before the single-instance lock, so the relaunched process is the one that takes it.
  process.env[V8_RELAUNCH_ENV] = '1';
  // An AppImage's own binary lives in a mount that goes away when this process exits.
  const appImage = process.env['APPIMAGE'];
  app.relaunch({ args: v8Relaunch, ...(appImage ? { execPath: appImage } : {}) });
  app.exit(0);
} else {
  if (v8Relaunch) log(`[v8] started without ${CORE_V8_FLAGS.join(' ')} after a relaunch; going on without them`);
  boot();
}

function boot(): void {
  registerAppScheme();

  // Deny everything any webContents might try, including ones we did not create ourselves.
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, log));

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // The quit waits (at most 2 s) for the core to flush history and the composer draft.
  quitAfterClose(app, () => core?.close(), { log });
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  core = await createCore({
    local: createLocalServices,
    mode: 'electron',
    dataDir: process.env['PUSH_CONSOLE_DATA_DIR'] ?? app.getPath('userData'),
    ephemeralSecrets: ephemeralSecretsRequested(process.argv.includes('--ephemeral-secrets'), process.env),
    log,
    // Main copies commands that carry secrets itself, so they never reach the renderer.
    clipboard: { writeText: (text) => clipboard.writeText(text) },
  });
  void core.secrets.status().then((keychain) => {
    if (keychain.state === 'unavailable') console.log(NO_KEYCHAIN_START_LINE);
  });
  serveRenderer(join(here, '..', 'renderer'));
  installMenu();
  attachIpc(core, () => window, APP_URL);
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

function createWindow(): void {
  window = createMainWindow(BrowserWindow, join(here, '..', 'preload', 'preload.cjs'));
  window.once('ready-to-show', () => window?.show());
  window.on('closed', () => {
    window = null;
  });
  void window.loadURL(APP_URL);
}
