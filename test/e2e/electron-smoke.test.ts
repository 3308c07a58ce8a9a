import { _electron as electron } from 'playwright-core';
import { existsSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/serve';
import { CORE_V8_FLAGS } from '../../scripts/core-v8-flags.mjs';

function electronBinary(): { path: string | null; why: string } {
  const pathFile = join(ROOT, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) return { path: null, why: "Electron's binary was never downloaded on this machine" };
  const full = join(ROOT, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(full) ? { path: full, why: '' } : { path: null, why: `no Electron binary at ${full}` };
}

const binary = electronBinary();
if (!binary.path) console.warn(`[skipped] Electron smoke test: ${binary.why}.`);

// The one test allowed to skip under CI: Electron's binary cannot be downloaded on these machines.
describe('Electron smoke', () => {
  it.skipIf(!binary.path)('opens the hardened window and renders the app frame over IPC', async () => {
    const app = await electron.launch({
      executablePath: binary.path!,
      args: [`--js-flags=${CORE_V8_FLAGS.join(' ')}`, join(ROOT, 'out/main/electron.mjs'), '--ephemeral-secrets'],
      env: { ...process.env, PUSH_CONSOLE_DATA_DIR: mkdtempSync(join(tmpdir(), 'pc-electron-')) },
    });
    try {
      const window = await app.firstWindow();
      await window.getByTestId('app-frame').waitFor();
      await window.getByTestId('status-version').click();
      await expect.poll(() => window.getByTestId('app-info-mode').textContent()).toBe('electron');
      expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe(
        'undefined',
      );
      // Sandboxed and isolated: the page sees the preload's API but no Node globals.
      const globals = await window.evaluate(() => ({
        api: typeof (window as unknown as { pushConsole?: unknown }).pushConsole,
        process: typeof (globalThis as unknown as { process?: unknown }).process,
      }));
      expect(globals).toEqual({ api: 'object', process: 'undefined' });
    } finally {
      await app.close();
    }
  });
});
