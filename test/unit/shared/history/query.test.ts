import { describe, expect, it } from 'vitest';
import {
  exchangeQueryMatcher,
  isEmptyQuery,
  needsFullText,
  parseExchangeQuery,
  type ExchangeText,
} from '../../../../shared/history/query';
import { summarizeExchange } from '../../../../shared/history/summary';
import { makeExchange } from '../../../support/history-fixtures';
import { PROVIDER_IDS } from '../../../../shared/providers/ids';

/** Headers and bodies of a plain list, read the way main's index reads them. */
function textOf(headers: Array<[string, string]>, bodies: string[] = []): ExchangeText {
  const parts = headers.map(([n, v]) => `${n.toLowerCase()}: ${v.toLowerCase()}`);
  return {
    contains: (text) => parts.some((p) => p.includes(text)) || bodies.some((b) => b.toLowerCase().includes(text)),
    hasHeader: (name, value) =>
      headers.some(([n, v]) => n.toLowerCase() === name && (value === null || v.toLowerCase().includes(value))),
  };
}

describe('the exchange search box language', () => {
  it('reads words, phrases and each field filter', () => {
    const { query, errors } = parseExchangeQuery(
      'BadDevice "hello world" status:410 status:5xx reason:BadDeviceToken header:apns-id=AB-12 header:TrackingId ' +
        'provider:WNS purpose:auth method:post',
    );
    expect(errors).toEqual([]);
    expect(query).toEqual({
      terms: ['baddevice', 'hello world'],
      statuses: [410, '5xx'],
      reasons: ['baddevicetoken'],
      headers: [
        { name: 'apns-id', value: 'ab-12' },
        { name: 'trackingid', value: null },
      ],
      providers: ['wns'],
      purposes: ['auth'],
      methods: ['POST'],
    });
    expect(parseExchangeQuery('header:x-note="two words"').query.headers).toEqual([
      { name: 'x-note', value: 'two words' },
    ]);
  });

  it('keeps ids with colons as text: an FCM name, a :path, a URL', () => {
    const { query, errors } = parseExchangeQuery('projects/p/messages/0:1712 :path https://x/y');
    expect(errors).toEqual([]);
    expect(query.terms).toEqual(['projects/p/messages/0:1712', ':path', 'https://x/y']);
    expect(needsFullText(query)).toBe(true);
  });

  it('says which filter it could not read, and leaves only that one out', () => {
    const { query, errors } = parseExchangeQuery('status:gone provider:sms purpose:x header: reason: ok');
    expect(errors).toEqual([
      'status: takes a code such as 410, a class such as 4xx, or none (not "gone").',
      `provider: is one of ${PROVIDER_IDS.join(', ')} (not "sms").`,
      'purpose: is one of send, auth, other (not "x").',
      'header: needs a name, such as header:apns-id=… or header:TrackingId.',
      'reason: needs a reason, such as reason:BadDeviceToken.',
    ]);
    expect(query.terms).toEqual(['ok']);
    expect(isEmptyQuery(parseExchangeQuery('  ').query)).toBe(true);
    expect(needsFullText(parseExchangeQuery('status:410 provider:wns').query)).toBe(false);
  });

  it('matches summary fields, headers and bodies; all terms and fields must hold', () => {
    const row = { ...summarizeExchange(makeExchange(3, { status: 410 })), reason: 'Unregistered' };
    const text = textOf(
      [
        ['apns-id', 'AAAA-1111'],
        [':path', '/3/device/abc'],
      ],
      ['{"aps":{"alert":"Sale ends"}}'],
    );
    const matches = (input: string) => exchangeQueryMatcher(parseExchangeQuery(input).query)(row, text);
    expect(matches('aaaa-1111')).toBe(true);
    expect(matches('"sale ends"')).toBe(true);
    expect(matches('status:410 reason:unregistered')).toBe(true);
    expect(matches('status:4xx header:apns-id=aaaa')).toBe(true);
    expect(matches('header:apns-id')).toBe(true);
    expect(matches('ex-3 sale')).toBe(true);
    expect(matches('status:400 status:410')).toBe(true);
    expect(matches('status:200')).toBe(false);
    expect(matches('header:apns-id=bbbb')).toBe(false);
    expect(matches('header:trackingid')).toBe(false);
    expect(matches('sale nothing-like-this')).toBe(false);
    expect(matches('purpose:auth')).toBe(false);
    expect(matches(`provider:${row.provider}`)).toBe(true);
    // Regular-expression characters in a term are plain text.
    expect(matches('token3')).toBe(true);
    expect(matches('token.')).toBe(false);
    expect(matches('(ex-3')).toBe(false);
  });
});
