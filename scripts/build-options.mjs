// esbuild's options for main (the Electron entry), the CLI and the sandboxed preload, apart
// from scripts/build.mjs so the packaging test can check what the packaged entry is built from.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Packages main bundles instead of loading them from node_modules at start. zod's ES module build
 * is dozens of files: resolving and reading them was about 20 ms of every CLI start, bundled it is
 * read with the rest (measured on `push-console send`).
 */
const BUNDLED = new Set(['zod']);

/**
 * zod's `z` namespace re-exports its messages in some fifty languages (`z.locales`), and esbuild
 * keeps all of them because `z` is used as a whole. Push Console speaks English and never switches
 * zod's locale: keeping English alone takes 364 KB (a fifth) off main's bundle, which every CLI start
 * compiles. Vite's renderer build drops them by itself.
 * @type {import('esbuild').Plugin}
 */
const zodInEnglish = {
  name: 'zod-in-english',
  setup(build) {
    build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

/** @param {{ quiet: boolean, version: string, root: string }} options */
export function esbuildOptions({ quiet, version, root }) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const external = [...Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })].filter(
    (name) => !BUNDLED.has(name),
  );
  const common = {
    bundle: true,
    logLevel: quiet ? 'error' : 'warning',
    sourcemap: 'linked',
    define: { __PUSH_CONSOLE_VERSION__: JSON.stringify(version) },
    absWorkingDir: root,
  };
  // Main and the CLI run on Node and on Electron's Node; dependencies stay in node_modules (and a
  // subpath of a listed package with it).
  const onNode = { ...common, outdir: 'out/main', platform: 'node', target: 'node20', plugins: [zodInEnglish] };
  return {
    main: {
      ...onNode,
      entryPoints: {
        electron: 'main/electron/main.ts',
        'cli-help': 'main/cli/help-entry.ts',
      },
      outExtension: { '.js': '.mjs' },
      format: 'esm',
      external: [...external, 'electron'],
    },
    // The CLI is one CommonJS file so that bin/load-cli.cjs can compile it with a V8 code cache
    // (Node 20 has none for ES modules). import.meta.url is the file's own URL, as in an ES module.
    cli: {
      ...onNode,
      entryPoints: { cli: 'main/cli/index.ts' },
      outExtension: { '.js': '.cjs' },
      format: 'cjs',
      external,
      define: { ...common.define, 'import.meta.url': '__pcModuleUrl' },
      // import() of a package (ws in serve) as require(): in a script read from a V8 code cache,
      // Node 20 has no loader for import() (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING).
      supported: { 'dynamic-import': false },
      banner: { js: "const __pcModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    },
    // A sandboxed preload must be one CommonJS file whose only require is `electron`.
    preload: {
      ...common,
      entryPoints: { preload: 'preload/preload.ts' },
      outdir: 'out/preload',
      outExtension: { '.js': '.cjs' },
      platform: 'browser',
      format: 'cjs',
      target: 'chrome130',
      external: ['electron'],
    },
  };
}
