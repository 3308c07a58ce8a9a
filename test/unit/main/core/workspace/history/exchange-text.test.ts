import { describe, expect, it } from 'vitest';
import { ExchangeTextIndex } from '../../../../../../main/core/workspace/history/exchange-text';
import { parseExchangeQuery } from '../../../../../../shared/history/query';
import { makeExchange } from '../../../../../support/history-fixtures';

function found(index: ExchangeTextIndex, ids: string[], input: string, kind: 'contains' | 'header'): string[] {
  const { query } = parseExchangeQuery(input);
  const text = index.prepare(query);
  return ids.filter((id) => {
    if (!text.at(id)) return false;
    if (kind === 'header') return query.headers.every((h) => text.hasHeader(h.name, h.value));
    return query.terms.every((t) => text.contains(t));
  });
}

describe('the exchange text index (headers and bodies for the search box)', () => {
  it('finds header values, body text and error messages, case-insensitively', () => {
    const index = new ExchangeTextIndex();
    index.add(makeExchange(1, { responseHeaders: [['X-WNS-Msg-ID', '1A2B3C4D5E6F7A8B']] }));
    index.add(
      makeExchange(2, {
        responseBody: { encoding: 'text', data: '{"name":"projects/p/messages/0:99"}', size: 10, truncated: false },
      }),
    );
    index.add(makeExchange(3, { error: { code: 'ECONNRESET', message: 'socket hang up' } }));
    const ids = ['ex-1', 'ex-2', 'ex-3', 'ex-4'];
    expect(found(index, ids, '1a2b3c4d5e6f7a8b', 'contains')).toEqual(['ex-1']);
    expect(found(index, ids, 'projects/p/messages/0:99', 'contains')).toEqual(['ex-2']);
    expect(found(index, ids, '"hang up"', 'contains')).toEqual(['ex-3']);
    expect(found(index, ids, 'header:x-wns-msg-id=1A2B', 'header')).toEqual(['ex-1']);
    // The name alone is a header test, not a substring of some other header's value.
    expect(found(index, ids, 'header:apns-id', 'header')).toEqual(['ex-2', 'ex-3']);
    expect(found(index, ids, 'header:apns-topic=com.example', 'header')).toEqual(['ex-1', 'ex-2', 'ex-3']);
  });

  it('finds a Web Push send by the text of its payload before encryption', () => {
    const index = new ExchangeTextIndex();
    index.add(
      makeExchange(1, {
        requestPlaintext: { encoding: 'text', data: '{"title":"Flash sale"}', size: 22, truncated: false },
      }),
    );
    index.add(makeExchange(2));
    expect(found(index, ['ex-1', 'ex-2'], '"flash sale"', 'contains')).toEqual(['ex-1']);
  });

  it('shares parts between alike exchanges, and forgets the ones removed with their parts', () => {
    const index = new ExchangeTextIndex();
    for (let i = 0; i < 1000; i++) index.add(makeExchange(i));
    const ids = Array.from({ length: 1000 }, (_, i) => `ex-${i}`);
    expect(found(index, ids, 'id-999', 'contains')).toEqual(['ex-999']);
    index.retain((id) => id !== 'ex-999' && id !== 'ex-998');
    expect(index.size).toBe(998);
    expect(found(index, ids, 'id-999', 'contains')).toEqual([]);
    expect(found(index, ids, 'id-997', 'contains')).toEqual(['ex-997']);
    expect(found(index, ids, 'header:apns-topic', 'header')).toHaveLength(998);
  });
});
