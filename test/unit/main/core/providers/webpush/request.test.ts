import { describe, expect, it } from 'vitest';
import { buildWebpushRequest, readTarget } from '../../../../../../main/core/providers/webpush/request';

const subscription = {
  endpoint: 'https://fcm.googleapis.com:443/wp/abc?x=1',
  expirationTime: null,
  keys: {
    p256dh: 'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4',
    auth: 'BTBZMqHH6r4Tts7J_aSIgg',
  },
};

describe('Web Push request building', () => {
  it('reads the subscription and takes the endpoint origin as aud', () => {
    const target = readTarget(JSON.stringify(subscription));
    expect(target.audience).toBe('https://fcm.googleapis.com');
    expect(target.uaPublic).toHaveLength(65);
    expect(target.authSecret).toHaveLength(16);
    expect(
      readTarget(JSON.stringify({ ...subscription, endpoint: 'https://127.0.0.1:8443/wpush/v2/x' })).audience,
    ).toBe('https://127.0.0.1:8443');
  });

  it('turns bad subscriptions into human errors', () => {
    expect(() => readTarget('nope')).toThrow(/not JSON/);
    expect(() => readTarget(JSON.stringify({ ...subscription, keys: { ...subscription.keys, auth: 'AAAA' } }))).toThrow(
      'keys.auth is 3 bytes; it must be 16 bytes.',
    );
    expect(() => readTarget(JSON.stringify({ ...subscription, endpoint: 'ftp://x/y' }))).toThrow(/https URL/);
  });

  it('sends TTL, Urgency, Topic, aes128gcm and the vapid Authorization in order', () => {
    const built = buildWebpushRequest({
      target: readTarget(JSON.stringify(subscription)),
      payload: 'hello',
      options: { ttl: 3600, urgency: 'high', topic: 'news' },
      vapidToken: 'h.c.s',
      vapidPublicKey: 'BKEY',
      ece: { salt: Buffer.alloc(16, 7) },
    });
    expect(built.url).toBe('https://fcm.googleapis.com/wp/abc?x=1');
    expect(built.headers).toEqual([
      ['TTL', '3600'],
      ['Urgency', 'high'],
      ['Topic', 'news'],
      ['Content-Encoding', 'aes128gcm'],
      ['Content-Type', 'application/octet-stream'],
      ['Authorization', 'vapid t=h.c.s, k=BKEY'],
    ]);
    expect(built.body).toHaveLength(86 + 5 + 1 + 16);
    expect(built.body!.subarray(0, 16).equals(Buffer.alloc(16, 7))).toBe(true);
    expect(built.encryption?.salt).toBe(Buffer.alloc(16, 7).toString('base64url'));
  });

  it('sends no body and no Content-Encoding for a payload-less push, and no TTL when unset', () => {
    const built = buildWebpushRequest({
      target: readTarget(JSON.stringify(subscription)),
      payload: '',
      options: {},
      vapidToken: 't',
      vapidPublicKey: 'k',
    });
    expect(built.body).toBeUndefined();
    expect(built.encryption).toBeNull();
    expect(built.headers).toEqual([['Authorization', 'vapid t=t, k=k']]);
  });

  it('adds requested padding inside the record', () => {
    const built = buildWebpushRequest({
      target: readTarget(JSON.stringify(subscription)),
      payload: 'hi',
      options: { ttl: 0, padding: 30 },
      vapidToken: 't',
      vapidPublicKey: 'k',
    });
    expect(built.body).toHaveLength(86 + 2 + 1 + 30 + 16);
    expect(built.encryption?.paddingBytes).toBe(30);
  });
});
