#!/usr/bin/env node
// Heap bytes the history index keeps per bulk-send target (one SendResult and one Exchange each),
// measured live (records recorded in this process) and after reopening the folder from disk.
// A 100,000-target bulk send must stay under its RSS bar, and this index grows with every target.
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle } from './bundle.mjs';

const N = Number(process.env.BENCH_HISTORY ?? 20_000);

if (typeof global.gc !== 'function') {
  // Heap numbers only mean something right after a full collection.
  const child = fork(fileURLToPath(import.meta.url), process.argv.slice(2), { execArgv: ['--expose-gc'] });
  child.on('exit', (code) => process.exit(code ?? 1));
} else {
  const { HistoryStore } = await (
    await bundle('bench-history', { store: 'main/core/workspace/history/store.ts' })
  ).load('store');

  const heap = async () => {
    for (let i = 0; i < 3; i++) {
      global.gc();
      await new Promise((resolve) => setImmediate(resolve));
    }
    return process.memoryUsage().heapUsed;
  };

  const BAD = 'The device token is not valid for the topic or environment.';
  /** What the APNs provider and transport produce for one target (shared strings shared, as live). */
  function target(i) {
    const token = i.toString(16).padStart(64, '0');
    const rejected = i % 20 === 0;
    const startedAt = new Date(Date.UTC(2026, 10, 23, 10) + i * 7).toISOString();
    const exchangeId = randomUUID();
    const exchange = {
      id: exchangeId,
      startedAt,
      purpose: 'send',
      provider: 'apns',
      target: token,
      method: 'POST',
      url: `https://127.0.0.1:44321/3/device/${token}`,
      httpVersion: '2',
      requestHeaders: [
        [':method', 'POST'],
        [':path', `/3/device/${token}`],
        ['authorization', 'bearer [redacted]'],
        ['apns-topic', 'com.example.app'],
        ['apns-push-type', 'alert'],
      ],
      requestBody: {
        encoding: 'text',
        data: '{"aps":{"alert":{"title":"Bench","body":"Hello"}}}',
        size: 49,
        truncated: false,
      },
      status: rejected ? 400 : 200,
      responseHeaders: [
        [':status', rejected ? '400' : '200'],
        ['apns-id', randomUUID()],
        ['apns-unique-id', randomUUID()],
      ],
      responseBody: rejected
        ? { encoding: 'text', data: '{"reason":"BadDeviceToken"}', size: 27, truncated: false }
        : null,
      timings: {
        dns: -1,
        connect: -1,
        tls: -1,
        send: 0.21,
        ttfb: 3.4 + (i % 97) / 10,
        download: 0.05,
        total: 3.7 + (i % 89) / 10,
      },
      tls: null,
      connectionId: 1 + (i % 4),
      connectionReused: true,
      remoteAddress: '127.0.0.1',
      error: null,
      redactions: ['authorization'],
    };
    const result = {
      id: randomUUID(),
      provider: 'apns',
      target: token,
      outcome: rejected ? 'rejected' : 'accepted',
      status: exchange.status,
      reason: rejected ? 'BadDeviceToken' : null,
      explanation: rejected ? BAD : null,
      hint: rejected ? 'Check the token and the environment.' : null,
      messageIds: { 'apns-id': exchange.responseHeaders[1][1], 'apns-unique-id': exchange.responseHeaders[2][1] },
      retryable: false,
      deviceStateChange: null,
      exchangeIds: [exchangeId],
      durationMs: exchange.timings.total + 0.013,
      startedAt,
    };
    return { exchange, result };
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'pc-history-memory-'));
  try {
    const store = new HistoryStore(dataDir, { flushIntervalMs: 60_000 });
    await store.ready();
    const before = await heap();
    for (let i = 0; i < N; i++) {
      const { exchange, result } = target(i);
      store.recordExchange(exchange);
      store.recordSend(result, null);
      if (i % 1000 === 999) await store.flush();
    }
    await store.flush();
    const live = (await heap()) - before;
    const check = await store.listSends({}, null, 1);
    if (check.total !== N) throw new Error(`expected ${N} sends, indexed ${check.total}`);
    await store.close();

    const base = await heap();
    const reopened = new HistoryStore(dataDir, { flushIntervalMs: 60_000 });
    await reopened.ready();
    const loaded = (await heap()) - base;
    const again = await reopened.listExchanges({}, null, 1);
    if (again.total !== N) throw new Error(`expected ${N} exchanges, indexed ${again.total}`);
    await reopened.close();

    const perTarget = (bytes) => Math.round(bytes / N);
    console.log(`history index, ${N.toLocaleString('en-US')} targets (1 send + 1 exchange each):`);
    console.log(`  live:     ${perTarget(live)} bytes/target (${Math.round(live / 2 / N)} bytes/entry)`);
    console.log(`  reopened: ${perTarget(loaded)} bytes/target (${Math.round(loaded / 2 / N)} bytes/entry)`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
