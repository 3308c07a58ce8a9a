#!/usr/bin/env -S node --max-old-space-size=2000
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../out/main/cli.cjs', import.meta.url));
if (!existsSync(cli)) {
  console.error('push-console: not built yet. Run: npm run build');
  process.exit(2);
}
// Help and the version come from the build's manifest when that is all argv asks for (fast);
// anything else, or no manifest, goes to the full CLI.
const help = new URL('../out/main/cli-help.mjs', import.meta.url);
const { answerFromManifest } = existsSync(help) ? await import(help.href) : {};
if (!answerFromManifest?.(process.argv.slice(2), new URL('../out/main/cli-help.json', import.meta.url)))
  createRequire(import.meta.url)('./load-cli.cjs').loadCli(cli);
