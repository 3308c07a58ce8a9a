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

function summarize(cert: PeerCertificate): CertificateSummary {
  return {
    subject: formatDistinguishedName(cert.subject as unknown as DistinguishedName),
    issuer: formatDistinguishedName(cert.issuer as unknown as DistinguishedName),
    validFrom: new Date(cert.valid_from).toISOString(),
    validTo: new Date(cert.valid_to).toISOString(),
    fingerprint256: cert.fingerprint256,
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

/** Read once per connection (the handshake does not change), so callers cache the result. */
export function readTlsInfo(socket: TLSSocket): TlsInfo {
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
  };
}
