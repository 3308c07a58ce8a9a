import { createCipheriv, createECDH, hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptAes128gcm } from '../../../../../main/emulators/webpush/decrypt';

const b64 = (text: string) => Buffer.from(text, 'base64url');
// RFC 8291 Appendix A: the RFC's own body, not one we produced.
const UA = {
  privateKey: b64('q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94'),
  publicKey: b64('BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4'),
  authSecret: b64('BTBZMqHH6r4Tts7J_aSIgg'),
};
const RFC_BODY = b64(
  'DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_' +
    'yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN',
);

/** Builds a body by hand with a chosen record content, to exercise the delimiter rules. */
function sealRecord(record: Buffer): Buffer {
  const sender = createECDH('prime256v1');
  sender.generateKeys();
  const salt = Buffer.alloc(16, 9);
  const shared = sender.computeSecret(UA.publicKey);
  const info = Buffer.concat([Buffer.from('WebPush: info\0'), UA.publicKey, sender.getPublicKey()]);
  const ikm = Buffer.from(hkdfSync('sha256', shared, UA.authSecret, info, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const cipher = createCipheriv('aes-128-gcm', cek, nonce);
  const sealed = Buffer.concat([cipher.update(record), cipher.final(), cipher.getAuthTag()]);
  const header = Buffer.alloc(21);
  salt.copy(header);
  header.writeUInt32BE(4096, 16);
  header[20] = 65;
  return Buffer.concat([header, sender.getPublicKey(), sealed]);
}

describe('emulated browser decryption', () => {
  it('reads the RFC 8291 Appendix A body', () => {
    const decrypted = decryptAes128gcm(RFC_BODY, UA);
    expect(decrypted.plaintext.toString()).toBe('When I grow up, I want to be a watermelon');
    expect(decrypted).toMatchObject({ recordSize: 4096, paddingBytes: 0, salt: 'DGv6ra1nlYgDCS1FRnbzlw' });
  });

  it('strips padding after the 0x02 delimiter', () => {
    const body = sealRecord(Buffer.concat([Buffer.from('padded'), Buffer.from([2]), Buffer.alloc(20)]));
    expect(decryptAes128gcm(body, UA)).toMatchObject({ paddingBytes: 20 });
    expect(decryptAes128gcm(body, UA).plaintext.toString()).toBe('padded');
  });

  it('says which rule a bad body breaks', () => {
    expect(() => decryptAes128gcm(sealRecord(Buffer.from('no delimiter\x01')), UA)).toThrow(/0x01; the last/);
    expect(() => decryptAes128gcm(sealRecord(Buffer.alloc(4)), UA)).toThrow('the record has no padding delimiter');
    const tampered = Buffer.from(RFC_BODY);
    tampered[100]! ^= 1;
    expect(() => decryptAes128gcm(tampered, UA)).toThrow(/does not authenticate/);
    expect(() => decryptAes128gcm(RFC_BODY.subarray(0, 10), UA)).toThrow(/shorter than the aes128gcm header/);
    const wrongIdlen = Buffer.from(RFC_BODY);
    wrongIdlen[20] = 32;
    expect(() => decryptAes128gcm(wrongIdlen, UA)).toThrow(/keyid is 32 bytes/);
    const smallRs = Buffer.from(RFC_BODY);
    smallRs.writeUInt32BE(40, 16);
    expect(() => decryptAes128gcm(smallRs, UA)).toThrow(/longer than one 40-byte record/);
  });
});
