#!/usr/bin/env node
// One CLI send to the local APNs emulator and `push-console --help`, as whole processes, against
// `node -e 0` and the same request made by curl (an emulator-issued client certificate: curl cannot
// sign a .p8 JWT). Runs in a private keychain session, as `npm test` does. Bars from DESIGN.md.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { has, reRunInSession, startKeyring } from '../../scripts/keychain-session.mjs';
import { SANDBOX_APNS_FLAGS } from './sandbox-flags.mjs';

const ROUNDS = Number(process.env.BENCH_CLI_ROUNDS ?? 15);
const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin/push-console.mjs');

reRunInSession('PUSH_CONSOLE_BENCH_SESSION');
const scratch = mkdtempSync(join(tmpdir(), 'pc-bench-cli-'));
const keyring = startKeyring(scratch, 'PUSH_CONSOLE_BENCH_SESSION');
if (!keyring || !has('curl')) {
  console.log('CLI bench: needs dbus-run-session, gnome-keyring-daemon and curl; not measured.');
  process.exit(1);
}
const env = {
  ...keyring,
  PUSH_CONSOLE_DATA_DIR: join(scratch, 'data-dir'),
  PUSH_CONSOLE_WORKSPACE: join(scratch, 'workspace'),
};
const portFile = join(scratch, 'emulators.json');
const emulators = spawn(process.execPath, [bin, 'emulators', 'start', '--port-file', portFile], {
  env,
  stdio: 'ignore',
});
// The emulators' process would keep this one alive: every way out stops it.
const stop = () => {
  emulators.kill();
  rmSync(scratch, { recursive: true, force: true });
};
process.on('exit', stop);
for (let i = 0; i < 300 && !existsSync(portFile); i++) await new Promise((resolve) => setTimeout(resolve, 100));
const ports = JSON.parse(readFileSync(portFile, 'utf8'));

const cli = (...args) => spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8' });
const init = cli('sandbox', 'init', '--wait', '30');
if (init.status !== 0) throw new Error(`sandbox init: ${init.stderr || init.stdout}`);

const payloadFile = join(scratch, 'payload.json');
const payload = JSON.stringify({ aps: { alert: { title: 'Bench', body: 'One CLI send' } } });
writeFileSync(payloadFile, payload);
const devices = JSON.parse(readFileSync(join(env.PUSH_CONSOLE_WORKSPACE, 'devices.json'), 'utf8'));
const iphone = (devices.devices ?? devices).find((device) => device.label === 'Sandbox iPhone');
const admin = async (path, body) => {
  const run = spawnSync(
    'curl',
    ['-sf', '--cacert', ports.caFile, `${ports.admin.apns}${path}`, '-d', JSON.stringify(body)],
    {
      encoding: 'utf8',
    },
  );
  if (run.status !== 0) throw new Error(`admin ${path}: curl exit ${run.status}`);
  return JSON.parse(run.stdout);
};
const cert = await admin('/__admin/certificates', { bundleId: 'dev.pushconsole.sandbox' });
writeFileSync(join(scratch, 'cert.pem'), cert.certPem);
writeFileSync(join(scratch, 'key.pem'), cert.keyPem);

const commands = {
  'node -e 0': [process.execPath, ['-e', '0']],
  curl: [
    'curl',
    [
      '-sf',
      '--http2',
      '--cacert',
      ports.caFile,
      '--cert',
      join(scratch, 'cert.pem'),
      '--key',
      join(scratch, 'key.pem'),
      '-H',
      'apns-topic: dev.pushconsole.sandbox',
      '-H',
      'apns-push-type: alert',
      '-d',
      payload,
      `${ports.apns}/3/device/${iphone.target}`,
      '-o',
      '/dev/null',
    ],
  ],
  'push-console send apns': [
    process.execPath,
    [bin, 'send', 'apns', ...SANDBOX_APNS_FLAGS, '--device', 'Sandbox iPhone', '--payload', payloadFile],
  ],
  'push-console --help': [process.execPath, [bin, '--help']],
};
const times = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
// Interleaved, so a slow moment of the machine falls on every command alike.
for (let round = 0; round < ROUNDS + 1; round++) {
  for (const [name, [command, args]] of Object.entries(commands)) {
    const started = performance.now();
    const run = spawnSync(command, args, { env, encoding: 'utf8' });
    const ms = performance.now() - started;
    if (run.status !== 0) throw new Error(`${name}: exit ${run.status}: ${(run.stderr || run.stdout).slice(0, 300)}`);
    if (round > 0) times[name].push(ms); // the first round warms the disk cache
  }
}
// BENCH_CPU_PROF=DIR: five more sends, each writing a V8 CPU profile there (open them in DevTools).
if (process.env.BENCH_CPU_PROF) {
  const [command, args] = commands['push-console send apns'];
  for (let i = 0; i < 5; i++) {
    const run = spawnSync(
      command,
      ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`, '--cpu-prof-interval=100', ...args],
      { env, encoding: 'utf8' },
    );
    if (run.status !== 0)
      throw new Error(`profiled send: exit ${run.status}: ${(run.stderr || run.stdout).slice(0, 300)}`);
  }
}
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const m = Object.fromEntries(Object.entries(times).map(([name, list]) => [name, median(list)]));
console.log(`CLI, whole processes (median of ${ROUNDS}, interleaved):`);
for (const [name, list] of Object.entries(times))
  console.log(
    `    ${name.padEnd(24)} ${m[name].toFixed(0).padStart(5)} ms  (least ${Math.min(...list).toFixed(0)} ms)`,
  );
const sendBar = 2 * (m['node -e 0'] + m.curl);
const bars = [
  [
    `CLI send ${m['push-console send apns'].toFixed(0)} ms ≤ 2 × (node -e 0 + curl) = ${sendBar.toFixed(0)} ms`,
    m['push-console send apns'] <= sendBar,
  ],
  [
    `--help ${m['push-console --help'].toFixed(0)} ms ≤ 1.5 × node -e 0 = ${(1.5 * m['node -e 0']).toFixed(0)} ms`,
    m['push-console --help'] <= 1.5 * m['node -e 0'],
  ],
];
for (const [text, ok] of bars) console.log(`${ok ? 'PASS' : 'FAIL'}  ${text}`);
process.exit(bars.every(([, ok]) => ok) ? 0 : 1);
