import type { CertificateSummary, Exchange } from '../../../shared/domain/exchange';

function Cert({ cert, index }: { cert: CertificateSummary; index: number }) {
  return (
    <tr data-testid="tls-chain-entry">
      <td>{index === 0 ? 'Server' : `Issuer ${index}`}</td>
      <td className="mono">{cert.subject}</td>
      <td className="mono">{cert.issuer}</td>
      <td>
        {cert.validFrom} – {cert.validTo}
      </td>
      <td className="mono ellipsis" title={cert.fingerprint256}>
        {cert.fingerprint256}
      </td>
    </tr>
  );
}

export function TlsTab({ exchange }: { exchange: Exchange }) {
  const tls = exchange.tls;
  if (!tls) return <p className="hint">Plain HTTP: no TLS on this exchange.</p>;
  const chain = tls.peerChain.length > 0 ? tls.peerChain : tls.peerCertificate ? [tls.peerCertificate] : [];
  return (
    <div data-testid="tls-tab">
      <dl className="facts">
        <dt>Protocol</dt>
        <dd data-testid="tls-protocol">{tls.protocol ?? '—'}</dd>
        <dt>Cipher</dt>
        <dd>{tls.cipher ?? '—'}</dd>
        <dt>ALPN</dt>
        <dd>{tls.alpn ?? 'none'}</dd>
        <dt>Client certificate</dt>
        <dd data-testid="tls-client-cert">{tls.clientCertificateSubject ?? 'none sent'}</dd>
      </dl>
      {chain.length === 0 ? (
        <p className="hint">The server certificate was not recorded (reused connection).</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th />
              <th>Subject</th>
              <th>Issuer</th>
              <th>Valid</th>
              <th>SHA-256</th>
            </tr>
          </thead>
          <tbody>
            {chain.map((cert, index) => (
              <Cert key={cert.fingerprint256 + index} cert={cert} index={index} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
