import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { missingXmllint, validateJunit } from '../support/junit-xsd';
import { describeWithSystem } from '../support/system';

const ROOT = join(import.meta.dirname, '../..');
const missing =
  (process.env['DBUS_SESSION_BUS_ADDRESS'] ? null : 'no D-Bus session (run through npm test)') ?? missingXmllint();

function runBuiltCli(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['bin/push-console.mjs', ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGTERM'), 90_000);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    }),
  );
}

// The acceptance run of issue 27, as docs/ci.md has CI do it: the sample collection, every
// provider, from the built CLI, with emulators it starts and stops itself, in memory-only
// secrets (a CI container has no keychain), to JUnit XML the schema accepts.
describeWithSystem('the sample smoke collection from the built CLI', missing, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pc-smoke-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }));

  it('passes every assertion on all five providers and writes valid JUnit', async () => {
    const junit = join(dir, 'smoke.xml');
    const run = await runBuiltCli(
      [
        'run',
        'examples/collections/smoke',
        '--env',
        'local',
        '--with-emulators',
        '--ephemeral-secrets',
        '--reporter',
        'junit',
        '--out',
        junit,
      ],
      { ...process.env, PUSH_CONSOLE_DATA_DIR: join(dir, 'data'), PUSH_CONSOLE_WORKSPACE: join(dir, 'ws') },
    );
    const said = `exit ${run.code}\n--- stdout\n${run.out}\n--- stderr\n${run.err}`;
    expect(run.code, said).toBe(0);
    expect(run.out, said).toMatch(/^smoke: 5 requests, 5 passed \(\d+ assertions, 0 failed\)/m);
    const verdict = await validateJunit(junit);
    expect(verdict.valid, verdict.said).toBe(true);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('tests="5" failures="0" errors="0" skipped="0"');
    for (const name of [
      'apns-alert.json',
      'fcm-notification.json',
      'windows/toast.json',
      'webpush.json',
      'nhub-apple.json',
    ]) {
      expect(xml).toContain(`(${name})"`);
    }
    // The inbox checks ran: what reached each emulated device is in the suite's log.
    expect(xml.match(/ok delivered/g)?.length).toBe(6);
  }, 120_000);
});
