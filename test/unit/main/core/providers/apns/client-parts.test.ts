import { generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ApnsJwtCache,
  bearerHeader,
  JWT_REFRESH_AGE_MS,
  signApnsJwt,
} from '../../../../../../main/core/providers/apns/jwt';
import { APNS_REASONS } from '../../../../../../main/core/providers/apns/reasons';
import { ApnsRequestBuilder, apnsOrigin, resolveTopic } from '../../../../../../main/core/providers/apns/request';
import { mapApnsResponse } from '../../../../../../main/core/providers/apns/results';
import { apnsSendSchema, type ApnsSendRequest } from '../../../../../../shared/providers/apns/message';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const secret = {
  kind: 'apns-token' as const,
  keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  keyId: 'ABC123DEFG',
  teamId: 'TEAM123456',
};

function req(
  options: Record<string, unknown> = {},
  environment: ApnsSendRequest['environment'] = 'sandbox',
): ApnsSendRequest {
  return apnsSendSchema.parse({
    provider: 'apns',
    credential: 'c',
    environment,
    target: 'ab'.repeat(32),
    options,
    payload: '{"aps":{"alert":"hi"}}',
  });
}

describe('APNs JWT', () => {
  it('is ES256 with kid, iss and iat only, signed as raw r||s', () => {
    const jwt = signApnsJwt(secret.keyPem, secret.keyId, secret.teamId, 1_700_000_000);
    const [h, c, s] = jwt.split('.');
    expect(JSON.parse(Buffer.from(h!, 'base64url').toString())).toEqual({ alg: 'ES256', kid: 'ABC123DEFG' });
    expect(JSON.parse(Buffer.from(c!, 'base64url').toString())).toEqual({ iss: 'TEAM123456', iat: 1_700_000_000 });
    const signature = Buffer.from(s!, 'base64url');
    expect(signature).toHaveLength(64);
    expect(verify('sha256', Buffer.from(`${h}.${c}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature)).toBe(
      true,
    );
  });

  it('is reused until 40 minutes, then re-signed; invalidate forces a new one', () => {
    let now = 1_700_000_000_000;
    const cache = new ApnsJwtCache(() => now);
    const first = cache.get('cred', secret);
    now += 20 * 60_000;
    expect(cache.get('cred', secret).token).toBe(first.token);
    now = 1_700_000_000_000 + JWT_REFRESH_AGE_MS - 1;
    expect(cache.get('cred', secret).token).toBe(first.token);
    now += 1;
    const second = cache.get('cred', secret);
    expect(second.token).not.toBe(first.token);
    expect(second.iat).toBe(Math.floor(now / 1000));
    expect(cache.signed).toBe(2);
    cache.invalidate('cred');
    now += 1000;
    expect(cache.get('cred', secret).iat).toBe(Math.floor(now / 1000));
    expect(cache.signed).toBe(3);
  });

  it("builds a token's authorization header and exchange notes once, with the token", () => {
    let now = 1_700_000_000_000;
    const cache = new ApnsJwtCache(() => now);
    const first = cache.get('cred', secret);
    expect(first.authorization).toBe(`bearer ${first.token}`);
    expect(first.notes).toEqual({ jwt: { kid: 'ABC123DEFG', iss: 'TEAM123456', iat: first.iat } });
    const again = cache.get('cred', secret);
    expect(again.authorization).toBe(first.authorization);
    expect(again.notes).toBe(first.notes);
    now += JWT_REFRESH_AGE_MS;
    const next = cache.get('cred', secret);
    expect(next.authorization).toBe(`bearer ${next.token}`);
    expect(next.notes).toEqual({ jwt: { kid: 'ABC123DEFG', iss: 'TEAM123456', iat: next.iat } });
  });

  it('keeps tokens per credential', () => {
    const cache = new ApnsJwtCache(() => 1_700_000_000_000);
    cache.get('a', secret);
    cache.get('b', secret);
    cache.get('a', secret);
    expect(cache.signed).toBe(2);
    // The same credential with a replaced key signs anew, and the old token is not handed out.
    const replaced = cache.get('a', { ...secret, keyId: 'XYZ987WVUT' });
    expect(cache.signed).toBe(3);
    expect(replaced.keyId).toBe('XYZ987WVUT');
    expect(cache.get('a', secret).keyId).toBe('ABC123DEFG');
    expect(cache.signed).toBe(3);
  });
});

describe('APNs request building', () => {
  it("reuses one TlsOptions per emulator CA within a provider's builder, not across builders", () => {
    const parts = {
      request: req({ topic: 'com.a' }, 'local'),
      origin: { baseUrl: 'https://127.0.0.1:1', ca: 'CA' },
      topic: 'com.a',
      auth: { kind: 'token' as const, jwt: 'J.W.T', authorization: bearerHeader('J.W.T') },
    };
    const builder = new ApnsRequestBuilder();
    const first = builder.build(parts).tls;
    expect(first).toEqual({ ca: 'CA' });
    expect(builder.build(parts).tls).toBe(first);
    expect(new ApnsRequestBuilder().build(parts).tls).not.toBe(first);
  });

  it('uses Apple hosts with port 443 or 2197, and the emulator in local', () => {
    expect(apnsOrigin('production', 443, null).baseUrl).toBe('https://api.push.apple.com');
    expect(apnsOrigin('sandbox', 2197, null).baseUrl).toBe('https://api.sandbox.push.apple.com:2197');
    const local = { pid: 1, startedAt: '', ca: 'PEM', apns: 'https://127.0.0.1:5000/', admin: {} };
    expect(apnsOrigin('local', 443, local)).toEqual({ baseUrl: 'https://127.0.0.1:5000', ca: 'PEM' });
    expect(() => apnsOrigin('local', 443, { ...local, apns: undefined })).toThrow(/not running/);
  });

  it('applies the push-type suffix to the given or the certificate topic', () => {
    expect(resolveTopic(req({ pushType: 'voip', topic: 'com.a.b' }), null)).toBe('com.a.b.voip');
    expect(resolveTopic(req({ pushType: 'voip', topic: 'com.a.b.voip' }), null)).toBe('com.a.b.voip');
    expect(resolveTopic(req({ pushType: 'voip', topic: 'com.a.b.complication' }), null)).toBe('com.a.b.complication');
    expect(resolveTopic(req({ pushType: 'liveactivity' }), { metadata: { bundleId: 'com.c' } })).toBe(
      'com.c.push-type.liveactivity',
    );
    expect(resolveTopic(req({ pushType: 'fileprovider' }), { metadata: { topics: ['com.d', 'com.d.voip'] } })).toBe(
      'com.d.pushkit.fileprovider',
    );
    expect(resolveTopic(req({ pushType: 'location', topic: 'com.e' }), null)).toBe('com.e.location-query');
    expect(resolveTopic(req({}), null)).toBeNull();
  });

  it('sends every header in order over HTTP/2 and redacts the JWT', () => {
    const built = new ApnsRequestBuilder().build({
      request: req({ topic: 'com.a', priority: 5, expiration: 0, collapseId: 'c1', pushType: 'alert' }),
      origin: { baseUrl: 'https://api.sandbox.push.apple.com' },
      topic: 'com.a',
      auth: { kind: 'token', jwt: 'J.W.T', authorization: bearerHeader('J.W.T') },
    });
    expect(built.url).toBe(`https://api.sandbox.push.apple.com/3/device/${'ab'.repeat(32)}`);
    expect(built.http2).toBe(true);
    expect((built.headers as string[][]).map(([name]) => name)).toEqual([
      'apns-push-type',
      'apns-topic',
      'apns-priority',
      'apns-expiration',
      'apns-collapse-id',
      'apns-id',
      'authorization',
      'content-type',
    ]);
    expect(built.headers).toContainEqual(['authorization', 'bearer J.W.T']);
    expect(built.apnsId).toMatch(/^[0-9a-f-]{36}$/);
    expect(built.secrets).toEqual(['J.W.T']);
    expect(built.meta).toMatchObject({ purpose: 'send', provider: 'apns', target: 'abababab...abab' });
  });

  it('uses the certificate as TLS identity and keeps a given apns-id', () => {
    const id = '123e4567-e89b-12d3-a456-4266554400a0';
    const built = new ApnsRequestBuilder().build({
      request: req({ topic: 'com.a', apnsId: id }, 'local'),
      origin: { baseUrl: 'https://127.0.0.1:1', ca: 'CA' },
      topic: 'com.a',
      auth: { kind: 'certificate', certPem: 'CERT', keyPem: 'KEY' },
    });
    expect(built.tls).toEqual({ ca: 'CA', clientCert: 'CERT', clientKey: 'KEY' });
    expect(built.headers).toContainEqual(['apns-id', id]);
    expect((built.headers as string[][]).some(([name]) => name === 'authorization')).toBe(false);
  });
});

describe('APNs result mapping', () => {
  it('accepts 200 and keeps apns-id and apns-unique-id', () => {
    const mapped = mapApnsResponse(
      200,
      [
        ['apns-id', 'A'],
        ['apns-unique-id', 'U'],
      ],
      '',
    );
    expect(mapped).toMatchObject({
      outcome: 'accepted',
      status: 200,
      messageIds: { 'apns-id': 'A', 'apns-unique-id': 'U' },
    });
  });

  it.each(Object.entries(APNS_REASONS))('%s keeps the exact reason with an explanation and a hint', (reason, known) => {
    const mapped = mapApnsResponse(known.status, [['apns-id', 'A']], JSON.stringify({ reason }));
    expect(mapped.outcome).toBe('rejected');
    expect(mapped.reason).toBe(reason);
    expect(mapped.status).toBe(known.status);
    expect(mapped.explanation).toBe(known.explanation);
    expect(mapped.hint).toBe(known.hint);
    expect(mapped.retryable).toBe(known.retryable);
    expect(mapped.messageIds['apns-id']).toBe('A');
  });

  it('never retries what Apple says never to retry; 5xx and TooManyRequests are retryable', () => {
    for (const reason of [
      'BadDeviceToken',
      'DeviceTokenNotForTopic',
      'Forbidden',
      'ExpiredToken',
      'Unregistered',
      'PayloadTooLarge',
    ]) {
      expect(APNS_REASONS[reason]!.retryable).toBe(false);
    }
    for (const reason of ['TooManyRequests', 'InternalServerError', 'ServiceUnavailable', 'Shutdown']) {
      expect(APNS_REASONS[reason]!.retryable).toBe(true);
    }
  });

  it('explains BadDeviceToken as the other environment or malformed', () => {
    expect(mapApnsResponse(400, [], '{"reason":"BadDeviceToken"}').explanation).toBe(
      'This token belongs to the other environment, or is malformed.',
    );
  });

  it('explains a local BadDeviceToken as a token the emulator was never told about', () => {
    const local = mapApnsResponse(400, [], '{"reason":"BadDeviceToken"}', 'local');
    expect(local.explanation).toBe(
      'This token is not registered with the local emulator: add it on the Emulators screen.',
    );
    expect(local.hint).not.toMatch(/other environment|switch environment/);
    expect(mapApnsResponse(400, [], '{"reason":"BadDeviceToken"}', 'sandbox').explanation).toMatch(/other environment/);
  });

  it('understands both spellings of the key-environment reason', () => {
    const a = mapApnsResponse(403, [], '{"reason":"BadEnvironmentKeyInToken"}');
    const b = mapApnsResponse(403, [], '{"reason":"BadEnvironmentKeyIdInToken"}');
    expect(a.explanation).toBe(b.explanation);
    expect(a.explanation).toMatch(/environment/);
  });

  it('marks 410 Unregistered gone at the body timestamp', () => {
    const mapped = mapApnsResponse(410, [], '{"reason":"Unregistered","timestamp":1700000000000}');
    expect(mapped.deviceStateChange).toEqual({ state: 'gone', at: '2023-11-14T22:13:20.000Z', reason: 'Unregistered' });
    expect(mapApnsResponse(400, [], '{"reason":"BadDeviceToken"}').deviceStateChange).toBeNull();
  });

  it('reads Retry-After and copes with unknown reasons and bodies', () => {
    expect(mapApnsResponse(429, [['retry-after', '30']], '{"reason":"TooManyRequests"}').retryAfterSeconds).toBe(30);
    const odd = mapApnsResponse(400, [], '{"reason":"SomethingNew"}');
    expect(odd).toMatchObject({ reason: 'SomethingNew', details: { unknownReason: true } });
    expect(mapApnsResponse(502, [], '<html>').reason).toBe('HTTP 502');
    expect(mapApnsResponse(502, [], '<html>').retryable).toBe(true);
  });
});
