import { describe, expect, it } from 'vitest';
import { preflightFcm, stringifyFcmData } from '../../../../../shared/providers/fcm/preflight';
import type { FcmSendRequest } from '../../../../../shared/providers/fcm/message';

const token = 'dXNlcjEyMzQ1Njc4OTA:APA91bHun4MxP5egoKMwt2KZFBaFUH-1RYqx';

function run(payload: unknown, target = token, options: Partial<FcmSendRequest['options']> = {}) {
  return preflightFcm({
    target,
    options: { targetKind: 'auto', validateOnly: false, ...options },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
}
const codes = (issues: ReturnType<typeof run>) => issues.map((issue) => issue.code);

describe('FCM preflight', () => {
  it('passes a plain notification', () => {
    expect(run({ notification: { title: 'Hi', body: 'There' } })).toEqual([]);
  });

  it('needs exactly one target', () => {
    expect(codes(run({ notification: { title: 'x' } }, ''))).toEqual(['fcm.target.missing']);
    expect(codes(run({ topic: 'news', notification: { title: 'x' } }))).toEqual(['fcm.target.multiple']);
    expect(codes(run({ topic: 'news', token: 'abc' }, ''))).toEqual(['fcm.target.multiple']);
    expect(run({ topic: 'news', notification: { title: 'x' } }, '')).toEqual([]);
  });

  it('reports invalid JSON', () => {
    expect(codes(run('{"notification": '))).toEqual(['fcm.payload.invalid-json']);
  });

  it('offers to stringify non-string data values', () => {
    const issues = run({ data: { count: 3, ok: 'yes' }, android: { data: { flag: true } } });
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatchObject({
      code: 'fcm.data.not-string',
      path: '/data/count',
      fix: { id: 'fcm.stringify-data' },
    });
    expect(issues[1]).toMatchObject({ code: 'fcm.data.not-string', path: '/android/data/flag' });
    const fixed = stringifyFcmData(
      JSON.stringify({ data: { count: 3, ok: 'yes', o: { a: 1 } }, android: { data: { flag: true } } }),
    );
    expect(JSON.parse(fixed)).toEqual({
      data: { count: '3', ok: 'yes', o: '{"a":1}' },
      android: { data: { flag: 'true' } },
    });
    expect(
      preflightFcm({ target: token, options: { targetKind: 'auto', validateOnly: false }, payload: fixed }),
    ).toEqual([]);
  });

  it('rejects reserved data keys and unknown fields', () => {
    expect(codes(run({ data: { from: 'me', 'google.x': 'y' } }))).toEqual([
      'fcm.data.reserved-key',
      'fcm.data.reserved-key',
    ]);
    const unknown = run({ notification: { title: 'x', subtitle: 'y' }, priority: 'high' });
    expect(codes(unknown)).toEqual(['fcm.field.unknown', 'fcm.field.unknown']);
    expect(unknown[0]!.message).toBe('FCM does not know the field "subtitle" in message.notification');
  });

  it('checks the size: 4,096 bytes for tokens, 2,048 for topics and conditions', () => {
    const body = 'x'.repeat(2100);
    expect(run({ data: { body } })).toEqual([]);
    const topic = run({ data: { body } }, '/topics/news');
    expect(topic).toEqual([
      {
        severity: 'error',
        code: 'fcm.payload.too-large',
        message: 'Message is 2,120 bytes; FCM allows 2,048 for topic messages',
      },
    ]);
    expect(codes(run({ data: { body } }, "'a' in topics"))).toEqual(['fcm.payload.too-large']);
    expect(run({ data: { body: 'é'.repeat(2100) } })[0]!.message).toBe('Message is 4,220 bytes; FCM allows 4,096');
  });

  it('checks topic names and conditions', () => {
    expect(run({}, '/topics/news-2024_x.y~z%20')).toEqual([]);
    expect(run({}, 'news', { targetKind: 'topic' })).toEqual([]);
    expect(run({}, 'bad topic!', { targetKind: 'topic' })[0]).toMatchObject({
      code: 'fcm.topic.invalid',
      path: 'target',
    });
    const condition = run({}, "'a' in topics && ", { targetKind: 'condition' });
    expect(condition[0]).toMatchObject({ code: 'fcm.condition.invalid' });
    expect(condition[0]!.message).toContain('at character');
  });

  it('checks ttl format and range, priority and color', () => {
    expect(run({ data: { a: 'b' }, android: { ttl: '3.5s', priority: 'HIGH' } })).toEqual([]);
    expect(codes(run({ android: { priority: 'HIGH' } }))).toEqual(['fcm.android.empty-high-priority']);
    expect(run({ android: { ttl: '3600' } })[0]).toMatchObject({
      code: 'fcm.android.ttl-invalid',
      message: 'android.ttl must be a duration in seconds like "3600s" or "3.5s"',
      path: '/android/ttl',
    });
    expect(codes(run({ android: { ttl: '2419201s' } }))).toEqual(['fcm.android.ttl-invalid']);
    expect(codes(run({ android: { priority: 'URGENT' } }))).toEqual(['fcm.field.invalid']);
    expect(codes(run({ android: { notification: { color: 'red' } } }))).toEqual(['fcm.field.invalid']);
  });

  it('flags a token with spaces and an http web link', () => {
    expect(codes(run({}, 'abc def'))).toEqual(['fcm.token.invalid']);
    expect(codes(run({ webpush: { fcm_options: { link: 'http://example.com' } } }))).toEqual(['fcm.field.invalid']);
  });

  it('warns when the token belongs to another provider', () => {
    const apnsToken = 'a'.repeat(64);
    expect(run({}, apnsToken)).toEqual([
      {
        severity: 'warning',
        code: 'fcm.token.other-provider',
        message: 'This looks like an APNs device token, not a target for FCM.',
        path: 'target',
      },
    ]);
  });

  it('warns about data-only iOS messages at priority 10', () => {
    expect(run({ data: { a: 'b' }, apns: { headers: { 'apns-priority': '10' } } })[0]).toMatchObject({
      severity: 'warning',
      code: 'fcm.apns.data-only-priority',
    });
  });

  it('accepts a wrapped request body and lowerCamel field names', () => {
    expect(run({ message: { token, notification: { title: 'x' } }, validate_only: true }, '')).toEqual([]);
    expect(run({ android: { collapseKey: 'k', directBootOk: true } })).toEqual([]);
  });
});
