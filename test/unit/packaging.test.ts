import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPackaging, packagingProblems } from '../support/packaging';
import { ROOT } from '../support/serve';

// A Windows checkout may have CRLF line ends; the edits below are written with LF.
const configText = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8').replace(/\r\n/g, '\n');

/** The real config with one line changed; fails loudly if the line is no longer there to change. */
function broken(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`electron-builder.yml no longer contains ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

describe('packaging config (electron-builder.yml and package.json)', () => {
  it('has every packaging fact a release needs', async () => {
    expect(await packagingProblems(loadPackaging())).toEqual([]);
  });

  it('names each fact a broken copy gets wrong', async () => {
    let text = configText;
    text = broken(text, 'asar: true', 'asar: false');
    text = broken(text, 'runAsNode: false', 'runAsNode: true');
    text = broken(text, 'enableCookieEncryption: true', 'enableCookieEncryption: false');
    text = broken(text, '  - out/renderer/**\n', '');
    // Another bundle main's build writes (the CLI is a build of its own, out/main/cli.cjs).
    text = broken(text, 'main: out/main/electron.mjs', 'main: out/main/cli-help.mjs');
    text = broken(text, '        - arm64\n', '');
    text = broken(text, 'icon: build/icon.ico', 'icon: build/icon.png');
    text = broken(text, '    - deb\n', '');
    text = broken(text, 'nsis:\n', 'nsis:\n  oneClik: false\n');
    text = `${text}deb:\n  depends:\n    - libsecret-1-0\n`;
    expect(await packagingProblems(loadPackaging(text))).toEqual([
      `electron-builder's schema: /nsis has no option "oneClik"`,
      'files does not list out/renderer/**',
      'asar is false: the app must ship as an asar archive',
      'fuse runAsNode is true, not false',
      'fuse enableCookieEncryption is false, not true',
      'extraMetadata.main is "out/main/cli-help.mjs" but package.json main is "out/main/electron.mjs"',
      'extraMetadata.main out/main/cli-help.mjs is built from "main/cli/help-entry.ts", not main/electron/main.ts',
      'win.icon is not an .ico with a 256 px image (largest: 0 px)',
      'linux.target has no deb',
      'mac dmg is not built for arm64',
      "deb.depends replaces electron-builder's default dependencies (GTK, NSS, libsecret-1-0…) instead of adding to them",
    ]);
  });
});
