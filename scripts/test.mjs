#!/usr/bin/env node
// `npm test`: typecheck, lint, build, then the unit, integration and e2e suites. It brings up
// what the tests need from the system itself: a private D-Bus session with a fresh, unlocked
// gnome-keyring (the keychain tests use the real Secret Service), and a virtual display for
// the Electron smoke test where an Electron binary exists.
import { spawnSync } from 'node:child_process';
import { has, reRunInSession, startKeyring } from './keychain-session.mjs';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// 1. Re-run inside a private D-Bus session so the keychain tests never touch a user's keyring.
reRunInSession('PUSH_CONSOLE_TEST_SESSION');

const scratch = mkdtempSync(join(tmpdir(), 'push-console-test-'));
const keyring = startKeyring(scratch, 'PUSH_CONSOLE_TEST_SESSION');
if (!keyring) console.log('Note: no D-Bus session or gnome-keyring here; keychain tests will say why they skip.');
const env = { ...(keyring ?? process.env), PUSH_CONSOLE_TEST_SESSION: '1' };

// `npm test -- <vitest args>` (e.g. a file path): build, then only those tests, in the same
// keychain session; for working on one area without the whole suite.
const only = process.argv.slice(2);
if (only.length > 0) {
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--quiet'], {
    stdio: 'inherit',
    env,
    cwd: root,
  });
  if (build.status !== 0) process.exit(1);
  const run = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...only], {
    stdio: 'inherit',
    env,
    cwd: root,
  });
  rmSync(scratch, { recursive: true, force: true });
  process.exit(run.status ?? 1);
}

const results = join(root, 'out', 'test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const steps = [
  ['Typecheck', process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '--build']],
  ['Lint', 'npm', ['run', '-s', 'lint']],
  ['Build', process.execPath, [join(root, 'scripts/build.mjs'), '--quiet']],
];
for (const [name, command, args] of steps) {
  console.log(`\n== ${name}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env, cwd: root });
  if (result.status !== 0) {
    console.error(`${name} failed.`);
    console.log('Tests: 0 passed, 1 failed');
    process.exit(1);
  }
}

let failedSuites = 0;
for (const suite of ['unit', 'integration', 'e2e']) {
  console.log(`\n== ${suite} tests`);
  const vitest = [
    join(root, 'node_modules/vitest/vitest.mjs'),
    'run',
    '--project',
    suite,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${join(results, `${suite}.json`)}`,
  ];
  // The Electron smoke test needs a display where a binary exists; Xvfb provides one.
  const useXvfb = suite === 'e2e' && !env.DISPLAY && has('xvfb-run');
  const [command, args] = useXvfb ? ['xvfb-run', ['-a', process.execPath, ...vitest]] : [process.execPath, vitest];
  const result = spawnSync(command, args, { stdio: 'inherit', env, cwd: root });
  if (result.status !== 0) failedSuites += 1;
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const suite of ['unit', 'integration', 'e2e']) {
  const file = join(results, `${suite}.json`);
  if (!existsSync(file)) {
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
rmSync(scratch, { recursive: true, force: true });
if (failedSuites > 0 && failed === 0) failed = failedSuites;
console.log(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || failedSuites > 0 ? 1 : 0);
