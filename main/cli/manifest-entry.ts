// Built and imported by scripts/build.mjs only, to write cli-help.json from the commands themselves.
export { commands } from './commands';
export { helpManifest } from './help';
