import type { PeerCertificate, TLSSocket } from 'node:tls';
import type { CertificateSummary, TlsInfo } from '../../../shared/domain/exchange';

type DistinguishedName = Record<string, string | string[] | undefined>;

/** `CN=api.push.apple.com, O=Apple Inc., C=US`: the order OpenSSL reports, arrays flattened. */
export function formatDistinguishedName(name: DistinguishedName | undefined): string {
  if (!name) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(name)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) parts.push(`${key}=${item}`);
  }
  return parts.join(', ');
}

/** Node's key fields in words: `EC P-256`, `RSA 2048 bits`, or the bit count when the type is unknown. */
function describeKey(cert: PeerCertificate & { nistCurve?: string; asn1Curve?: string }): string | undefined {
  const curve = cert.nistCurve ?? cert.asn1Curve;
  if (curve) return `EC ${curve}`;
  if (cert.modulus) return `RSA ${cert.bits} bits`;
  return typeof cert.bits === 'number' ? `${cert.bits} bits` : undefined;
}

function summarize(cert: PeerCertificate): CertificateSummary {
  const publicKey = describeKey(cert);
  return {
    subject: formatDistinguishedName(cert.subject as unknown as DistinguishedName),
    issuer: formatDistinguishedName(cert.issuer as unknown as DistinguishedName),
    validFrom: new Date(cert.valid_from).toISOString(),
    validTo: new Date(cert.valid_to).toISOString(),
    fingerprint256: cert.fingerprint256,
    subjectAltNames: cert.subjectaltname ? cert.subjectaltname.split(', ').filter(Boolean) : [],
    ...(cert.serialNumber ? { serialNumber: cert.serialNumber } : {}),
    ...(publicKey ? { publicKey } : {}),
  };
}

/** The chain as the server presented it, leaf first; stops at a self-signed root (which links to itself). */
function chainOf(leaf: PeerCertificate & { issuerCertificate?: PeerCertificate }): CertificateSummary[] {
  const chain: CertificateSummary[] = [];
  const seen = new Set<string>();
  let current: (PeerCertificate & { issuerCertificate?: PeerCertificate }) | undefined = leaf.issuerCertificate;
  while (current && current.fingerprint256 && !seen.has(current.fingerprint256)) {
    seen.add(current.fingerprint256);
    if (current.fingerprint256 === leaf.fingerprint256) break;
    chain.push(summarize(current));
    current = (current as { issuerCertificate?: PeerCertificate }).issuerCertificate;
  }
  return chain;
}

/**
 * Read once per connection (the handshake does not change), so callers cache the result.
 * `customRoots`: the request named its own trusted roots (the local emulators' CA).
 */
export function readTlsInfo(socket: TLSSocket, customRoots = false): TlsInfo {
  const peer = socket.getPeerCertificate(true) as PeerCertificate & { issuerCertificate?: PeerCertificate };
  const hasPeer = peer && Object.keys(peer).length > 0 && typeof peer.fingerprint256 === 'string';
  const local = socket.getCertificate() as PeerCertificate | null;
  const hasLocal = local !== null && typeof local === 'object' && Object.keys(local).length > 0 && local.subject;
  return {
    protocol: socket.getProtocol() ?? null,
    cipher: socket.getCipher()?.name ?? null,
    alpn: typeof socket.alpnProtocol === 'string' ? socket.alpnProtocol : null,
    peerCertificate: hasPeer ? summarize(peer) : null,
    peerChain: hasPeer ? chainOf(peer) : [],
    clientCertificateSubject: hasLocal ? formatDistinguishedName(local.subject as unknown as DistinguishedName) : null,
    authorized: socket.authorized,
    authorizationError: socket.authorizationError ? String(socket.authorizationError) : null,
    trustedRoots: customRoots ? 'custom' : 'system',
  };
}
