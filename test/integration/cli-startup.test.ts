import { execFile, spawn } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { tmpdir } from 'node:os';
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

  it('compiles the CLI from a V8 code cache once a run has kept one', async () => {
    // Its own copy of the bundle, so the cache is this test's, not one another test's run made;
    // inside the checkout, so the packages it requires resolve as the real one's do.
    mkdirSync(join(ROOT, 'out'), { recursive: true });
    const dir = mkdtempSync(join(ROOT, 'out', '.code-cache-test-'));
    const scratch = mkdtempSync(join(tmpdir(), 'pc-code-cache-'));
    try {
      const bundle = join(dir, 'cli.cjs');
      copyFileSync(join(ROOT, 'out/main/cli.cjs'), bundle);
      const runner = join(dir, 'run.cjs');
      writeFileSync(
        runner,
        `require(${JSON.stringify(join(ROOT, 'bin/load-cli.cjs'))}).loadCli(${JSON.stringify(bundle)});\n`,
      );
      const cacheState = async () => {
        const done = await run(process.execPath, [runner, 'send', 'apns'], {
          cwd: ROOT,
          env: { ...process.env, PUSH_CONSOLE_CODE_CACHE_DEBUG: '1' },
        }).catch((error: { stderr?: string }) => ({ stderr: error.stderr ?? '' }));
        // The command itself ran, and stopped at its first missing flag.
        expect(done.stderr).toContain('push-console: --credential is required');
        return [...done.stderr.matchAll(/^code cache: (\w+)$/gm)].map((match) => match[1]);
      };
      expect(await cacheState()).toEqual(['none', 'written']);
      expect(readdirSync(join(dir, 'cli.cjs.cache'))).toHaveLength(1);
      expect(await cacheState()).toEqual(['used']);
      // A rebuilt bundle refuses the old cache and keeps a new one.
      appendFileSync(bundle, '\n// rebuilt\n');
      expect(await cacheState()).toEqual(['refused', 'written']);
      expect(await cacheState()).toEqual(['used']);
      // A command that loads packages as it goes (the emulators) runs from the cache too: the
      // bundle's import() calls are requires, which a cached script can make.
      const portFile = join(scratch, 'emulators.json');
      const emulators = spawn(process.execPath, [runner, 'emulators', 'start', '--port-file', portFile], {
        env: {
          ...process.env,
          PUSH_CONSOLE_DATA_DIR: join(scratch, 'data'),
          PUSH_CONSOLE_WORKSPACE: join(scratch, 'ws'),
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      emulators.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise((resolve) => emulators.once('exit', resolve));
      try {
        for (let i = 0; i < 300 && !existsSync(portFile) && emulators.exitCode === null; i++) await sleep(100);
        expect(stderr).not.toMatch(/push-console:/);
        expect(JSON.parse(readFileSync(portFile, 'utf8'))).toHaveProperty('apns');
      } finally {
        emulators.kill();
        await exited;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('compiles zod with its English messages only', () => {
    // esbuild names each bundled file in a comment: of zod's locales, only the index and English.
    const bundle = readFileSync(join(ROOT, 'out/main/cli.cjs'), 'utf8');
    expect([...bundle.matchAll(/^\/\/ node_modules\/zod\/v4\/locales\/(.+)$/gm)].map((m) => m[1])).toEqual([
      'index.js',
      'en.js',
    ]);
  });
});
