import { describe, expect, it } from 'vitest';
import { assertionWords } from '../../../../shared/collections/assertion-words';
import { assertionSchema } from '../../../../shared/collections/schema';

describe('assertionWords', () => {
  it('says each kind of assertion as what it expects', () => {
    const cases: Array<[unknown, string]> = [
      [{ outcome: 'accepted' }, 'the outcome is "accepted"'],
      [{ status: 200 }, 'the HTTP status is 200'],
      [{ status: { matches: '^2' } }, 'the HTTP status matches /^2/'],
      [{ reason: null }, 'there is no reason (no refusal)'],
      [{ reason: { equals: 'BadDeviceToken' } }, 'the reason is "BadDeviceToken"'],
      [{ header: 'apns-id' }, 'the response header apns-id is present'],
      [{ header: 'X-WNS-Status', equals: 'received' }, 'the response header X-WNS-Status is "received"'],
      [{ json: '$.name', matches: '^projects/' }, '$.name in the response body matches /^projects//'],
      [{ durationBelowMs: 2000 }, 'the send takes under 2000 ms'],
      [{ delivered: true }, 'something reaches the emulated device'],
      [{ delivered: { path: '$.aps.alert.title', equals: 'Hi' } }, '$.aps.alert.title of what arrives is "Hi"'],
      [
        { delivered: { inbox: 'apns', path: '$.aps.alert.body', equals: 'x' } },
        '$.aps.alert.body of what arrives in the apns emulator’s inbox is "x"',
      ],
      [{ delivered: { matches: '<text>Hi</text>' } }, 'what arrives matches /<text>Hi</text>/'],
      [{ delivered: { path: '$.data' } }, 'what arrives has $.data'],
    ];
    for (const [assertion, words] of cases) expect(assertionWords(assertionSchema.parse(assertion))).toBe(words);
  });
});
