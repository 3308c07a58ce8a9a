// The app's own bulk sends (Sender, provider, transport, history), in a process started with the
// same V8 flags as every process that runs the core (scripts/core-v8-flags.mjs), so the memory
// measured is the memory the app would use. The parent sends one run at a time.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Writable } from 'node:stream';

const bundleDir = process.argv[2];
const load = (name) => import(pathToFileURL(join(bundleDir, `${name}.mjs`)).href);
const { createCore } = await load('core');
const { createLocalServices } = await load('local');
const { BulkRun } = await load('bulk');
const { publishLocalEnvironment } = await load('local-env');
const { WrittenFirstPrinter } = await load('printer');

let setup;
process.on('message', async (message) => {
  if (message.setup) {
    setup = message.setup;
    process.send({ ready: true });
    return;
  }
  if (message.run) {
    try {
      const { count, record, page, print, stub } = message.run;
      process.send({ result: await ours(count, record, page, print, stub) });
    } catch (error) {
      process.send({ error: error instanceof Error ? error.message : String(error) });
    }
  }
  if (message === 'exit') process.exit(0);
});
process.send({ loaded: true });

/**
 * One bulk send; returns its rate and the peak RSS seen meanwhile. With `page`, a renderer
 * listens as browser mode's socket does (each event serialized into a frame), as when the send
 * runs with a window open. With `print`, each final result becomes the line `bulk --json-lines`
 * prints, to a stream that drops it: 'direct' writes it at once (the CLI before results waited for
 * history), 'after-history' through the CLI's WrittenFirstPrinter.
 */
async function ours(count, record, page = false, print = null, stub = false) {
  const { caPem, baseUrl, key, payload } = setup;
  const dir = mkdtempSync(join(tmpdir(), 'pc-bench-bulk-'));
  const core = await createCore({
    local: createLocalServices,
    ...(stub ? { transport: stubTransport } : {}),
    mode: 'browser',
    dataDir: dir,
    ephemeralSecrets: true,
    log: () => {},
  });
  try {
    await publishLocalEnvironment(dir, {
      pid: process.pid,
      startedAt: new Date().toISOString(),
      ca: caPem,
      apns: baseUrl,
      admin: {},
    });
    const meta = await core.credentials.import({
      kind: 'apns-token',
      file: Buffer.from(key.keyPem),
      fileName: `AuthKey_${key.keyId}.p8`,
      keyId: key.keyId,
      teamId: key.teamId,
      label: 'bench',
    });
    const request = {
      provider: 'apns',
      credential: meta.id,
      environment: 'local',
      target: '',
      options: { pushType: 'alert', priority: 10, topic: 'com.example.bench' },
      payload,
    };
    const frames = { count: 0, bytes: 0 };
    if (page)
      core.events.subscribeRenderer((event, payload) => {
        frames.count++;
        frames.bytes += JSON.stringify({ event, payload }).length;
      });
    const targets = Array.from({ length: count }, (_, i) => ({ target: i.toString(16).padStart(64, '0') }));
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    // CPU from the first target to the last result written to history, without the core's set-up.
    const cpu = process.cpuUsage();
    const started = performance.now();
    const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
    const printer = print === 'after-history' ? new WrittenFirstPrinter(core.history, sink) : null;
    const line = (item, result) =>
      JSON.stringify({ ...item, explanation: result.explanation, messageIds: result.messageIds });
    const run = new BulkRun(core.sender, core.events, request, targets, {
      concurrency: setup.concurrency,
      record,
      ...(print === 'direct' ? { onFinal: (item, result) => sink.write(`${line(item, result)}\n`) } : {}),
      ...(printer ? { onFinal: (item, result) => printer.print(line(item, result)) } : {}),
    });
    const progress = await run.run();
    await printer?.settled();
    await core.history.written();
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    if (progress.accepted !== count) {
      const sample = run
        .results(0, 3, { outcome: 'rejected' })
        .items.concat(run.results(0, 3, { outcome: 'failed' }).items);
      throw new Error(`ours: ${progress.accepted}/${count} accepted; e.g. ${JSON.stringify(sample)}`);
    }
    return { rps: count / seconds, peakMb: peak / 1024 / 1024, frames, cpu: used };
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A transport that answers every request at once as APNs accepts a push (200 and an apns-id),
 * recording nothing: what a bulk run costs with it is what the layers above the transport cost.
 */
function stubTransport() {
  return {
    async request() {
      const exchangeId = randomUUID();
      return {
        status: 200,
        headers: [
          [':status', '200'],
          ['apns-id', randomUUID()],
        ],
        body: Buffer.alloc(0),
        httpVersion: '2',
        exchange: null,
        exchangeId,
        durationMs: 0,
      };
    },
    async close() {},
  };
}
