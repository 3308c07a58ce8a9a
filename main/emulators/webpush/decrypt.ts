import { createDecipheriv, createECDH, hkdfSync } from 'node:crypto';

/**
 * The browser's side of RFC 8291 / RFC 8188 aes128gcm, written apart from the client's encryptor
 * (HKDF via node:crypto rather than hand-rolled HMAC steps) so a bug in one is not mirrored in
 * the other. Throws an Error whose message says which step failed.
 */
export interface ReceiverKeys {
  /** 32-byte P-256 private scalar. */
  privateKey: Buffer;
  /** 65-byte uncompressed public key (the subscription's p256dh). */
  publicKey: Buffer;
  /** 16-byte auth secret. */
  authSecret: Buffer;
}

export interface Decrypted {
  plaintext: Buffer;
  recordSize: number;
  paddingBytes: number;
  senderPublicKey: string;
  salt: string;
}

export function decryptAes128gcm(body: Buffer, keys: ReceiverKeys): Decrypted {
  if (body.length < 21) throw new Error(`body is ${body.length} bytes, shorter than the aes128gcm header`);
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idlen = body[20]!;
  if (idlen !== 65) throw new Error(`keyid is ${idlen} bytes; Web Push puts the 65-byte sender key there`);
  if (body.length < 21 + idlen + 17) throw new Error('body ends before the first record');
  if (recordSize < 18) throw new Error(`record size ${recordSize} is below the minimum of 18`);
  const senderPublic = body.subarray(21, 21 + idlen);
  const ciphertext = body.subarray(21 + idlen);
  if (ciphertext.length > recordSize) {
    throw new Error(`the ciphertext (${ciphertext.length} bytes) is longer than one ${recordSize}-byte record`);
  }
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(keys.privateKey);
  let shared: Buffer;
  try {
    shared = ecdh.computeSecret(senderPublic);
  } catch {
    throw new Error('the sender key in the header is not a P-256 point');
  }
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), keys.publicKey, senderPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', shared, keys.authSecret, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  let record: Buffer;
  try {
    record = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  } catch {
    throw new Error('the record does not authenticate: wrong keys, auth secret or salt');
  }
  let end = record.length - 1;
  while (end >= 0 && record[end] === 0) end--;
  if (end < 0) throw new Error('the record has no padding delimiter');
  if (record[end] !== 0x02) {
    throw new Error(`the delimiter is 0x0${record[end]!.toString(16)}; the last (only) record must use 0x02`);
  }
  return {
    plaintext: record.subarray(0, end),
    recordSize,
    paddingBytes: record.length - end - 1,
    senderPublicKey: senderPublic.toString('base64url'),
    salt: salt.toString('base64url'),
  };
}
