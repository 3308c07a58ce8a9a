import { describe, expect, it } from 'vitest';
import { requestFromSend } from '../../../../shared/collections/from-send';
import { collectionRequestSchema } from '../../../../shared/collections/schema';
import { sendRequestSchema } from '../../../../shared/domain/send-request';
import type { SendResult } from '../../../../shared/domain/send-result';

const result = (over: Partial<SendResult>): SendResult => ({
  id: 's1',
  provider: 'apns',
  target: 't',
  outcome: 'accepted',
  status: 200,
  reason: null,
  explanation: null,
  hint: null,
  messageIds: {},
  retryable: false,
  deviceStateChange: null,
  exchangeIds: [],
  durationMs: 10,
  startedAt: '2026-12-04T14:00:00.000Z',
  ...over,
});

describe('a past send as a collection request', () => {
  const apns = sendRequestSchema.parse({
    provider: 'apns',
    credential: 'cred-id',
    environment: 'sandbox',
    target: 'ab'.repeat(32),
    options: { topic: 'com.example', priority: 10 },
    payload: '{"aps":{"alert":"Hi"}}',
  });

  it('names the credential and device by label, keeps only chosen options, asserts the answer', () => {
    const made = requestFromSend({ request: apns, result: result({}), credentialLabel: 'Key', deviceLabel: 'iPhone' });
    expect(made).toEqual({
      name: 'APNs to iPhone',
      provider: 'apns',
      credential: 'Key',
      environment: 'sandbox',
      device: 'iPhone',
      // pushType "alert" and port 443 are the defaults: not written.
      options: { topic: 'com.example', priority: 10 },
      payload: { aps: { alert: 'Hi' } },
      assert: [{ outcome: 'accepted' }, { status: 200 }],
    });
    expect(collectionRequestSchema.safeParse(made).success).toBe(true);
  });

  it('a refused send asserts it is refused the same way; a text payload stays text', () => {
    const wns = sendRequestSchema.parse({
      provider: 'wns',
      credential: 'w',
      environment: 'production',
      target: 'https://wns2-by3p.notify.windows.com/?token=abc',
      options: { type: 'toast' },
      payload: '<toast/>',
    });
    const made = requestFromSend({
      request: wns,
      result: result({ outcome: 'rejected', status: 410, reason: 'Gone' }),
    });
    expect(made.target).toBe('https://wns2-by3p.notify.windows.com/?token=abc');
    expect(made.payload).toBe('<toast/>');
    expect(made.options).toBeUndefined();
    expect(made.assert).toEqual([{ outcome: 'rejected' }, { status: 410 }, { reason: 'Gone' }]);
  });

  it('refuses a Web Push send to a subscription that is not a saved device (its keys stay out of files)', () => {
    const webpush = sendRequestSchema.parse({
      provider: 'webpush',
      credential: 'v',
      environment: 'production',
      target: '{"endpoint":"https://push.example/x","keys":{"p256dh":"k","auth":"a"}}',
      payload: 'hi',
    });
    expect(() => requestFromSend({ request: webpush, result: result({ provider: 'webpush' }) })).toThrow(
      /must not go into a collection file/,
    );
  });
});
