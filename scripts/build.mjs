#!/usr/bin/env node
// One build for every process: esbuild for main (Electron entry and CLI) and the sandboxed
// preload, Vite for the renderer. Output goes to out/, which npm start and the CLI use.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
const quiet = process.argv.includes('--quiet');
const started = Date.now();

await mkdir(`${root}/out`, { recursive: true });

const common = {
  bundle: true,
  logLevel: quiet ? 'error' : 'warning',
  sourcemap: 'linked',
  define: { __PUSH_CONSOLE_VERSION__: JSON.stringify(pkg.version) },
  absWorkingDir: root,
};

await Promise.all([
  // Main runs on Node (CLI, browser mode) and on Electron's Node; dependencies stay in node_modules.
  esbuild({
    ...common,
    entryPoints: { electron: 'main/electron/main.ts', cli: 'main/cli/index.ts' },
    outdir: 'out/main',
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    external: ['electron'],
  }),
  // A sandboxed preload must be one CommonJS file whose only require is `electron`.
  esbuild({
    ...common,
    entryPoints: { preload: 'preload/preload.ts' },
    outdir: 'out/preload',
    outExtension: { '.js': '.cjs' },
    platform: 'browser',
    format: 'cjs',
    target: 'chrome130',
    external: ['electron'],
  }),
]);

await viteBuild({
  configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
  logLevel: quiet ? 'error' : 'warn',
});

await writeFile(`${root}/out/.build-stamp`, `${new Date().toISOString()}\n`);
if (!quiet) console.log(`Built main, preload and renderer into out/ in ${((Date.now() - started) / 1000).toFixed(1)}s`);
