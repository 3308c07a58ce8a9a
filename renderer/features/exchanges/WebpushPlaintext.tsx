import type { Exchange, RecordedBody } from '../../../shared/domain/exchange';
import { prettyBody } from './decode';

function cut(body: RecordedBody): string {
  return body.truncated ? ` (cut at ${body.data.length.toLocaleString()} of ${body.size.toLocaleString()} bytes)` : '';
}

/** A Web Push send's payload before RFC 8291 encryption, beside the ciphertext that went over the wire. */
export function WebpushPlaintext({ exchange }: { exchange: Exchange }) {
  const plain = exchange.requestPlaintext;
  const cipher = exchange.requestBody;
  if (!plain && !cipher) return null;
  return (
    <section className="webpush-plaintext" data-testid="webpush-plaintext" aria-label="Payload">
      <div>
        <h3>Payload before encryption</h3>
        {plain ? (
          <>
            <p className="hint">
              {plain.size.toLocaleString()} bytes{cut(plain)}
              {exchange.redactions.some((r) => r.startsWith('request plaintext')) ? ', secrets redacted' : ''}
            </p>
            <pre tabIndex={0} className="mono exchange-raw" data-testid="webpush-plaintext-text">
              {plain.encoding === 'text' ? prettyBody(plain.data).text : plain.data}
            </pre>
          </>
        ) : (
          <p className="hint" data-testid="webpush-plaintext-missing">
            Not recorded: this exchange predates plaintext recording, or the send had no payload.
          </p>
        )}
      </div>
      <div>
        <h3>Ciphertext sent (aes128gcm)</h3>
        {cipher ? (
          <>
            <p className="hint">
              {cipher.size.toLocaleString()} bytes, base64{cut(cipher)}
            </p>
            <pre tabIndex={0} className="mono exchange-raw" data-testid="webpush-ciphertext">
              {cipher.data}
            </pre>
          </>
        ) : (
          <p className="hint">No body: nothing was encrypted.</p>
        )}
      </div>
    </section>
  );
}
