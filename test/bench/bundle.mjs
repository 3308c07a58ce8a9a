// The benches run the app's TypeScript sources as node ESM: each bundles its entry points into
// out/<dir>/ (shared chunks, packages left external) and loads them from there.
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const root = fileURLToPath(new URL('../..', import.meta.url));

/** Bundles `{ name: 'path/to/entry.ts' }` into out/<dir>/<name>.mjs; returns the folder and a loader. */
export async function bundle(dir, entryPoints) {
  const outdir = join(root, 'out', dir);
  await build({
    entryPoints,
    absWorkingDir: root,
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  return { outdir, load: (name) => import(pathToFileURL(join(outdir, `${name}.mjs`)).href) };
}
