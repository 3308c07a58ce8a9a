import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryStore } from '../../../../../../main/core/workspace/history/store';
import { parseExchangeQuery } from '../../../../../../shared/history/query';
import { makeExchange, makeResult } from '../../../../../support/history-fixtures';

let dataDir: string;
const stores: HistoryStore[] = [];
const open = () => {
  const store = new HistoryStore(dataDir);
  stores.push(store);
  return store;
};
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'pc-history-search-'));
});
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  await rm(dataDir, { recursive: true, force: true });
});

const search = async (store: HistoryStore, input: string) =>
  (await store.searchExchanges(parseExchangeQuery(input).query, 100)).items;

/** A WNS send: its token fetch first, then the notification, one result naming both. */
function recordWnsSend(store: HistoryStore): void {
  store.recordExchange(
    makeExchange(1, {
      purpose: 'auth',
      provider: 'wns',
      url: 'https://login.live.com/accesstoken.srf',
      requestHeaders: [['content-type', 'application/x-www-form-urlencoded']],
      responseHeaders: [[':status', '200']],
      status: 200,
      responseBody: null,
    }),
  );
  store.recordExchange(
    makeExchange(2, {
      provider: 'wns',
      responseHeaders: [
        ['X-WNS-Msg-ID', '3F1C8A5B2D4E6F70'],
        ['X-WNS-Status', 'received'],
      ],
      status: 200,
    }),
  );
  store.recordSend(makeResult(2, { provider: 'wns', reason: 'received', exchangeIds: ['ex-1', 'ex-2'] }), null);
}

describe('HistoryStore search (the exchange search box)', () => {
  it('finds header values and body text, live, after reopening, and as another process wrote them', async () => {
    const writer = open();
    recordWnsSend(writer);
    writer.recordExchange(
      makeExchange(3, {
        responseBody: {
          encoding: 'text',
          data: '{"name":"projects/demo/messages/0:1712"}',
          size: 40,
          truncated: false,
        },
      }),
    );
    expect(await search(writer, '3f1c8a5b2d4e6f70')).toEqual(['ex-2']);
    expect(await search(writer, 'messages/0:1712')).toEqual(['ex-3']);
    expect(await search(writer, 'purpose:auth')).toEqual(['ex-1']);
    const reader = open();
    expect(await search(reader, 'header:x-wns-msg-id=3F1C')).toEqual(['ex-2']);
    writer.recordExchange(makeExchange(4, { responseHeaders: [['apns-unique-id', 'c0ffee00-aaaa']] }));
    await writer.flush();
    expect(await search(reader, 'c0ffee00')).toEqual(['ex-4']);
    expect(await search(reader, 'nothing-has-this')).toEqual([]);
  });

  it("keeps a send's reason off the token fetch it made on its way, live and after reopening", async () => {
    const store = open();
    recordWnsSend(store);
    const reasons = async (s: HistoryStore) =>
      (await s.listExchanges({}, null, 10)).items.map((row) => [row.id, row.purpose, row.reason]);
    const expected = [
      ['ex-2', 'send', 'received'],
      ['ex-1', 'auth', null],
    ];
    expect(await reasons(store)).toEqual(expected);
    await store.close();
    expect(await reasons(open())).toEqual(expected);
  });

  it('holds no headers or bodies in memory until a query reads them, then keeps up with new ones', async () => {
    const store = open();
    for (let i = 1; i <= 50; i++)
      store.recordExchange(makeExchange(i, { responseHeaders: [['apns-id', `id-${i}-0ff1ce`]] }));
    await store.flush();
    expect(store.textIndexed).toBe(0);
    // A row-field query answered in the page never builds it; the first text query does.
    const first = store.searchExchanges(parseExchangeQuery('id-7-0ff1ce').query, 100);
    // Recorded while the index is being read from the files: found too, once.
    store.recordExchange(makeExchange(51, { responseHeaders: [['apns-id', 'id-51-0ff1ce']] }));
    expect((await first).items).toEqual(['ex-7']);
    expect(await search(store, '0ff1ce')).toHaveLength(51);
    store.recordExchange(makeExchange(52, { responseHeaders: [['apns-id', 'late-c0de']] }));
    expect(await search(store, 'late-c0de')).toEqual(['ex-52']);
    expect(store.textIndexed).toBe(52);
    const reopened = open();
    await reopened.ready();
    expect(reopened.textIndexed).toBe(0);
    expect(await search(reopened, 'id-51-0ff1ce')).toEqual(['ex-51']);
  });
});
