import { createRequire } from 'node:module';
import type Forge from 'node-forge';

const require = createRequire(import.meta.url);

/**
 * node-forge, loaded the first time a certificate or .p12 is actually read. A static import would
 * load all of it (about 25 ms of a CLI send's start) in every process, though most sends never
 * touch a certificate. Node's module cache keeps the one copy.
 */
export function nodeForge(): typeof Forge {
  return require('node-forge') as typeof Forge;
}
