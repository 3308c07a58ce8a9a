import { join } from 'node:path';
import { afterAll, expect, it, describe } from 'vitest';
import { hasElectronBinary, ROOT, startServed, type ServedApp } from '../support/serve';

const hasElectron = hasElectronBinary();

describe('npm start without an Electron binary', () => {
  let app: ServedApp | undefined;
  afterAll(async () => app?.stop());

  it.skipIf(hasElectron)('prints one fallback line and serves a working UI', async () => {
    app = await startServed([join(ROOT, 'scripts', 'start.mjs')]);
    const lines = app
      .output()
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('Building'));
    expect(lines[0]).toMatch(/^Electron's binary is not available here \(.+\); starting browser mode instead\./);
    // And how to get one, where Electron publishes a binary for this machine.
    expect(lines[0]).toMatch(
      /instead\. (To get it, run "node node_modules\/electron\/install\.js"( with Node \d+\.\d+ or later \(this is v[\d.]+\))?|Electron publishes no binary for \S+, so none can be had)\.$/,
    );
    expect(app.output()).not.toMatch(/\n\s+at /);
    const page = await fetch(app.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  });
});
