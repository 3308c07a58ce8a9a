import { createECDH } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { encryptWebpush } from '../../../../../../main/core/providers/webpush/ece';

const require = createRequire(import.meta.url);
// The separate implementation by Martin Thomson, used only as an independent check.
const httpEce = require('http_ece') as {
  decrypt(buffer: Buffer, params: Record<string, unknown>): Buffer;
};

const b64 = (text: string) => Buffer.from(text, 'base64url');

// RFC 8291 Appendix A.
const RFC = {
  plaintext: 'When I grow up, I want to be a watermelon',
  asPrivate: 'yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw',
  asPublic: 'BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8',
  uaPrivate: 'q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94',
  uaPublic: 'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4',
  salt: 'DGv6ra1nlYgDCS1FRnbzlw',
  auth: 'BTBZMqHH6r4Tts7J_aSIgg',
  body:
    'DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_' +
    'yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN',
};

function rfcEncrypt(padding = 0) {
  return encryptWebpush({
    plaintext: Buffer.from(RFC.plaintext),
    uaPublic: b64(RFC.uaPublic),
    authSecret: b64(RFC.auth),
    salt: b64(RFC.salt),
    serverPrivateKey: b64(RFC.asPrivate),
    recordSize: 4096,
    padding,
  });
}

function decryptWithHttpEce(body: Buffer, uaPrivate: Buffer, auth: Buffer): string {
  const receiver = createECDH('prime256v1');
  receiver.setPrivateKey(uaPrivate);
  return httpEce.decrypt(body, { version: 'aes128gcm', privateKey: receiver, authSecret: auth }).toString('utf8');
}

describe('aes128gcm (RFC 8291)', () => {
  it('reproduces the RFC 8291 Appendix A body byte for byte', () => {
    const { body } = rfcEncrypt();
    expect(body.toString('base64url')).toBe(RFC.body);
  });

  it('records the steps with public values and sizes only', () => {
    const { note } = rfcEncrypt();
    expect(note.salt).toBe(RFC.salt);
    expect(note.serverPublicKey).toBe(RFC.asPublic);
    expect(note.userAgentPublicKey).toBe(RFC.uaPublic);
    expect(note.sizes).toEqual({ ecdhSecret: 32, authSecret: 16, ikm: 32, prk: 32, cek: 16, nonce: 12 });
    expect(note.recordSize).toBe(4096);
    expect(note.plaintextBytes).toBe(41);
    expect(note.ciphertextBytes).toBe(86 + 41 + 1 + 16);
    const text = JSON.stringify(note);
    expect(text).not.toContain(RFC.asPrivate);
    expect(text).not.toContain(RFC.auth);
  });

  it('is decrypted by the independent http_ece package, with padding and fresh keys', () => {
    const receiver = createECDH('prime256v1');
    receiver.generateKeys();
    const auth = Buffer.from('0123456789abcdef');
    const message = 'Grüße — ' + 'x'.repeat(3000);
    const { body, note } = encryptWebpush({
      plaintext: Buffer.from(message),
      uaPublic: receiver.getPublicKey(),
      authSecret: auth,
      padding: 37,
    });
    expect(note.paddingBytes).toBe(37);
    expect(body.length).toBe(86 + Buffer.byteLength(message) + 1 + 37 + 16);
    expect(decryptWithHttpEce(body, receiver.getPrivateKey(), auth)).toBe(message);
  });

  it('http_ece reads the RFC example we produced', () => {
    expect(decryptWithHttpEce(rfcEncrypt().body, b64(RFC.uaPrivate), b64(RFC.auth))).toBe(RFC.plaintext);
  });

  it('uses a new salt and ephemeral key for every message', () => {
    const input = { plaintext: Buffer.from('same'), uaPublic: b64(RFC.uaPublic), authSecret: b64(RFC.auth) };
    const a = encryptWebpush(input);
    const b = encryptWebpush(input);
    expect(a.note.salt).not.toBe(b.note.salt);
    expect(a.note.serverPublicKey).not.toBe(b.note.serverPublicKey);
    expect(a.body.equals(b.body)).toBe(false);
  });

  it('refuses keys of the wrong size and records that do not fit', () => {
    const base = { plaintext: Buffer.from('hi'), uaPublic: b64(RFC.uaPublic), authSecret: b64(RFC.auth) };
    expect(() => encryptWebpush({ ...base, uaPublic: b64(RFC.uaPublic).subarray(1) })).toThrow(/65-byte/);
    expect(() => encryptWebpush({ ...base, authSecret: Buffer.alloc(12) })).toThrow('keys.auth is 12 bytes');
    expect(() => encryptWebpush({ ...base, recordSize: 18 })).toThrow(/record size is 18/);
    const offCurve = Buffer.alloc(65, 1);
    offCurve[0] = 4;
    expect(() => encryptWebpush({ ...base, uaPublic: offCurve })).toThrow(/not a point/);
  });
});
