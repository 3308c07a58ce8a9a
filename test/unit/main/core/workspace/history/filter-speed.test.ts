import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SendResult } from '../../../../../../shared/domain/send-result';
import {
  exchangeMatcher,
  sendMatcher,
  summarizeExchange,
  type ExchangeSummary,
  type HistoryFilter,
} from '../../../../../../shared/history/summary';
import { HistoryStore } from '../../../../../../main/core/workspace/history/store';
import { makeExchange, makeResult } from '../../../../../support/history-fixtures';

const COUNT = 50_000;
let dataDir: string;
let store: HistoryStore;
const summaries: ExchangeSummary[] = [];
const results: SendResult[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'pc-history-speed-'));
  store = new HistoryStore(dataDir, { flushIntervalMs: 60_000 });
  for (let i = 0; i < COUNT; i++) {
    const exchange = makeExchange(i, { requestHeaders: [], responseHeaders: [], requestBody: null });
    const result = makeResult(i);
    store.recordExchange(exchange);
    store.recordSend(result, null);
    summaries.push(summarizeExchange(exchange, result.reason));
    results.push(result);
  }
  await store.flush();
}, 60_000);
afterAll(async () => {
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** The fastest of a few runs, after a warm-up: the steady cost, not a GC pause. */
async function fastest(run: () => unknown): Promise<number> {
  await run();
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/** What the index did before: whole objects in an array, newest first, a page of 100. */
function inMemory<T>(rows: readonly T[], match: (row: T) => boolean): { total: number; page: T[] } {
  const page: T[] = [];
  let total = 0;
  for (let i = rows.length - 1; i >= 0; i--) {
    if (!match(rows[i]!)) continue;
    total++;
    if (page.length < 100) page.push(rows[i]!);
  }
  return { total, page };
}

const filters: HistoryFilter[] = [
  { text: 'token4999' },
  { provider: ['apns'], statusClass: ['4xx'] },
  { reason: 'baddevicetoken' },
  { since: '2026-11-23T20:00:00.000Z' },
];

describe(`HistoryStore filters over ${COUNT.toLocaleString('en-US')} records`, () => {
  it('keep within a small factor of filtering whole objects in memory', async () => {
    const report: string[] = [];
    for (const filter of filters) {
      const exchangeMatch = exchangeMatcher(filter);
      const expected = inMemory(summaries, exchangeMatch);
      const listed = await store.listExchanges(filter, null, 100);
      expect(listed.total).toBe(expected.total);
      expect(listed.items).toEqual(expected.page);
      const base = await fastest(() => inMemory(summaries, exchangeMatcher(filter)));
      const ours = await fastest(() => store.listExchanges(filter, null, 100));

      const sendMatch = sendMatcher(filter);
      const expectedSends = inMemory(results, sendMatch);
      const sends = await store.listSends(filter, null, 100);
      expect(sends.total).toBe(expectedSends.total);
      expect(sends.items.map((item) => item.id)).toEqual(expectedSends.page.map((item) => item.id));
      const sendBase = await fastest(() => inMemory(results, sendMatcher(filter)));
      const sendOurs = await fastest(() => store.listSends(filter, null, 100));

      report.push(
        `${JSON.stringify(filter)}: exchanges ${ours.toFixed(1)} vs ${base.toFixed(1)} ms, sends ${sendOurs.toFixed(1)} vs ${sendBase.toFixed(1)} ms`,
      );
      const line = report.at(-1);
      // Columns cost a getter call per field read, and a send page is read from disk: a few
      // times the in-memory pass, plus a constant for the flush and the page's reads.
      expect(ours, line).toBeLessThanOrEqual(base * 5 + 20);
      expect(sendOurs, line).toBeLessThanOrEqual(sendBase * 5 + 40);
    }
    console.log(`filter latency on ${COUNT} records (store vs in-memory):\n  ${report.join('\n  ')}`);
  }, 60_000);
});
