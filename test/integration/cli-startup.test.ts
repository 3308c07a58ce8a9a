import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');
const TRACE = join(ROOT, 'test/fixtures/cli-startup/trace-loads.mjs');

/** The packages a node process loads, as the tracing preload reports them. */
async function loadedBy(args: string[]): Promise<Set<string>> {
  const done = await run(process.execPath, ['--import', TRACE, ...args], { cwd: ROOT, timeout: 30_000 }).catch(
    (error: { stderr?: string }) => ({ stderr: error.stderr ?? '' }),
  );
  return new Set([...done.stderr.matchAll(/^loaded: (.+)$/gm)].map((match) => match[1]!));
}

/**
 * What every CLI command pays before it runs: the packages only some commands need are loaded
 * when used (ws by serve, node-forge by certificates, fast-xml-parser by Notification Hubs feeds,
 * the keychain when a secret is read), and zod is read from the bundle, not from its many files.
 * Together they were about 80 ms of each `push-console send`.
 */
describe('the CLI at start', () => {
  it('sees a package load when there is one (the tracing itself works)', async () => {
    const loaded = await loadedBy([
      '--input-type=module',
      '-e',
      "await import('ws'); import { createRequire } from 'node:module'; createRequire(import.meta.url)('node-forge');",
    ]);
    expect([...loaded]).toEqual(expect.arrayContaining(['ws', 'node-forge']));
  });

  it('loads no package before the command needs one', async () => {
    // A send that stops at its first missing flag: the whole CLI is loaded, nothing is sent.
    const loaded = await loadedBy(['bin/push-console.mjs', 'send', 'apns']);
    for (const name of ['ws', 'node-forge', 'fast-xml-parser', 'zod', '@napi-rs/keyring', 'undici'])
      expect(loaded, `${name} was loaded at start`).not.toContain(name);
  });

  it('compiles zod with its English messages only', () => {
    // esbuild names each bundled file in a comment: of zod's locales, only the index and English.
    const bundle = readFileSync(join(ROOT, 'out/main/cli.mjs'), 'utf8');
    expect([...bundle.matchAll(/^\/\/ node_modules\/zod\/v4\/locales\/(.+)$/gm)].map((m) => m[1])).toEqual([
      'index.js',
      'en.js',
    ]);
  });
});
