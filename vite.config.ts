import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('./renderer', import.meta.url));

// The renderer only: main, preload and the CLI are bundled by esbuild in scripts/build.mjs.
export default defineConfig({
  root,
  base: './',
  resolve: {
    // monaco-editor's export map only covers .js files; its CSS is imported by path.
    alias: [
      {
        find: /^monaco-editor\/(.*\.css)$/,
        replacement: fileURLToPath(new URL('./node_modules/monaco-editor/esm/vs/', import.meta.url)) + '$1',
      },
    ],
  },
  build: {
    outDir: fileURLToPath(new URL('./out/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: false,
    chunkSizeWarningLimit: 4096,
  },
  worker: { format: 'es' },
});
