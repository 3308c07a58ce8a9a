import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithSystem } from '../support/system';

const ROOT = join(import.meta.dirname, '../..');
const missing = process.env['DBUS_SESSION_BUS_ADDRESS'] ? null : 'no D-Bus session (run through npm test)';

/** The README's "From a terminal" shell block, exactly as a reader would copy it. */
function readmeCliBlock(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const from = readme.indexOf('From a terminal');
  expect(from, 'the README has a "From a terminal" section').toBeGreaterThan(0);
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(from));
  expect(block, 'a sh block follows "From a terminal"').not.toBeNull();
  return block![1]!;
}

interface BashRun {
  code: number | null;
  out: string;
  err: string;
}

/**
 * Runs `script` with bash in the repo, as its own process group (the block leaves the emulators
 * running in the background, as a terminal would), then stops whatever the script left behind.
 */
function runBash(script: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<BashRun> {
  const child = spawn('bash', ['-c', script], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const stopGroup = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // The group is gone already.
    }
  };
  const timer = setTimeout(stopGroup, timeoutMs);
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      clearTimeout(timer);
      stopGroup();
      // The emulators withdraw their local.json as they stop: wait for the group to be gone
      // (at most 10 s) before the data folder is removed, or the two race (ENOTEMPTY).
      const deadline = Date.now() + 10_000;
      const waitGone = () => {
        let alive = true;
        try {
          process.kill(-child.pid!, 0);
        } catch {
          alive = false;
        }
        if (alive && Date.now() < deadline) setTimeout(waitGone, 50);
        else resolve({ code, out, err });
      };
      waitGone();
    });
  });
}

// The README promises the terminal route works as printed: start the emulators, set up the
// sandbox, send one APNs push. Run that block verbatim against the built CLI, in this test
// run's private keychain session, with a scratch data folder.
describeWithSystem("the README's CLI block runs as written", missing, () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pc-readme-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }));

  it('sets up the sandbox and the push is accepted', async () => {
    const script = `set -e\n${readmeCliBlock()}`;
    const run = await runBash(
      script,
      {
        ...process.env,
        PUSH_CONSOLE_DATA_DIR: join(dir, 'data'),
        npm_config_update_notifier: 'false',
        npm_config_fund: 'false',
      },
      60_000,
    );
    const said = `exit ${run.code}\n--- stdout\n${run.out}\n--- stderr\n${run.err}`;
    expect(run.code, said).toBe(0);
    expect(run.out, said).toMatch(/^✓ apns +Ready/m);
    expect(run.out, said).toMatch(/^✓ accepted {2}200/m);
  }, 120_000);
});
