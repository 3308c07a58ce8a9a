import type { BuildOptions } from 'esbuild';

export declare function esbuildOptions(options: { quiet: boolean; version: string; root: string }): {
  main: BuildOptions;
  preload: BuildOptions;
};
