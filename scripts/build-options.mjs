// esbuild's options for main (the Electron entry and the CLI) and the sandboxed preload, apart
// from scripts/build.mjs so the packaging test can check what the packaged entry is built from.

/** @param {{ quiet: boolean, version: string, root: string }} options */
export function esbuildOptions({ quiet, version, root }) {
  const common = {
    bundle: true,
    logLevel: quiet ? 'error' : 'warning',
    sourcemap: 'linked',
    define: { __PUSH_CONSOLE_VERSION__: JSON.stringify(version) },
    absWorkingDir: root,
  };
  return {
    // Main runs on Node (CLI, browser mode) and on Electron's Node; dependencies stay in node_modules.
    main: {
      ...common,
      entryPoints: {
        electron: 'main/electron/main.ts',
        cli: 'main/cli/index.ts',
        'cli-help': 'main/cli/help-entry.ts',
      },
      outdir: 'out/main',
      outExtension: { '.js': '.mjs' },
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      external: ['electron'],
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
