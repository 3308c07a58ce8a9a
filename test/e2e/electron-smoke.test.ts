import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appInfoSchema, callNames, eventNames } from '../../shared/contract';
import { DESKTOP_CSP } from '../../main/electron/window-options';
import { ROOT } from '../support/serve';
import { CORE_V8_FLAGS } from '../../scripts/core-v8-flags.mjs';

function electronBinary(): { path: string | null; why: string } {
  const pathFile = join(ROOT, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) return { path: null, why: "Electron's binary was never downloaded on this machine" };
  const full = join(ROOT, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(full) ? { path: full, why: '' } : { path: null, why: `no Electron binary at ${full}` };
}

const binary = electronBinary();
// The desktop workflow sets this on runners where `npm ci` downloads Electron: there a missing
// binary is a broken install, not a reason to skip.
const required = process.env['PUSH_CONSOLE_REQUIRE_ELECTRON'] === '1';
if (!binary.path && !required) console.warn(`[skipped] Electron smoke test: ${binary.why}.`);

const APP_ORIGIN = 'app://push-console';
/** What keychain.ts names as the backend that answered, per OS. */
const KEYCHAIN_BACKEND: Record<string, string> = {
  darwin: 'macOS Keychain',
  win32: 'Windows Credential Manager',
  linux: 'Secret Service',
};
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

// The one test allowed to skip under CI: Electron's binary cannot be downloaded on these machines.
describe('Electron smoke', () => {
  if (!binary.path && required) {
    it("has Electron's binary, as PUSH_CONSOLE_REQUIRE_ELECTRON=1 says this machine does", () => {
      throw new Error(`PUSH_CONSOLE_REQUIRE_ELECTRON=1, but ${binary.why}: npm ci must run Electron's install script.`);
    });
    return;
  }

  describe.skipIf(!binary.path)('the desktop shell', () => {
    let app: ElectronApplication;
    let page: Page;
    let stderr = '';
    let dataDir = '';

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'pc-electron-'));
      // No --ephemeral-secrets: the shell must reach the real OS keychain. The V8 flags as npm start
      // passes them: without them main would relaunch itself, away from Playwright's connection.
      app = await electron.launch({
        executablePath: binary.path!,
        args: [`--js-flags=${CORE_V8_FLAGS.join(' ')}`, join(ROOT, 'out/main/electron.mjs')],
        env: { ...process.env, PUSH_CONSOLE_DATA_DIR: dataDir },
      });
      app.process().stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      page = await app.firstWindow();
      await page.getByTestId('app-frame').waitFor();
    });

    afterAll(async () => {
      await app?.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    it('opens the window with every hardening flag as Electron reports it', async () => {
      const reported = await app.evaluate(({ BrowserWindow }) => {
        const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as {
          getLastWebPreferences(): Record<string, unknown> | null;
        };
        return contents.getLastWebPreferences();
      });
      // The keys Electron records as applied (WebContentsPreferences::SaveLastPreferences).
      expect(reported).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInSubFrames: false,
        webviewTag: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        javascript: true,
      });
      const globals = await page.evaluate(() => ({
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (globalThis as unknown as { process?: unknown }).process,
      }));
      expect(globals).toEqual({ require: 'undefined', process: 'undefined' });
    });

    it('serves the renderer with the CSP header', async () => {
      const headers = await page.evaluate(async () => {
        const response = await fetch(location.href);
        return {
          csp: response.headers.get('content-security-policy'),
          nosniff: response.headers.get('x-content-type-options'),
        };
      });
      expect(headers).toEqual({ csp: DESKTOP_CSP, nosniff: 'nosniff' });
    });

    it("exposes exactly the contract's calls and events, each a function", async () => {
      const exposed = await page.evaluate(() => {
        const api = (window as unknown as { pushConsole: Record<string, Record<string, unknown>> }).pushConsole;
        const members = [...Object.values(api['calls']!), ...Object.values(api['events']!)];
        return {
          top: Object.keys(api).sort(),
          calls: Object.keys(api['calls']!).sort(),
          events: Object.keys(api['events']!).sort(),
          kinds: [...new Set(members.map((member) => typeof member))],
        };
      });
      expect(exposed).toEqual({
        top: ['calls', 'events'],
        calls: [...callNames].sort(),
        events: [...eventNames].sort(),
        kinds: ['function'],
      });
    });

    it('answers app.info over IPC, naming the keychain backend', async () => {
      const result = await page.evaluate(() =>
        (window as unknown as { pushConsole: { calls: Record<string, (input: unknown) => Promise<unknown>> } })
          .pushConsole.calls['app.info']!({}),
      );
      expect(result).toMatchObject({ ok: true });
      const info = appInfoSchema.parse((result as { value: unknown }).value);
      expect(info).toMatchObject({ mode: 'electron', version: pkg.version, platform: process.platform });
      expect(info.keychain).toMatchObject({ state: 'available', message: KEYCHAIN_BACKEND[process.platform] });
    });

    it("runs main with the core's V8 heap limit", async () => {
      // Electron reports kilobytes; the flag asks for 2000 MB.
      const limitKb = await app.evaluate(() => process.getHeapStatistics().heapSizeLimit);
      expect(limitKb).toBeGreaterThan(1024 * 1024);
      expect(limitKb).toBeLessThan((2048 + 64) * 1024);
    });

    it('refuses a navigation away from the app', async () => {
      await page.evaluate(() => {
        window.location.href = 'https://example.invalid/elsewhere';
      });
      await expect
        .poll(() => stderr, { timeout: 10_000 })
        .toContain('[security] navigation to https://example.invalid/elsewhere denied');
      expect(await page.evaluate(() => location.origin)).toBe(APP_ORIGIN);
    });

    it('refuses window.open', async () => {
      const opened = await page.evaluate(() => window.open('https://example.invalid/popup') !== null);
      expect(opened).toBe(false);
      await expect
        .poll(() => stderr, { timeout: 10_000 })
        .toContain('[security] window.open(https://example.invalid/popup) denied');
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    });
  });
});
