import { describe, expect, it } from 'vitest';
import { preflightWebpush, webpushEncryptedSize } from '../../../../../shared/providers/webpush/preflight';
import { webpushSendSchema } from '../../../../../shared/providers/webpush/message';

const KEYS = {
  p256dh: 'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4',
  auth: 'BTBZMqHH6r4Tts7J_aSIgg',
};

function sub(endpoint: string, keys: Partial<typeof KEYS> = {}): string {
  return JSON.stringify({ endpoint, expirationTime: null, keys: { ...KEYS, ...keys } });
}

function run(
  overrides: {
    target?: string;
    payload?: string;
    options?: Record<string, unknown>;
    environment?: 'production' | 'local';
  } = {},
  subject: string | undefined | null = 'mailto:ops@example.com',
) {
  return preflightWebpush(
    {
      target: overrides.target ?? sub('https://fcm.googleapis.com/wp/abc123'),
      payload: overrides.payload ?? '{"title":"Hi"}',
      environment: overrides.environment ?? 'production',
      options: overrides.options ?? { ttl: 60 },
    },
    subject === null ? null : { subject },
  );
}

const codes = (issues: ReturnType<typeof run>) => issues.map((issue) => `${issue.severity}:${issue.code}`);

describe('Web Push preflight', () => {
  it('passes a good request with only the push service named', () => {
    const issues = run();
    expect(codes(issues)).toEqual(['info:webpush.endpoint.service']);
    expect(issues[0]!.message).toBe('This subscription belongs to Google FCM (Chrome).');
  });

  it.each([
    ['https://updates.push.services.mozilla.com/wpush/v2/gAAA', 'Mozilla Push Service (Firefox)'],
    ['https://web.push.apple.com/QGz7', 'Apple Push (Safari)'],
    ['https://wns2-par02p.notify.windows.com/w/?token=BQYAAA', 'Windows Push Notification Services (Edge)'],
  ])('names the push service of %s', (endpoint, name) => {
    expect(run({ target: sub(endpoint) })[0]!.message).toContain(name);
  });

  it('explains a subscription that is not JSON, or misses keys', () => {
    expect(run({ target: 'https://fcm.googleapis.com/wp/abc' })[0]).toMatchObject({
      severity: 'error',
      code: 'webpush.subscription.invalid',
    });
    const missing = run({
      target: JSON.stringify({ endpoint: 'https://fcm.googleapis.com/wp/x', keys: { p256dh: KEYS.p256dh } }),
    });
    expect(missing[0]!.message).toBe(
      'The subscription has no "keys.auth"; a browser subscription has endpoint, keys.p256dh and keys.auth.',
    );
  });

  it('checks key lengths and the 0x04 prefix', () => {
    const short = run({ target: sub('https://fcm.googleapis.com/wp/x', { p256dh: KEYS.p256dh.slice(0, 40) }) });
    expect(short.find((i) => i.code === 'webpush.subscription.key')!.message).toBe(
      'keys.p256dh is 30 bytes; it must be a 65-byte uncompressed P-256 point.',
    );
    const compressed = run({ target: sub('https://fcm.googleapis.com/wp/x', { p256dh: 'A' + KEYS.p256dh.slice(1) }) });
    expect(compressed.find((i) => i.code === 'webpush.subscription.key')!.message).toMatch(/0x04/);
    const auth = run({ target: sub('https://fcm.googleapis.com/wp/x', { auth: 'BTBZMqHH6r4Tts7J' }) });
    expect(auth.find((i) => i.code === 'webpush.subscription.key')!.message).toBe(
      'keys.auth is 12 bytes; it must be 16 bytes.',
    );
    const notBase64 = run({ target: sub('https://fcm.googleapis.com/wp/x', { auth: 'not base64!' }) });
    expect(notBase64.find((i) => i.code === 'webpush.subscription.key')!.message).toBe(
      'keys.auth is not base64url text.',
    );
  });

  it('requires https, with a note for loopback and an error for a remote endpoint in local', () => {
    expect(codes(run({ target: sub('http://push.example.com/x') }))).toContain('error:webpush.endpoint.not-https');
    const loopback = run({ target: sub('http://127.0.0.1:8443/wpush/v2/abc'), environment: 'local' });
    expect(codes(loopback)).toEqual(['info:webpush.endpoint.loopback']);
    expect(codes(run({ environment: 'local' }))).toContain('error:webpush.endpoint.not-local');
    expect(codes(run({ target: sub('https://push.example.net/x') }))).toContain(
      'info:webpush.endpoint.unknown-service',
    );
  });

  it('computes the encrypted size and blocks above 4,096 bytes', () => {
    expect(webpushEncryptedSize('')).toBe(0);
    expect(webpushEncryptedSize('é')).toBe(2 + 103);
    expect(codes(run({ payload: 'a'.repeat(3993) }))).not.toContain('error:webpush.payload.too-large');
    const over = run({ payload: 'a'.repeat(3994) });
    expect(over.find((i) => i.code === 'webpush.payload.too-large')!.message).toBe(
      'Encrypted payload is 4,097 bytes; Web Push allows 4,096 (at most 3,993 bytes of text).',
    );
    expect(codes(run({ payload: 'a'.repeat(3990), options: { ttl: 1, padding: 10 } }))).toContain(
      'error:webpush.payload.too-large',
    );
  });

  it('notes the reported Firefox-on-Android bridge limit only for Mozilla endpoints', () => {
    const mozilla = sub('https://updates.push.services.mozilla.com/wpush/v2/gAAA');
    expect(codes(run({ target: mozilla, payload: 'a'.repeat(2700) }))).toContain('info:webpush.payload.mozilla-bridge');
    expect(codes(run({ target: mozilla, payload: 'a'.repeat(2600) }))).not.toContain(
      'info:webpush.payload.mozilla-bridge',
    );
    expect(codes(run({ payload: 'a'.repeat(2700) }))).not.toContain('info:webpush.payload.mozilla-bridge');
  });

  it('requires TTL as a non-negative integer and warns above 30 days', () => {
    expect(run({ options: {} }).find((i) => i.code === 'webpush.ttl.missing')).toMatchObject({
      severity: 'error',
      message: 'TTL is required: push services answer 400 without it.',
    });
    expect(codes(run({ options: { ttl: -1 } }))).toContain('error:webpush.ttl.invalid');
    expect(codes(run({ options: { ttl: 1.5 } }))).toContain('error:webpush.ttl.invalid');
    expect(codes(run({ options: { ttl: 0 } }))).not.toContain('error:webpush.ttl.invalid');
    expect(codes(run({ options: { ttl: 2_592_001 } }))).toContain('warning:webpush.ttl.long');
  });

  it('notes that a Topic changes nothing when TTL is 0, as nothing waits to be replaced', () => {
    expect(run({ options: { ttl: 0, topic: 'news' } }).find((i) => i.code === 'webpush.topic.ttl-zero')).toEqual({
      severity: 'info',
      code: 'webpush.topic.ttl-zero',
      message:
        'Topic replaces a message still waiting at the push service; with TTL 0 nothing waits, so it changes nothing.',
      path: 'options.topic',
    });
    expect(codes(run({ options: { ttl: 60, topic: 'news' } }))).not.toContain('info:webpush.topic.ttl-zero');
  });

  it('checks urgency, topic, VAPID lifetime and padding', () => {
    expect(codes(run({ options: { ttl: 1, urgency: 'urgent' } }))).toContain('error:webpush.urgency.invalid');
    expect(codes(run({ options: { ttl: 1, urgency: 'very-low' } }))).not.toContain('error:webpush.urgency.invalid');
    expect(codes(run({ options: { ttl: 1, topic: 'a'.repeat(32) } }))).toEqual(['info:webpush.endpoint.service']);
    expect(
      run({ options: { ttl: 1, topic: 'a'.repeat(33) } }).find((i) => i.code === 'webpush.topic.too-long')!.message,
    ).toBe('Topic is 33 characters; push services allow 32.');
    expect(codes(run({ options: { ttl: 1, topic: 'has space' } }))).toContain('error:webpush.topic.alphabet');
    expect(codes(run({ options: { ttl: 1, vapidExpiresIn: 90_000 } }))).toContain(
      'error:webpush.vapid.expiry-too-long',
    );
    expect(codes(run({ options: { ttl: 1, vapidExpiresIn: 0 } }))).toContain('error:webpush.vapid.expiry-invalid');
    expect(codes(run({ options: { ttl: 1, padding: -1 } }))).toContain('error:webpush.padding.invalid');
  });

  it('warns when a short VAPID lifetime would re-sign for Apple more than hourly', () => {
    const apple = sub('https://web.push.apple.com/x');
    expect(codes(run({ target: apple, options: { ttl: 1, vapidExpiresIn: 3600 } }))).toContain(
      'warning:webpush.vapid.apple-refresh',
    );
    expect(codes(run({ target: apple, options: { ttl: 1, vapidExpiresIn: 7200 } }))).not.toContain(
      'warning:webpush.vapid.apple-refresh',
    );
    expect(codes(run({ options: { ttl: 1, vapidExpiresIn: 3600 } }))).not.toContain(
      'warning:webpush.vapid.apple-refresh',
    );
  });

  it('checks the VAPID subject, stricter for Apple', () => {
    expect(codes(run({}, 'ops@example.com'))).toContain('warning:webpush.vapid.subject-format');
    expect(codes(run({}, 'https://example.com/contact'))).toEqual(['info:webpush.endpoint.service']);
    expect(codes(run({}, 'mailto:me@localhost'))).toContain('warning:webpush.vapid.subject-localhost');
    const apple = run({ target: sub('https://web.push.apple.com/x') }, 'mailto:me@localhost');
    expect(codes(apple)).toContain('error:webpush.vapid.subject-localhost');
    expect(codes(run({}, ''))).toContain('warning:webpush.vapid.subject-missing');
    expect(codes(run({}, null))).toEqual(['info:webpush.endpoint.service']);
  });

  it('lets the send schema describe every option for the composer form', () => {
    const shape = webpushSendSchema.shape.options.unwrap().shape;
    for (const field of Object.values(shape)) expect(field.description).toBeTruthy();
  });
});
