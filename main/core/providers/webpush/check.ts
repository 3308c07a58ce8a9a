import { createECDH } from 'node:crypto';
import type { CredentialFinding } from '../../../../shared/domain/credential-check';
import { ok, problem, warning, type CredentialChecker } from '../check';
import { requireVapid } from './client';

/** Hosts no push service can reach a sender at; Apple's refuses such a `sub` with BadJwtToken. */
const PLACEHOLDER_HOST = /^(localhost|127\.0\.0\.1|\[::1\]|example\.(com|org|net)|.*\.example|.*\.local|.*\.test)$/i;

/** Web Push: the stored public key is the private key's, and the VAPID `sub` follows RFC 8292 and Apple. */
export const checkVapidCredential: CredentialChecker = async (credential) => {
  const secret = requireVapid(credential);
  const findings: CredentialFinding[] = [];
  let derived: string | null = null;
  try {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(secret.privateKey, 'base64url'));
    derived = ecdh.getPublicKey().toString('base64url');
  } catch {
    // Reported below.
  }
  const shown = `k=${secret.publicKey.slice(0, 12)}…`;
  findings.push(
    derived === secret.publicKey
      ? ok('Key pair', `The public key ${shown} derives from the private key.`)
      : problem(
          'Key pair',
          derived === null
            ? 'The private key is not a P-256 scalar.'
            : `The public key ${shown} is not the one the private key derives (k=${derived.slice(0, 12)}…); push services refuse the JWT.`,
          'Import the pair again with the public key left empty, so it is derived.',
        ),
  );
  findings.push(...subjectFindings(secret.subject));
  return findings;
};

function subjectFindings(subject: string): CredentialFinding[] {
  let url: URL | null = null;
  try {
    url = new URL(subject);
  } catch {
    // Reported below.
  }
  if (!url || (url.protocol !== 'mailto:' && url.protocol !== 'https:')) {
    return [
      problem(
        'Subject',
        `sub "${subject.slice(0, 80)}" is neither mailto: nor https: (RFC 8292 §2.1).`,
        'Use mailto:you@your-domain or https://your-site.',
      ),
    ];
  }
  const host = url.protocol === 'mailto:' ? (subject.split('@')[1] ?? '').trim() : url.hostname;
  const findings = [ok('Subject', `sub ${subject} is a ${url.protocol} URL, as RFC 8292 asks.`)];
  if (PLACEHOLDER_HOST.test(host)) {
    findings.push(
      warning(
        'Subject for Apple',
        `sub names ${host}, a local or example host; Apple's push service (web.push.apple.com) answers 403 BadJwtToken to such a subject.`,
        'Use a mailto: address or https: URL on a domain you own.',
      ),
    );
  }
  return findings;
}
