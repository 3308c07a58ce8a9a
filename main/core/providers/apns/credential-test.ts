import { createPrivateKey, createPublicKey, verify } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import { nodeForge } from '../../credentials/forge';
import { AppError } from '../../../../shared/errors';
import { appleCertificateFacts, isExpired } from '../../credentials/apple-certificate';
import type { ResolvedCredential } from '../../credentials/types';
import type { ApnsCertificateSecret } from '../../credentials/apns-p12';
import type { ApnsTokenSecret } from '../../credentials/apns-p8';
import { signApnsJwt } from './jwt';

/**
 * Offline proof that an APNs credential works: a .p8 key signs a provider token with the same
 * signer sends use and the token verifies with the key's public half; a certificate loads as the
 * TLS identity a connection presents and has not expired. APNs has no call that checks either
 * without a device token, so nothing goes over the network.
 */
export function testApnsCredential(credential: ResolvedCredential, now: number): string {
  const secret = credential.secret;
  if (secret.kind === 'apns-token') return testToken(secret, now);
  if (secret.kind === 'apns-certificate') return testCertificate(secret, now);
  throw new AppError('CREDENTIAL_INVALID', `"${credential.meta.label}" is not an APNs credential.`);
}

function testToken(secret: ApnsTokenSecret, now: number): string {
  let privateKey: ReturnType<typeof createPrivateKey>;
  try {
    privateKey = createPrivateKey(secret.keyPem);
  } catch {
    throw new AppError(
      'CREDENTIAL_INVALID',
      'The .p8 key does not load: it is not a PEM private key.',
      'Import the AuthKey_<key id>.p8 file again, exactly as Apple issued it.',
    );
  }
  // Not from the send cache: a test proves the key as stored now, and leaves the cache alone.
  const jwt = signApnsJwt(privateKey, secret.keyId, secret.teamId, Math.floor(now / 1000));
  const [header, claims, signature] = jwt.split('.') as [string, string, string];
  const raw = Buffer.from(signature, 'base64url');
  const verified =
    raw.length === 64 &&
    verify(
      'sha256',
      Buffer.from(`${header}.${claims}`),
      { key: createPublicKey(privateKey), dsaEncoding: 'ieee-p1363' },
      raw,
    );
  if (!verified) throw new AppError('CREDENTIAL_INVALID', 'The key signed a JWT that does not verify.');
  return `Built and verified an ES256 JWT (kid ${secret.keyId}, iss ${secret.teamId}, ${jwt.length} characters).`;
}

function testCertificate(secret: ApnsCertificateSecret, now: number): string {
  try {
    createSecureContext({ cert: secret.certPem, key: secret.keyPem });
  } catch (error) {
    // OpenSSL's own words ("key values mismatch") are not for people; say which case it is.
    const mismatch = error instanceof Error && /mismatch/i.test(error.message);
    throw new AppError(
      'CREDENTIAL_INVALID',
      mismatch
        ? 'The TLS identity does not load: the private key does not belong to this certificate.'
        : 'The TLS identity does not load: the certificate or its key is damaged.',
      'Export the certificate and its private key together from Keychain Access as a .p12, and import that.',
    );
  }
  // Read from the certificate itself, so the answer holds whatever the stored metadata says.
  const facts = appleCertificateFacts(nodeForge().pki.certificateFromPem(secret.certPem));
  const day = facts.notAfter.slice(0, 10);
  if (isExpired(facts.notAfter, now)) {
    throw new AppError(
      'CREDENTIAL_INVALID',
      `The TLS identity loads, but the certificate expired on ${day}; renew it in the Apple Developer portal.`,
    );
  }
  const name = facts.subjectCn ?? 'certificate';
  const bundle = facts.bundleId ?? 'unknown bundle';
  const environment = facts.environment ?? 'unknown environment';
  return `The TLS identity loads (${name}, valid until ${day}) for ${bundle} (${environment}).`;
}
