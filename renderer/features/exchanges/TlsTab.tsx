import type { CertificateSummary, Exchange, TlsInfo } from '../../../shared/domain/exchange';
import { CopyValue } from './CopyValue';

const NOT_RECORDED = 'not recorded on this exchange';

function roleOf(index: number, count: number, cert: CertificateSummary): string {
  if (index === 0) return 'Server certificate';
  if (index === count - 1 && cert.subject === cert.issuer) return 'Root';
  return `Intermediate ${index}`;
}

function Cert({ cert, index, count }: { cert: CertificateSummary; index: number; count: number }) {
  const sans = cert.subjectAltNames;
  return (
    <section className="tls-cert" data-testid="tls-chain-entry" aria-label={roleOf(index, count, cert)}>
      <h3>{roleOf(index, count, cert)}</h3>
      <dl className="facts">
        <dt>Subject</dt>
        <dd className="mono" data-testid="tls-cert-subject">
          {cert.subject || '(empty)'}
        </dd>
        <dt>Issuer</dt>
        <dd className="mono" data-testid="tls-cert-issuer">
          {cert.issuer || '(empty)'}
        </dd>
        <dt>Alternative names</dt>
        <dd className="mono" data-testid="tls-cert-sans">
          {sans === undefined ? NOT_RECORDED : sans.length === 0 ? 'none' : sans.join(', ')}
        </dd>
        <dt>Valid</dt>
        <dd data-testid="tls-cert-validity">
          from {cert.validFrom} to {cert.validTo}
        </dd>
        <dt>Public key</dt>
        <dd data-testid="tls-cert-key">{cert.publicKey ?? NOT_RECORDED}</dd>
        <dt>Serial number</dt>
        <dd className="mono">{cert.serialNumber ?? NOT_RECORDED}</dd>
        <dt>SHA-256 fingerprint</dt>
        <dd className="mono" data-testid="tls-cert-fingerprint">
          <span className="value-text">{cert.fingerprint256}</span>
          <CopyValue value={cert.fingerprint256} label="SHA-256 fingerprint" />
        </dd>
      </dl>
    </section>
  );
}

function verification(tls: TlsInfo): string {
  if (tls.authorized === undefined) return NOT_RECORDED;
  const roots = tls.trustedRoots === 'custom' ? "the request's own roots (the local CA)" : "the system's trusted roots";
  if (tls.authorized) return `Verified against ${roots}`;
  return `Not verified${tls.authorizationError ? `: ${tls.authorizationError}` : ''} (checked against ${roots})`;
}

/** The connection's TLS: protocol, cipher, ALPN, the verification result, and the whole chain, leaf first. */
export function TlsTab({ exchange }: { exchange: Exchange }) {
  const tls = exchange.tls;
  if (!tls) return <p className="hint">Plain HTTP: no TLS on this exchange.</p>;
  // peerChain holds the issuers only; the leaf is peerCertificate.
  const chain = tls.peerCertificate ? [tls.peerCertificate, ...tls.peerChain] : tls.peerChain;
  return (
    <div data-testid="tls-tab">
      <dl className="facts">
        <dt>Protocol</dt>
        <dd data-testid="tls-protocol">{tls.protocol ?? '—'}</dd>
        <dt>Cipher</dt>
        <dd className="mono">{tls.cipher ?? '—'}</dd>
        <dt>ALPN</dt>
        <dd data-testid="tls-alpn">{tls.alpn ?? 'none negotiated'}</dd>
        <dt>Verification</dt>
        <dd data-testid="tls-verification">{verification(tls)}</dd>
        <dt>Client certificate</dt>
        <dd data-testid="tls-client-cert">{tls.clientCertificateSubject ?? 'none sent'}</dd>
      </dl>
      {chain.length === 0 ? (
        <p className="hint">The server sent no certificate.</p>
      ) : (
        <>
          <p className="hint" data-testid="tls-chain-count">
            Chain of {chain.length} certificate{chain.length === 1 ? '' : 's'}, server first.
          </p>
          {chain.map((cert, index) => (
            <Cert key={cert.fingerprint256 + index} cert={cert} index={index} count={chain.length} />
          ))}
        </>
      )}
    </div>
  );
}
