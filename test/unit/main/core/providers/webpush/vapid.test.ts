import { createECDH, createPublicKey, verify } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  decodeJwt,
  generateVapidKeys,
  signVapidJwt,
  vapidPrivateKeyObject,
  vapidPublicKeyObject,
  verifyEs256,
} from '../../../../../../main/core/providers/webpush/vapid';
import { VapidTokenCache } from '../../../../../../main/core/providers/webpush/vapid-cache';
import type { VapidSecret } from '../../../../../../main/core/credentials/vapid';

const require = createRequire(import.meta.url);
// The web-push package's own VAPID helper, as an independent signer to compare against.
const webpush = require('web-push') as {
  getVapidHeaders(
    aud: string,
    sub: string,
    pub: string,
    priv: string,
    enc: string,
    exp?: number,
  ): { Authorization: string };
};

describe('VAPID keys and JWT', () => {
  it('generates 65-byte public and 32-byte private keys that belong together', () => {
    const keys = generateVapidKeys();
    expect(Buffer.from(keys.publicKey, 'base64url')).toHaveLength(65);
    expect(Buffer.from(keys.privateKey, 'base64url')).toHaveLength(32);
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(keys.privateKey, 'base64url'));
    expect(ecdh.getPublicKey('base64url')).toBe(keys.publicKey);
  });

  it('signs ES256 with a raw 64-byte r||s that verifies, and never DER', () => {
    const keys = generateVapidKeys();
    const token = signVapidJwt(
      { aud: 'https://fcm.googleapis.com', exp: 2_000_000_000, sub: 'mailto:a@b.c' },
      vapidPrivateKeyObject(keys),
    );
    const decoded = decodeJwt(token)!;
    expect(decoded.header).toEqual({ typ: 'JWT', alg: 'ES256' });
    expect(decoded.claims).toEqual({ aud: 'https://fcm.googleapis.com', exp: 2_000_000_000, sub: 'mailto:a@b.c' });
    expect(decoded.signature).toHaveLength(64);
    const publicKey = vapidPublicKeyObject(Buffer.from(keys.publicKey, 'base64url'));
    expect(verifyEs256(decoded, publicKey)).toBe(true);
    expect(verify('sha256', Buffer.from(decoded.signingInput), publicKey, decoded.signature)).toBe(false);
    expect(verifyEs256(decoded, vapidPublicKeyObject(Buffer.from(generateVapidKeys().publicKey, 'base64url')))).toBe(
      false,
    );
  });

  it('produces a token the web-push package would also accept (same key, verifiable both ways)', () => {
    const keys = generateVapidKeys();
    const theirs = webpush.getVapidHeaders(
      'https://fcm.googleapis.com',
      'mailto:a@b.c',
      keys.publicKey,
      keys.privateKey,
      'aes128gcm',
    );
    const token = /t=([^,]+)/.exec(theirs.Authorization)![1]!;
    const decoded = decodeJwt(token)!;
    expect(verifyEs256(decoded, vapidPublicKeyObject(Buffer.from(keys.publicKey, 'base64url')))).toBe(true);
    expect(vapidPrivateKeyObject(keys).asymmetricKeyType).toBe('ec');
    expect(createPublicKey(vapidPrivateKeyObject(keys)).export({ format: 'jwk' }).crv).toBe('P-256');
  });

  it('refuses mismatched or malformed key pairs with human errors', () => {
    const a = generateVapidKeys();
    const b = generateVapidKeys();
    expect(() => vapidPrivateKeyObject({ publicKey: a.publicKey, privateKey: b.privateKey })).toThrow(
      'The VAPID public key does not belong to the private key.',
    );
    expect(() => vapidPrivateKeyObject({ publicKey: a.publicKey, privateKey: 'AAAA' })).toThrow(
      'The VAPID private key is 3 bytes; it must be 32 bytes.',
    );
    expect(() => vapidPublicKeyObject(Buffer.alloc(33, 2))).toThrow(/65-byte/);
  });

  it('decodes only real JWT shapes', () => {
    expect(decodeJwt('a.b')).toBeNull();
    expect(decodeJwt('e30.bm90IGpzb24.c2ln')).toBeNull();
  });
});

describe('VAPID token cache', () => {
  const keys = generateVapidKeys();
  const secret: VapidSecret = { kind: 'vapid', ...keys, subject: 'mailto:ops@example.com' };

  it('reuses a token per credential and origin until half its lifetime has passed', () => {
    let now = Date.UTC(2026, 0, 1);
    const cache = new VapidTokenCache(() => now);
    const first = cache.get('cred-1', secret, 'https://fcm.googleapis.com', 43_200);
    expect(first.reused).toBe(false);
    expect(first.claims).toEqual({
      aud: 'https://fcm.googleapis.com',
      exp: now / 1000 + 43_200,
      sub: 'mailto:ops@example.com',
    });
    now += 3 * 3600 * 1000;
    const again = cache.get('cred-1', secret, 'https://fcm.googleapis.com', 43_200);
    expect(again.reused).toBe(true);
    expect(again.token).toBe(first.token);
    expect(cache.get('cred-1', secret, 'https://web.push.apple.com', 43_200).reused).toBe(false);
    expect(cache.get('cred-2', secret, 'https://fcm.googleapis.com', 43_200).reused).toBe(false);
    now += 3 * 3600 * 1000 + 1000;
    const renewed = cache.get('cred-1', secret, 'https://fcm.googleapis.com', 43_200);
    expect(renewed.reused).toBe(false);
    expect(renewed.token).not.toBe(first.token);
    expect(renewed.claims.exp).toBe(now / 1000 + 43_200);
  });

  it('signs anew when the key pair behind the credential id changes', () => {
    const cache = new VapidTokenCache(() => Date.UTC(2026, 0, 1));
    const first = cache.get('cred', secret, 'https://a.example', 3600);
    const other: VapidSecret = { kind: 'vapid', ...generateVapidKeys(), subject: secret.subject };
    const second = cache.get('cred', other, 'https://a.example', 3600);
    expect(second.reused).toBe(false);
    expect(second.token).not.toBe(first.token);
  });

  it('leaves sub out when the credential has none', () => {
    const cache = new VapidTokenCache();
    expect(cache.get('x', { ...secret, subject: '' }, 'https://a.example', 60).claims.sub).toBeUndefined();
  });
});
