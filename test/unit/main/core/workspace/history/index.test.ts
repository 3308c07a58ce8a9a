import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Exchange } from '../../../../../../shared/domain/exchange';
import { sendResultSchema, type SendResult } from '../../../../../../shared/domain/send-result';
import {
  exchangeMatcher,
  sendMatcher,
  summarizeExchange,
  type ExchangeSummary,
  type HistoryFilter,
} from '../../../../../../shared/history/summary';
import { HistoryStore } from '../../../../../../main/core/workspace/history/store';
import { makeExchange, makeResult } from '../../../../../support/history-fixtures';

let dataDir: string;
let store: HistoryStore | null = null;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'pc-history-index-'));
});
afterEach(async () => {
  await store?.close();
  store = null;
  await rm(dataDir, { recursive: true, force: true });
});

type Recorded = { type: 'exchange'; exchange: Exchange } | { type: 'send'; result: SendResult; hasRequest: boolean };

/** Records the compact index must not lose anything of: odd times, urls, ids, nulls. */
function varied(count: number): Recorded[] {
  const out: Recorded[] = [];
  for (let i = 0; i < count; i++) {
    const base = makeExchange(i);
    const exchange: Exchange =
      i % 9 === 0
        ? {
            ...base,
            target: undefined,
            provider: undefined,
            purpose: 'auth',
            url: `https://oauth2.example/token?i=${i}`,
          }
        : i % 13 === 0
          ? { ...base, startedAt: `2026-11-23T10:${String(i % 60).padStart(2, '0')}:00Z`, url: `${base.url}?x=1` }
          : i % 17 === 0
            ? { ...base, status: null, error: { code: 'ECONNRESET', message: 'reset' }, method: 'GET' }
            : i % 19 === 0
              ? { ...base, target: '', url: 'https://127.0.0.1:4433/' }
              : base;
    // A bulk APNs send: the url ends with the result's full device token (the index shares it).
    const token = i % 4 === 2 ? i.toString(16).padStart(64, '0') : null;
    if (token) exchange.url = `https://127.0.0.1:4433/3/device/${token}`;
    out.push({ type: 'exchange', exchange });
    const twoExchanges = i % 8 === 0 && i > 0;
    const result = makeResult(i, {
      ...(i % 5 === 1 ? { reason: 'Unregistered', explanation: 'The device token is inactive.', hint: 'Stop.' } : {}),
      ...(i % 6 === 0 ? { messageIds: { 'apns-id': `id-${i}`, 'apns-unique-id': `uid-${i}` } } : {}),
      ...(i % 10 === 3 ? { messageIds: {} } : {}),
      ...(twoExchanges ? { exchangeIds: [`ex-${i - 1}`, `ex-${i}`] } : {}),
      ...(i % 11 === 4 ? { exchangeIds: [], startedAt: '2026-11-23T10:00:04.5+00:00' } : {}),
      ...(i % 7 === 2 ? { status: null, outcome: 'failed' as const, retryAfterSeconds: 30 } : {}),
      ...(token ? { target: token } : {}),
    });
    out.push({ type: 'send', result, hasRequest: i % 3 === 0 });
  }
  return out;
}

/**
 * What the index used to keep: whole summaries, each sending exchange's reason taken from its
 * result (a token fetch keeps its own).
 */
function baseline(records: Recorded[]) {
  const exchanges: ExchangeSummary[] = [];
  const sends: Array<SendResult & { hasRequest: boolean; credentialId?: string; environment?: string }> = [];
  for (const record of records) {
    if (record.type === 'exchange') {
      exchanges.push(summarizeExchange(record.exchange));
      continue;
    }
    // A send that kept its request also says how it went out (credential, environment).
    const via = record.hasRequest ? { credentialId: request.credential, environment: request.environment } : {};
    sends.push({ ...record.result, hasRequest: record.hasRequest, ...via });
    for (const id of record.result.exchangeIds) {
      const row = exchanges.findLast((summary) => summary.id === id);
      if (row?.purpose === 'send' && record.result.reason) row.reason = record.result.reason;
    }
  }
  return { exchanges: exchanges.reverse(), sends: sends.reverse() };
}

const request = { provider: 'apns', credential: 'c', environment: 'local', target: 't', payload: '{}', options: {} };

function fill(target: HistoryStore, records: Recorded[]): void {
  for (const record of records) {
    if (record.type === 'exchange') target.recordExchange(record.exchange);
    else target.recordSend(record.result, record.hasRequest ? (request as never) : null);
  }
}

