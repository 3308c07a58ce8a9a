import { createECDH, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { AppError } from '../../../../shared/errors';

/**
 * VAPID (RFC 8292): an ES256 JWT naming the push service's origin, sent as
 * `Authorization: vapid t=<jwt>, k=<public key>`. ES256 signatures are the raw 64-byte r||s
 * (ieee-p1363), never DER: push services reject DER.
 */
export interface VapidKeyPair {
  /** base64url, 65-byte uncompressed point. */
  publicKey: string;
  /** base64url, 32-byte private scalar. */
  privateKey: string;
}

export interface VapidClaims {
  aud: string;
  exp: number;
  sub?: string;
}

export function generateVapidKeys(): VapidKeyPair {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    publicKey: ecdh.getPublicKey().toString('base64url'),
    // getPrivateKey drops leading zero bytes; VAPID keys are always 32 bytes.
    privateKey: Buffer.concat([Buffer.alloc(32), ecdh.getPrivateKey()])
      .subarray(-32)
      .toString('base64url'),
  };
}

/** A public key KeyObject from the 65-byte uncompressed point; throws a human error when it is not one. */
export function vapidPublicKeyObject(publicKey: Uint8Array): KeyObject {
  if (publicKey.length !== 65 || publicKey[0] !== 0x04) {
    throw new AppError(
      'CREDENTIAL_INVALID',
      `The VAPID public key is ${publicKey.length} bytes; it must be a 65-byte uncompressed P-256 point.`,
    );
  }
  try {
    return createPublicKey({
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: Buffer.from(publicKey.subarray(1, 33)).toString('base64url'),
        y: Buffer.from(publicKey.subarray(33)).toString('base64url'),
      },
      format: 'jwk',
    });
  } catch {
    throw new AppError('CREDENTIAL_INVALID', 'The VAPID public key is not a point on the P-256 curve.');
  }
}

/** The signing key, after checking that the public key really belongs to the private one. */
export function vapidPrivateKeyObject(keys: VapidKeyPair): KeyObject {
  const publicKey = Buffer.from(keys.publicKey, 'base64url');
  const privateKey = Buffer.from(keys.privateKey, 'base64url');
  if (privateKey.length !== 32) {
    throw new AppError(
      'CREDENTIAL_INVALID',
      `The VAPID private key is ${privateKey.length} bytes; it must be 32 bytes.`,
    );
  }
  vapidPublicKeyObject(publicKey);
  const ecdh = createECDH('prime256v1');
  try {
    ecdh.setPrivateKey(privateKey);
  } catch {
    throw new AppError('CREDENTIAL_INVALID', 'The VAPID private key is not a valid P-256 key.');
  }
  if (!ecdh.getPublicKey().equals(publicKey)) {
    throw new AppError(
      'CREDENTIAL_INVALID',
      'The VAPID public key does not belong to the private key.',
      'Use the pair printed by "push-console vapid generate", or the pair your server uses.',
    );
  }
  return createPrivateKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: publicKey.subarray(1, 33).toString('base64url'),
      y: publicKey.subarray(33).toString('base64url'),
      d: privateKey.toString('base64url'),
    },
    format: 'jwk',
  });
}

const HEADER = Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'ES256' })).toString('base64url');

export function signVapidJwt(claims: VapidClaims, key: KeyObject): string {
  const input = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const signature = sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

/** Splits and decodes a JWT without trusting it; null when it is not three base64url JSON parts. */
export function decodeJwt(token: string): DecodedJwt | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]*$/.test(part))) return null;
  try {
    const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as unknown;
    const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as unknown;
    if (!isObject(header) || !isObject(claims)) return null;
    return { header, claims, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2]!, 'base64url') };
  } catch {
    return null;
  }
}

/** True when the JWT's ES256 signature (raw r||s, 64 bytes) verifies under the public key. */
export function verifyEs256(decoded: DecodedJwt, publicKey: KeyObject): boolean {
  if (decoded.signature.length !== 64) return false;
  return verify(
    'sha256',
    Buffer.from(decoded.signingInput),
    { key: publicKey, dsaEncoding: 'ieee-p1363' },
    decoded.signature,
  );
}

export function vapidAuthorization(token: string, publicKey: string): string {
  return `vapid t=${token}, k=${publicKey}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
