import type forge from 'node-forge';
import { nodeForge } from './forge';

/** Apple's OIDs in APNs certificates (node-apn oids.js, Apple's send docs). */
export const APPLE_OIDS = {
  sandbox: '1.2.840.113635.100.6.3.1',
  production: '1.2.840.113635.100.6.3.2',
  topics: '1.2.840.113635.100.6.3.6',
  uid: '0.9.2342.19200300.100.1.1',
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;
export const EXPIRY_WARNING_DAYS = 30;

export interface AppleCertificateFacts {
  subjectCn: string | null;
  bundleId: string | null;
  topics: string[];
  environment: 'sandbox' | 'production' | 'universal' | null;
  issuerCn: string | null;
  notBefore: string;
  notAfter: string;
  isApplePush: boolean;
}

/** Reads what the UI shows from a certificate: never anything secret. */
export function appleCertificateFacts(cert: forge.pki.Certificate): AppleCertificateFacts {
  const field = (attrs: forge.pki.Certificate['subject'], key: Record<string, string>): string | null => {
    const found = attrs.getField(key) as { value?: unknown } | null;
    return typeof found?.value === 'string' ? found.value : null;
  };
  const sandbox = extension(cert, APPLE_OIDS.sandbox) !== undefined;
  const production = extension(cert, APPLE_OIDS.production) !== undefined;
  return {
    subjectCn: field(cert.subject, { name: 'commonName' }),
    bundleId: field(cert.subject, { type: APPLE_OIDS.uid }),
    topics: readTopics(cert),
    environment: sandbox && production ? 'universal' : sandbox ? 'sandbox' : production ? 'production' : null,
    issuerCn: field(cert.issuer, { name: 'commonName' }),
    notBefore: cert.validity.notBefore.toISOString(),
    notAfter: cert.validity.notAfter.toISOString(),
    isApplePush: sandbox || production,
  };
}

/**
 * The .6.3.6 extension is a SEQUENCE of `UTF8String topic, SEQUENCE { UTF8String kind }` pairs;
 * only the topic strings directly inside the outer sequence are topics.
 */
function readTopics(cert: forge.pki.Certificate): string[] {
  const ext = extension(cert, APPLE_OIDS.topics);
  if (!ext || typeof ext.value !== 'string') return [];
  try {
    const outer = nodeForge().asn1.fromDer(ext.value);
    if (!Array.isArray(outer.value)) return [];
    return outer.value
      .filter((child) => child.type === nodeForge().asn1.Type.UTF8 && typeof child.value === 'string')
      .map((child) => nodeForge().util.decodeUtf8(child.value as string));
  } catch {
    return [];
  }
}

function extension(cert: forge.pki.Certificate, id: string): { value?: unknown } | undefined {
  return (cert.extensions as Array<{ id?: string; value?: unknown }>).find((ext) => ext.id === id);
}

/** Warnings that depend on today's date, so they are recomputed whenever credentials are listed. */
export function expiryWarnings(notAfter: string, now = Date.now()): string[] {
  const end = Date.parse(notAfter);
  if (Number.isNaN(end)) return [];
  const day = notAfter.slice(0, 10);
  if (end <= now) {
    return [`Expired on ${day}; sends are blocked until you renew it in the Apple Developer portal.`];
  }
  const days = Math.ceil((end - now) / DAY_MS);
  if (days <= EXPIRY_WARNING_DAYS) return [`Expires in ${days} day${days === 1 ? '' : 's'} (${day}).`];
  return [];
}

export function isExpired(notAfter: unknown, now = Date.now()): boolean {
  return typeof notAfter === 'string' && Date.parse(notAfter) <= now;
}
