import { createCipheriv, createECDH, createHmac, randomBytes } from 'node:crypto';
import { AppError } from '../../../../shared/errors';
import type { WebpushEncryptionNote } from '../../../../shared/providers/webpush/notes';

/** RFC 8188 header: salt(16) || rs(4) || idlen(1) || keyid(65). */
export const ECE_HEADER_BYTES = 86;
export const ECE_TAG_BYTES = 16;
export const ECE_DEFAULT_RECORD_SIZE = 4096;

export interface EceInput {
  plaintext: Uint8Array;
  /** The browser's p256dh: a 65-byte uncompressed point. */
  uaPublic: Uint8Array;
  /** The browser's 16-byte auth secret. */
  authSecret: Uint8Array;
  /** Injected only by tests reproducing RFC 8291 Appendix A; otherwise 16 random bytes. */
  salt?: Uint8Array;
  /** Injected only by tests: the ephemeral private scalar (32 bytes); otherwise a fresh key. */
  serverPrivateKey?: Uint8Array;
  recordSize?: number;
  /** Zero bytes after the delimiter, to hide the payload's length. */
  padding?: number;
}

export interface EceOutput {
  body: Buffer;
  note: WebpushEncryptionNote;
}

function hmac(key: Uint8Array, ...data: Uint8Array[]): Buffer {
  const mac = createHmac('sha256', key);
  for (const part of data) mac.update(part);
  return mac.digest();
}

const KEY_INFO_LABEL = Buffer.from('WebPush: info\0', 'latin1');
const CEK_INFO = Buffer.from('Content-Encoding: aes128gcm\0\x01', 'latin1');
const NONCE_INFO = Buffer.from('Content-Encoding: nonce\0\x01', 'latin1');

/**
 * RFC 8291 aes128gcm in one record, spelled out as the RFC's HMAC steps (HKDF with a single
 * output block) so each step can be named in the exchange's encryption note.
 */
export function encryptWebpush(input: EceInput): EceOutput {
  const { plaintext, uaPublic, authSecret } = input;
  if (uaPublic.length !== 65 || uaPublic[0] !== 0x04) {
    throw new AppError('INVALID_INPUT', 'keys.p256dh must be a 65-byte uncompressed P-256 point.');
  }
  if (authSecret.length !== 16) {
    throw new AppError('INVALID_INPUT', `keys.auth is ${authSecret.length} bytes; it must be 16 bytes.`);
  }
  const padding = input.padding ?? 0;
  const recordSize = input.recordSize ?? ECE_DEFAULT_RECORD_SIZE;
  const recordBytes = plaintext.length + 1 + padding + ECE_TAG_BYTES;
  if (recordSize < 18 || recordBytes > recordSize) {
    throw new AppError(
      'INVALID_INPUT',
      `The payload needs a ${recordBytes}-byte record but the record size is ${recordSize}; Web Push sends exactly one record.`,
    );
  }
  const salt = Buffer.from(input.salt ?? randomBytes(16));
  if (salt.length !== 16) throw new AppError('INVALID_INPUT', 'The salt must be 16 bytes.');

  const ecdh = createECDH('prime256v1');
  if (input.serverPrivateKey) ecdh.setPrivateKey(Buffer.from(input.serverPrivateKey));
  else ecdh.generateKeys();
  const asPublic = ecdh.getPublicKey();
  let ecdhSecret: Buffer;
  try {
    ecdhSecret = ecdh.computeSecret(Buffer.from(uaPublic));
  } catch {
    throw new AppError('INVALID_INPUT', 'keys.p256dh is not a point on the P-256 curve.');
  }

  const prkKey = hmac(authSecret, ecdhSecret);
  const keyInfo = Buffer.concat([KEY_INFO_LABEL, uaPublic, asPublic]);
  const ikm = hmac(prkKey, keyInfo, Buffer.from([0x01]));
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, CEK_INFO).subarray(0, 16);
  // The record sequence number is 0 for the only record, so the nonce is used as derived.
  const nonce = hmac(prk, NONCE_INFO).subarray(0, 12);

  const record = Buffer.concat([Buffer.from(plaintext), Buffer.from([0x02]), Buffer.alloc(padding)]);
  const cipher = createCipheriv('aes-128-gcm', cek, nonce);
  const sealed = Buffer.concat([cipher.update(record), cipher.final(), cipher.getAuthTag()]);

  const header = Buffer.alloc(ECE_HEADER_BYTES);
  salt.copy(header, 0);
  header.writeUInt32BE(recordSize, 16);
  header.writeUInt8(asPublic.length, 20);
  asPublic.copy(header, 21);
  const body = Buffer.concat([header, sealed]);

  const note: WebpushEncryptionNote = {
    contentEncoding: 'aes128gcm',
    salt: salt.toString('base64url'),
    serverPublicKey: asPublic.toString('base64url'),
    userAgentPublicKey: Buffer.from(uaPublic).toString('base64url'),
    sizes: {
      ecdhSecret: ecdhSecret.length,
      authSecret: authSecret.length,
      ikm: ikm.length,
      prk: prk.length,
      cek: cek.length,
      nonce: nonce.length,
    },
    recordSize,
    paddingBytes: padding,
    delimiter: 0x02,
    headerBytes: ECE_HEADER_BYTES,
    tagBytes: ECE_TAG_BYTES,
    plaintextBytes: plaintext.length,
    ciphertextBytes: body.length,
    steps: [
      { name: 'Ephemeral key', formula: 'as_key = new P-256 key pair', result: `public key ${asPublic.length} bytes` },
      { name: 'ECDH', formula: 'ecdh_secret = ECDH(as_private, ua_public)', result: `${ecdhSecret.length} bytes` },
      { name: 'PRK_key', formula: 'HMAC-SHA-256(auth_secret, ecdh_secret)', result: `${prkKey.length} bytes` },
      {
        name: 'IKM',
        formula: 'HMAC-SHA-256(PRK_key, "WebPush: info" || 0x00 || ua_public || as_public || 0x01)',
        result: `${ikm.length} bytes`,
      },
      { name: 'PRK', formula: 'HMAC-SHA-256(salt, IKM)', result: `${prk.length} bytes` },
      {
        name: 'CEK',
        formula: 'HMAC-SHA-256(PRK, "Content-Encoding: aes128gcm" || 0x00 || 0x01)[0..16)',
        result: `${cek.length} bytes`,
      },
      {
        name: 'NONCE',
        formula: 'HMAC-SHA-256(PRK, "Content-Encoding: nonce" || 0x00 || 0x01)[0..12)',
        result: `${nonce.length} bytes`,
      },
      {
        name: 'Record',
        formula: 'plaintext || 0x02 || 0x00 × padding',
        result: `${record.length} bytes (${plaintext.length} + 1 + ${padding})`,
      },
      { name: 'AES-128-GCM', formula: 'seal(CEK, NONCE, record)', result: `${sealed.length} bytes with 16-byte tag` },
      {
        name: 'Body',
        formula: 'salt || rs || idlen || as_public || ciphertext',
        result: `${body.length} bytes (rs ${recordSize})`,
      },
    ],
  };
  return { body, note };
}
