#!/usr/bin/env node
// One build for every process: esbuild for main (Electron entry and CLI) and the sandboxed
// preload, Vite for the renderer. Output goes to out/, which npm start and the CLI use.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { fileURLToPath } from 'node:url';
import { esbuildOptions } from './build-options.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
const quiet = process.argv.includes('--quiet');
const started = Date.now();

await mkdir(`${root}/out`, { recursive: true });

const options = esbuildOptions({ quiet, version: pkg.version, root });
await Promise.all([esbuild(options.main), esbuild(options.cli), esbuild(options.preload)]);
await writeCliHelpManifest();

await viteBuild({
  configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
  logLevel: quiet ? 'error' : 'warn',
});

await writeFile(`${root}/out/.build-stamp`, `${new Date().toISOString()}\n`);
if (!quiet) console.log(`Built main, preload and renderer into out/ in ${((Date.now() - started) / 1000).toFixed(1)}s`);

/**
 * out/main/cli-help.json: every command's help, read from the commands themselves, so
 * `push-console --help` answers without loading them (main/cli/help-entry.ts).
 */
async function writeCliHelpManifest() {
  const dir = `${root}/out/.cli-manifest`;
  await esbuild({
    ...options.main,
    entryPoints: { manifest: 'main/cli/manifest-entry.ts' },
    outdir: dir,
    sourcemap: false,
  });
  try {
    const { commands, helpManifest } = await import(pathToFileURL(`${dir}/manifest.mjs`).href);
    await writeFile(`${root}/out/main/cli-help.json`, `${JSON.stringify(helpManifest(commands), null, 1)}\n`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
