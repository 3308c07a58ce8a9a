import { createHmac, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import { AppError } from '../../../shared/errors';
import { isExpired } from './apple-certificate';
import type { ResolvedCredential } from './types';

export interface SelfTestResult {
  ok: boolean;
  message: string;
}

/**
 * Offline proof that a stored credential works: the JWT signs and verifies, the TLS identity
 * loads, the SAS token is built. FCM and WNS need their token endpoints, so they return null.
 */
export function selfTest(credential: ResolvedCredential, now = Date.now()): SelfTestResult | null {
  const { secret, meta } = credential;
  switch (secret.kind) {
    case 'apns-token': {
      const jwt = es256Jwt(
        { alg: 'ES256', kid: secret.keyId },
        { iss: secret.teamId, iat: Math.floor(now / 1000) },
        secret.keyPem,
      );
      return {
        ok: true,
        message: `Built and verified an ES256 JWT (kid ${secret.keyId}, iss ${secret.teamId}, ${jwt.length} characters).`,
      };
    }
    case 'apns-certificate': {
      try {
        createSecureContext({ cert: secret.certPem, key: secret.keyPem });
      } catch (error) {
        return { ok: false, message: `The TLS identity does not load: ${firstLine(error)}.` };
      }
      const notAfter = String(meta.metadata['notAfter'] ?? '');
      if (isExpired(notAfter, now)) {
        return {
          ok: false,
          message: `The TLS identity loads, but the certificate expired on ${notAfter.slice(0, 10)}; renew it in the Apple Developer portal.`,
        };
      }
      return {
        ok: true,
        message: `The TLS identity loads (${String(meta.metadata['subjectCn'] ?? 'certificate')}, valid until ${notAfter.slice(0, 10)}).`,
      };
    }
    case 'vapid': {
      const key = createPrivateKey({
        key: {
          kty: 'EC',
          crv: 'P-256',
          d: secret.privateKey,
          x: Buffer.from(secret.publicKey, 'base64url').subarray(1, 33).toString('base64url'),
          y: Buffer.from(secret.publicKey, 'base64url').subarray(33).toString('base64url'),
        },
        format: 'jwk',
      });
      es256Jwt(
        { typ: 'JWT', alg: 'ES256' },
        { aud: 'https://push.example', exp: Math.floor(now / 1000) + 3600, sub: secret.subject },
        key,
      );
      return { ok: true, message: `Signed and verified a VAPID JWT for ${secret.subject}.` };
    }
    case 'nhub': {
      const expiry = Math.floor(now / 1000) + 3600;
      const resource = encodeURIComponent(secret.endpoint.replace(/^sb:/, 'https:'));
      const sig = createHmac('sha256', Buffer.from(secret.key, 'utf8'))
        .update(`${resource}\n${expiry}`)
        .digest('base64');
      const token = `SharedAccessSignature sr=${resource}&sig=${encodeURIComponent(sig)}&se=${expiry}&skn=${secret.keyName}`;
      return {
        ok: token.length > 0,
        message: `Built a SAS token for hub ${secret.hubName} with key ${secret.keyName}, valid 60 min. Whether the key is right shows on the first send.`,
      };
    }
    default:
      return null;
  }
}

function es256Jwt(header: object, claims: object, key: string | ReturnType<typeof createPrivateKey>): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const input = `${encode(header)}.${encode(claims)}`;
  const privateKey = typeof key === 'string' ? createPrivateKey(key) : key;
  // JOSE wants raw r||s, not DER: ieee-p1363.
  const signature = sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  const ok = verify(
    'sha256',
    Buffer.from(input),
    { key: createPublicKey(privateKey), dsaEncoding: 'ieee-p1363' },
    signature,
  );
  if (!ok || signature.length !== 64)
    throw new AppError('CREDENTIAL_INVALID', 'The key signed a JWT that does not verify.');
  return `${input}.${signature.toString('base64url')}`;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 160);
}
