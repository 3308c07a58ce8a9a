import { createPrivateKey } from 'node:crypto';
import { nodeForge } from '../../credentials/forge';
import { appleCertificateFacts, EXPIRY_WARNING_DAYS } from '../../credentials/apple-certificate';
import type { P12Encryption } from '../../credentials/p12-encryption';
import type { ResolvedCredential } from '../../credentials/types';
import { ok, problem, warning, type CheckContext, type CredentialChecker } from '../check';
import { probeProviderToken } from './token-probe';
import type { CredentialFinding } from '../../../../shared/domain/credential-check';

const APPLE_ID = /^[A-Z0-9]{10}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** APNs: a .p8 key's ids and curve, or a certificate's expiry, topics, environments and .p12 encryption. */
export const checkApnsCredential: CredentialChecker = async (credential, context) => {
  const secret = credential.secret;
  if (secret.kind === 'apns-token') {
    const findings = checkTokenKey(credential, secret);
    const idsConfirmed = findings.every((finding) => finding.severity === 'ok');
    const probes = await probeProviderToken(credential, context, idsConfirmed);
    return probes.length > 0 ? [...findings, ...probes] : [...findings, notProbed()];
  }
  if (secret.kind === 'apns-certificate') return checkCertificate(credential, secret.certPem, context);
  return [];
};

function checkTokenKey(
  credential: ResolvedCredential,
  secret: { keyPem: string; keyId: string; teamId: string },
): CredentialFinding[] {
  const findings: CredentialFinding[] = [];
  const fileKeyId = credential.meta.metadata['fileNameKeyId'];
  if (!APPLE_ID.test(secret.keyId)) {
    findings.push(
      problem(
        'Key ID',
        `"${secret.keyId}" is not 10 letters or digits.`,
        'Copy the Key ID from Keys in the Apple Developer portal.',
      ),
    );
  } else if (typeof fileKeyId === 'string' && fileKeyId !== secret.keyId) {
    findings.push(
      problem(
        'Key ID',
        `The file was named AuthKey_${fileKeyId}.p8 but the key id entered is ${secret.keyId}; Apple names the file after its key, so APNs will answer InvalidProviderToken.`,
        `Replace the key id with ${fileKeyId}, unless the file was renamed.`,
      ),
    );
  } else if (typeof fileKeyId === 'string') {
    findings.push(ok('Key ID', `${secret.keyId} matches the file name AuthKey_${fileKeyId}.p8.`));
  } else {
    findings.push(
      warning(
        'Key ID',
        `${secret.keyId} is well formed; the file name was not AuthKey_<key id>.p8, so nothing confirms it belongs to this key.`,
        'Compare it with the key listed under Keys in the Apple Developer portal.',
      ),
    );
  }
  findings.push(
    APPLE_ID.test(secret.teamId)
      ? ok('Team ID', `${secret.teamId} is 10 letters or digits, the shape of an Apple team id.`)
      : problem(
          'Team ID',
          `"${secret.teamId}" is not 10 letters or digits.`,
          'Find it under Membership in the Apple Developer portal.',
        ),
  );
  let curve: string | undefined;
  let type: string | undefined;
  try {
    const key = createPrivateKey(secret.keyPem);
    type = key.asymmetricKeyType;
    curve = key.asymmetricKeyDetails?.namedCurve;
  } catch {
    // Reported below as unreadable.
  }
  findings.push(
    type === 'ec' && curve === 'prime256v1'
      ? ok('Key type', 'An EC key on P-256 (prime256v1), as APNs token auth needs.')
      : problem(
          'Key type',
          `The key is ${type ?? 'unreadable'}${curve ? ` on ${curve}` : ''}; APNs needs an EC P-256 key.`,
          'Import the AuthKey_<key id>.p8 file again.',
        ),
  );
  return findings;
}

