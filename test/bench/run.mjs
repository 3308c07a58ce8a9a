#!/usr/bin/env node
// Throughput of our transport against a bare node:http2 client and @parse/node-apn, all against one
// local APNs-like HTTP/2 TLS server in a child process. `npm run bench` builds first; this file
// bundles the transport itself (esbuild) so it also runs from a clean checkout.
import { fork } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { connect } from 'node:http2';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { bundle } from './bundle.mjs';

const require = createRequire(import.meta.url);
const TOTAL = Number(process.env.BENCH_REQUESTS ?? 20_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const { load: loadBundle } = await bundle('bench', {
  transport: 'main/core/transport/index.ts',
  ca: 'main/emulators/common/ca.ts',
});
const { createTransport } = await loadBundle('transport');
const { LocalCa } = await loadBundle('ca');

const ca = LocalCa.create('Push Console Bench CA');
const serverCert = ca.issueLoopbackServer();
const child = fork(fileURLToPath(new URL('./apns-like-server.mjs', import.meta.url)), { stdio: 'inherit' });
child.send({ cert: serverCert.certPem, key: serverCert.keyPem });
const { port } = await new Promise((resolve) => child.once('message', resolve));
const origin = `https://127.0.0.1:${port}`;
const body = JSON.stringify({ aps: { alert: { title: 'Bench', body: 'Hello from the benchmark' }, sound: 'default' } });
const token = (i) => i.toString(16).padStart(64, '0');

let lastCpuPerRequest = 0;

/** Runs `send(i)` TOTAL times with at most CONCURRENCY in flight; returns requests per second. */
async function measure(send) {
  let next = 0;
  let failures = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const worker = async () => {
    while (next < TOTAL) {
      const i = next++;
      const status = await send(i);
      if (status !== 200) failures++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  lastCpuPerRequest = (used.user + used.system) / TOTAL;
  if (failures > 0) throw new Error(`${failures} requests failed`);
  return TOTAL / seconds;
}

async function bareHttp2() {
  const session = connect(origin, { ca: ca.certPem });
  await new Promise((resolve, reject) => session.once('remoteSettings', resolve).once('error', reject));
  const rps = await measure(
    (i) =>
      new Promise((resolve, reject) => {
        const stream = session.request({
          ':method': 'POST',
          ':path': `/3/device/${token(i)}`,
          'apns-topic': 'com.example.bench',
          'apns-push-type': 'alert',
          authorization: 'bearer eyJhbGciOiJFUzI1NiIsImtpZCI6IkFCQyJ9.eyJpc3MiOiJURUFNIn0.c2ln',
        });
        let status = 0;
        const chunks = [];
        stream.on('response', (headers) => (status = headers[':status']));
        stream.on('data', (chunk) => chunks.push(chunk));
        stream.on('end', () => resolve(status));
        stream.on('error', reject);
        stream.end(body);
      }),
  );
  await new Promise((resolve) => session.close(resolve));
  return rps;
}

async function ours(recording) {
  // Count rather than keep: the app hands exchanges to a bounded list, it does not hold 20,000.
  let recorded = 0;
  let last = null;
  const transport = createTransport({
    recording,
    onExchange: (exchange) => {
      recorded++;
      last = exchange;
    },
  });
  const tls = { ca: ca.certPem };
  // What a bulk send reuses across a batch: the same headers (one token per hour), TLS and meta.
  const headers = [
    ['apns-topic', 'com.example.bench'],
    ['apns-push-type', 'alert'],
    ['authorization', 'bearer eyJhbGciOiJFUzI1NiIsImtpZCI6IkFCQyJ9.eyJpc3MiOiJURUFNIn0.c2ln'],
  ];
  const meta = { purpose: 'send', provider: 'apns' };
  const rps = await measure(async (i) => {
    const response = await transport.request({
      url: `${origin}/3/device/${token(i)}`,
      method: 'POST',
      http2: true,
      headers,
      body,
      tls,
      meta,
    });
    return response.status;
  });
  await transport.close();
  if (recording && (recorded !== TOTAL || last?.status !== 200)) throw new Error(`recorded ${recorded} of ${TOTAL}`);
  if (!recording && recorded !== 0) throw new Error('recorded with recording off');
  return rps;
}

async function nodeApn() {
  const apn = require('@parse/node-apn');
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const provider = new apn.Provider({
    token: { key: privateKey.export({ type: 'pkcs8', format: 'pem' }), keyId: 'ABC123DEFG', teamId: 'TEAM123456' },
    address: `127.0.0.1:${port}`,
    port, // http2.connect gives options.port precedence over the URL
    ca: ca.certPem,
    production: false,
  });
  const note = new apn.Notification({ alert: { title: 'Bench', body: 'Hello from the benchmark' }, sound: 'default' });
  note.topic = 'com.example.bench';
  note.pushType = 'alert';
  // node-apn writes a whole batch at once; batches of CONCURRENCY keep it within what it survives.
  const started = performance.now();
  const cpu = process.cpuUsage();
  let sent = 0;
  for (let offset = 0; offset < TOTAL; offset += CONCURRENCY) {
    const tokens = Array.from({ length: Math.min(CONCURRENCY, TOTAL - offset) }, (_, k) => token(offset + k));
    const result = await provider.send(note, tokens);
    if (result.failed.length > 0) throw new Error(`node-apn: ${JSON.stringify(result.failed[0])}`);
    sent += result.sent.length;
  }
  const rps = sent / ((performance.now() - started) / 1000);
  const used = process.cpuUsage(cpu);
  lastCpuPerRequest = (used.user + used.system) / sent;
  await provider.shutdown();
  return rps;
}

const clients = {
  'bare node:http2': bareHttp2,
  '@parse/node-apn': nodeApn,
  'ours, recording off': () => ours(false),
  'ours, recording on': () => ours(true),
};
// BENCH_ONLY=<regexp> runs just the matching clients (for profiling).
if (process.env.BENCH_ONLY)
  for (const name of Object.keys(clients)) if (!new RegExp(process.env.BENCH_ONLY).test(name)) delete clients[name];
const best = Object.fromEntries(Object.keys(clients).map((name) => [name, 0]));
// Client CPU per request is far less sensitive to other load on the machine than throughput.
const leastCpu = Object.fromEntries(Object.keys(clients).map((name) => [name, Infinity]));
const loadBefore = loadavg()[0];
console.log(`${TOTAL.toLocaleString('en-US')} requests per run, ${CONCURRENCY} in flight, best of ${ROUNDS} rounds`);
if (!process.env.BENCH_NO_WARMUP) await bareHttp2(); // warm-up: JIT on both sides, server session machinery
for (let round = 1; round <= ROUNDS; round++) {
  for (const [name, run] of Object.entries(clients)) {
    const rps = await run();
    best[name] = Math.max(best[name], rps);
    if (lastCpuPerRequest) leastCpu[name] = Math.min(leastCpu[name], lastCpuPerRequest);
    const cpu = lastCpuPerRequest ? `, client CPU ${lastCpuPerRequest.toFixed(1)} µs/request` : '';
    lastCpuPerRequest = 0;
    console.log(
      `  round ${round}  ${name.padEnd(22)} ${Math.round(rps).toLocaleString('en-US').padStart(8)} req/s${cpu}`,
    );
  }
}
child.kill();

if (!['bare node:http2', 'ours, recording off', 'ours, recording on'].every((name) => name in best)) process.exit(0);
const bare = best['bare node:http2'];
const off = best['ours, recording off'];
const on = best['ours, recording on'];
console.log('\nBest throughput:');
for (const [name, rps] of Object.entries(best))
  console.log(
    `  ${name.padEnd(22)} ${Math.round(rps).toLocaleString('en-US').padStart(8)} req/s  (${(rps / bare).toFixed(2)}× bare)`,
  );
console.log('Least client CPU per request (same work, load-independent):');
for (const [name, cpu] of Object.entries(leastCpu))
  if (Number.isFinite(cpu)) console.log(`  ${name.padEnd(22)} ${cpu.toFixed(1).padStart(8)} µs`);
const cpuOff = leastCpu['bare node:http2'] / leastCpu['ours, recording off'];
const cpuRecording = 1 - leastCpu['ours, recording off'] / leastCpu['ours, recording on'];
console.log(
  `  by CPU: ours (recording off) = ${cpuOff.toFixed(2)}× bare node:http2; recording on costs ${(cpuRecording * 100).toFixed(1)}%`,
);
const load = Math.max(loadBefore, loadavg()[0]);
if (load > cpus().length)
  console.log(`Note: load average ${load.toFixed(1)} on ${cpus().length} cores; throughput figures are unreliable.`);
const offRatio = off / bare;
const recordingCost = 1 - on / off;
const bars = [
  [`ours (recording off) / bare node:http2 = ${offRatio.toFixed(2)} (bar ≥ 0.80)`, offRatio >= 0.8],
  [`recording cost = ${(recordingCost * 100).toFixed(1)}% (bar ≤ 15%)`, recordingCost <= 0.15],
  ...('@parse/node-apn' in best
    ? [[`ours (recording off) / node-apn = ${(off / best['@parse/node-apn']).toFixed(2)}`, true]]
    : []),
];
for (const [text, ok] of bars) console.log(`${ok ? 'PASS' : 'FAIL'}  ${text}`);
process.exitCode = bars.every(([, ok]) => ok) ? 0 : 1;
