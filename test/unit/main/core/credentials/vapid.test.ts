import { createECDH, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkSubject, generateVapidPair, parseVapid } from '../../../../../main/core/credentials/vapid';

describe('VAPID parser', () => {
  it('generates a P-256 pair whose public key is the 65-byte point of the private key', () => {
    const pair = generateVapidPair();
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(pair.privateKey, 'base64url'));
    expect(ecdh.getPublicKey().toString('base64url')).toBe(pair.publicKey);
    expect(Buffer.from(pair.publicKey, 'base64url')).toHaveLength(65);
    expect(Buffer.from(pair.privateKey, 'base64url')).toHaveLength(32);
  });

  it('imports a base64url private key, derives the public key, and shows only the public key', () => {
    const pair = generateVapidPair();
    const parsed = parseVapid({
      privateKey: pair.privateKey,
      publicKey: pair.publicKey,
      subject: 'mailto:ops@example.com',
    });
    expect(parsed.metadata).toEqual({ publicKey: pair.publicKey, subject: 'mailto:ops@example.com' });
    expect(parsed.secret.privateKey).toBe(pair.privateKey);
    expect(parsed.warnings).toEqual([]);
  });

  it('imports a PEM private key', () => {
    const pem = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const parsed = parseVapid({ file: Buffer.from(pem), subject: 'https://example.com/contact' });
    expect(Buffer.from(String(parsed.metadata['publicKey']), 'base64url')[0]).toBe(4);
  });

  it('refuses keys of the wrong size, curve or encoding, and a public key that does not match', () => {
    expect(() =>
      parseVapid({ privateKey: Buffer.alloc(31, 1).toString('base64url'), subject: 'mailto:a@b.c' }),
    ).toThrow('The VAPID private key is 31 bytes; a P-256 private key is 32 bytes.');
    expect(() => parseVapid({ privateKey: 'not base64!', subject: 'mailto:a@b.c' })).toThrow(
      /neither base64url nor PEM/,
    );
    const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(() => parseVapid({ privateKey: p384, subject: 'mailto:a@b.c' })).toThrow(
      'The VAPID key must be an EC P-256 key.',
    );
    const other = generateVapidPair();
    expect(() =>
      parseVapid({ privateKey: generateVapidPair().privateKey, publicKey: other.publicKey, subject: 'mailto:a@b.c' }),
    ).toThrow('The public key does not match the private key.');
    expect(() => parseVapid({ subject: 'mailto:a@b.c' })).toThrow(/Paste the VAPID private key/);
  });

  it('requires a mailto: or https: subject and warns about localhost', () => {
    expect(() => checkSubject('')).toThrow(/A subject is required/);
    expect(() => checkSubject('ops@example.com')).toThrow(
      'The subject must be a mailto: or https: URL, not "ops@example.com".',
    );
    expect(() => checkSubject('http://example.com')).toThrow(
      'The subject must start with mailto: or https:, not http:.',
    );
    expect(checkSubject('mailto:me@localhost').warnings[0]).toMatch(
      /Apple rejects such VAPID subjects with BadJwtToken/,
    );
    expect(checkSubject('https://localhost:8443').warnings).toHaveLength(1);
    expect(checkSubject('https://push.example.com').warnings).toEqual([]);
  });
});