const filters: HistoryFilter[] = [
  {},
  { provider: ['apns', 'fcm'] },
  { statusClass: ['4xx', 'error'] },
  { reason: 'UNREGISTERED' },
  { reason: 'econnreset' },
  { text: 'token1' },
  { text: 'oauth2.example/token?i=9' },
  { text: '127.0.0.1:4433/3/device/token4' },
  { text: 'device-4 https' },
  { text: 'post 400' },
  { text: 'get ' },
  { text: 'uid-1' },
  { text: 'ex-7 ex-8' },
  { text: 'inactive' },
  { text: 'failed' },
  { text: 'apns device-1' },
  { since: '2026-11-23T10:00:30' },
  { since: '2026-11-23T10:00:04.5' },
  { since: '2026-11-23T10:00:05.000Z' },
  { since: '2026-11-23T10:04:58.000ZZ' },
  { since: '2026' },
  { provider: ['wns'], statusClass: ['2xx'], since: '2026-11-23T10:00:10.000Z', text: 'SEND-' },
];

/** JSON keeps key order, so this also checks fields come back in the same order as before. */
const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

describe('HistoryStore index', () => {
  it('lists and filters exactly as whole summaries and results did, live and after reopening', async () => {
    const records = varied(300);
    const expected = baseline(records);
    store = new HistoryStore(dataDir, { flushIntervalMs: 60_000 });
    fill(store, records);
    for (const reopen of [false, true]) {
      if (reopen) {
        await store.close();
        store = new HistoryStore(dataDir, { flushIntervalMs: 60_000 });
      }
      for (const filter of filters) {
        const matchExchange = exchangeMatcher(filter);
        const exchanges = expected.exchanges.filter(matchExchange);
        const listed = await store.listExchanges(filter, null, 1000);
        expect(listed.items, JSON.stringify(filter)).toEqual(exchanges);
        expect(JSON.stringify(listed.items)).toBe(JSON.stringify(exchanges));
        expect(listed.total).toBe(exchanges.length);

        const matchSend = sendMatcher(filter);
        const sends = expected.sends.filter(matchSend);
        const page = await store.listSends(filter, null, 1000);
        expect(json(page.items), JSON.stringify(filter)).toEqual(json(sends));
        // Read back from disk, fields come in schema order, as they did after a reopen before;
        // live objects had the sender's order, which the contract's output parse resets anyway.
        const onDisk = sends.map((send) => ({
          ...sendResultSchema.parse(send),
          hasRequest: send.hasRequest,
          ...(send.credentialId ? { credentialId: send.credentialId, environment: send.environment } : {}),
        }));
        if (reopen) expect(JSON.stringify(page.items)).toBe(JSON.stringify(onDisk));
        expect(page.total).toBe(sends.length);
      }
      // Every filter picks something, so none of the comparisons above is vacuous.
      for (const filter of filters) {
        const picked = expected.exchanges.filter(exchangeMatcher(filter)).length;
        expect(picked + expected.sends.filter(sendMatcher(filter)).length, JSON.stringify(filter)).toBeGreaterThan(0);
      }
    }
  });

  it('pages with a cursor over the same rows, and finds records by id after older files are dropped', async () => {
    const records = varied(120);
    const expected = baseline(records);
    store = new HistoryStore(dataDir, { flushIntervalMs: 60_000, rotateBytes: 8 * 1024, maxTotalBytes: 40 * 1024 });
    fill(store, records);
    const kept = await store.listExchanges({}, null, 10_000);
    expect(kept.total).toBeLessThan(120);
    expect(kept.total).toBeGreaterThan(10);
    const seen: ExchangeSummary[] = [];
    for (let cursor: number | null = null; ;) {
      const page = await store.listExchanges({}, cursor, 7);
      seen.push(...page.items);
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(expected.exchanges.slice(0, kept.total));
    const oldest = seen.at(-1)!.id;
    expect(await store.getExchange(oldest)).not.toBeNull();
    expect(await store.getExchange('ex-0')).toBeNull();
    const sends = await store.listSends({}, null, 10_000);
    const newest = sends.items[0]!;
    expect((await store.getSend(newest.id))?.result.id).toBe(newest.id);
    expect(await store.getSend('send-0')).toBeNull();
    const har = await store.exchangesFor({ ids: [oldest, 'ex-0', seen[0]!.id] }, 10);
    expect(har.map((exchange) => exchange.id)).toEqual([oldest, seen[0]!.id]);
    const filtered = await store.exchangesFor({ filter: { provider: ['apns'] } }, 3);
    expect(filtered.map((exchange) => exchange.id)).toEqual(
      expected.exchanges
        .filter((row) => row.provider === 'apns')
        .slice(0, 3)
        .map((row) => row.id)
        .reverse(),
    );
  });

  it('finds the newest record when an id repeats, across thousands of ids', async () => {
    store = new HistoryStore(dataDir, { flushIntervalMs: 60_000 });
    for (let i = 0; i < 5000; i++) store.recordExchange(makeExchange(i, { requestHeaders: [], requestBody: null }));
    store.recordExchange(makeExchange(42, { method: 'PUT' }));
    for (const i of [0, 1, 999, 2048, 4999]) expect((await store.getExchange(`ex-${i}`))?.id).toBe(`ex-${i}`);
    expect((await store.getExchange('ex-42'))?.method).toBe('PUT');
    expect(await store.getExchange('ex-5000')).toBeNull();
  });
});