function checkCertificate(credential: ResolvedCredential, certPem: string, context: CheckContext): CredentialFinding[] {
  const facts = appleCertificateFacts(nodeForge().pki.certificateFromPem(certPem));
  const findings: CredentialFinding[] = [expiry(facts.notAfter, context.now)];
  findings.push(
    facts.topics.length > 0
      ? ok('Topics', `The certificate allows ${facts.topics.join(', ')} (extension 1.2.840.113635.100.6.3.6).`)
      : facts.bundleId
        ? ok('Topics', `The certificate is for ${facts.bundleId} (its UID); it lists no further topics.`)
        : warning('Topics', 'The certificate names no bundle id and no topics.', 'Give the apns-topic on every send.'),
  );
  findings.push(environmentFinding(facts.environment, context));
  const encryptions = credential.meta.metadata['p12Encryptions'];
  if (Array.isArray(encryptions)) findings.push(...encryptionFindings(encryptions as P12Encryption[]));
  return findings;
}

function expiry(notAfter: string, now: number): CredentialFinding {
  const day = notAfter.slice(0, 10);
  const days = Math.ceil((Date.parse(notAfter) - now) / DAY_MS);
  if (days <= 0) {
    return problem(
      'Expiry',
      `Expired on ${day}.`,
      'Renew it in the Apple Developer portal and load it with Replace secret.',
    );
  }
  const text = `Expires in ${days} day${days === 1 ? '' : 's'} (${day}).`;
  return days < EXPIRY_WARNING_DAYS
    ? warning('Expiry', text, 'Renew it in the Apple Developer portal before then, and load it with Replace secret.')
    : ok('Expiry', text);
}

function environmentFinding(environment: string | null, context: CheckContext): CredentialFinding {
  const used = [...new Set(context.profiles.map((profile) => profile.environment))];
  if (environment === null) {
    return problem(
      'Environments',
      'The certificate has neither Apple push extension (1.2.840.113635.100.6.3.1 / .2).',
      'Use an Apple Push Services certificate.',
    );
  }
  const allows = environment === 'universal' ? ['sandbox', 'production'] : [environment];
  const named =
    environment === 'universal'
      ? 'sandbox and production (both extensions .6.3.1 and .6.3.2)'
      : `${environment} only (extension .6.3.${environment === 'sandbox' ? 1 : 2})`;
  const refused = used.filter((env) => env !== 'local' && !allows.includes(env));
  if (refused.length > 0) {
    return problem(
      'Environments',
      `The certificate is for ${named}, but profiles send to ${refused.join(', ')} with it.`,
      `Use a ${refused.join('/')} certificate for those profiles, or a universal one.`,
    );
  }
  return ok(
    'Environments',
    `The certificate is for ${named}${used.length ? `; its profiles send to ${used.join(', ')}` : ''}.`,
  );
}

function encryptionFindings(encryptions: readonly P12Encryption[]): CredentialFinding[] {
  return encryptions.map((encryption) => {
    const what = `The .p12's ${encryption.part === 'key' ? 'private key' : 'certificates'} use ${encryption.algorithm}`;
    if (encryption.legacyProvider) {
      return warning(
        '.p12 encryption',
        `${what}, which OpenSSL 3 refuses without the legacy provider; Push Console reads it.`,
        'Other tools may fail on this file: re-export it with AES-256 (openssl pkcs12 -export, OpenSSL 3 defaults, or a current Keychain Access).',
      );
    }
    if (/3DES|DES-CBC/.test(encryption.algorithm)) {
      return warning(
        '.p12 encryption',
        `${what}, an old scheme OpenSSL 3 still reads; Push Console reads it.`,
        'Re-export it with AES-256 when convenient.',
      );
    }
    return ok('.p12 encryption', `${what}.`);
  });
}

function notProbed(): CredentialFinding {
  return warning(
    'Provider token',
    'No profile sends with this key, so APNs was not asked; it answers InvalidProviderToken for a revoked key and for a key id or team id that do not match, alike.',
    'Add a profile with its environment and topic, then check again.',
  );
}
