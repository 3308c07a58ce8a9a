#!/usr/bin/env -S node --max-old-space-size=2000
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../out/main/cli.mjs', import.meta.url));
if (!existsSync(cli)) {
  console.error('push-console: not built yet. Run: npm run build');
  process.exit(2);
}
await import(cli);
