import { readWebpushNotes, type WebpushNotes } from '../../../../shared/providers/webpush/notes';

interface Props {
  /** An exchange's `notes`; anything that is not a Web Push send renders nothing. */
  notes: unknown;
  /** For "expires in …"; injected by tests. */
  now?: Date;
  /** False where the VAPID JWT is shown on its own (the exchange's Decoded tab), so it appears once. */
  withVapid?: boolean;
}

/**
 * The Encryption view of a Web Push send: the RFC 8291 steps with their public values and sizes,
 * and the decoded VAPID claims, so a developer can see why a browser or push service refused a
 * message. Private parts were never recorded, so none can appear here.
 */
export function WebpushEncryptionView({ notes, now = new Date(), withVapid = true }: Props) {
  const parsed = readWebpushNotes(notes);
  if (!parsed) return null;
  return (
    <section className="webpush-encryption" data-testid="webpush-encryption" aria-label="Encryption">
      <h3>Encryption</h3>
      <p data-testid="webpush-service">Push service: {parsed.pushService}</p>
      {parsed.encryption ? <Steps encryption={parsed.encryption} /> : <p>No payload: nothing was encrypted.</p>}
      {withVapid && <VapidFacts vapid={parsed.vapid} now={now} />}
    </section>
  );
}

function Steps({ encryption }: { encryption: NonNullable<WebpushNotes['encryption']> }) {
  return (
    <>
      <dl className="kv" data-testid="webpush-encryption-values">
        <dt>Content-Encoding</dt>
        <dd>{encryption.contentEncoding}</dd>
        <dt>Salt</dt>
        <dd>
          <code>{encryption.salt}</code>
        </dd>
        <dt>Server (ephemeral) public key</dt>
        <dd>
          <code>{encryption.serverPublicKey}</code>
        </dd>
        <dt>Browser key (p256dh)</dt>
        <dd>
          <code>{encryption.userAgentPublicKey}</code>
        </dd>
        <dt>Record size</dt>
        <dd>{encryption.recordSize} bytes (one record)</dd>
        <dt>Padding</dt>
        <dd>
          delimiter 0x0{encryption.delimiter.toString(16)}, {encryption.paddingBytes} zero bytes
        </dd>
        <dt>Sizes</dt>
        <dd>
          {encryption.plaintextBytes} bytes of text → {encryption.ciphertextBytes} bytes sent ({encryption.headerBytes}
          -byte header, {encryption.tagBytes}-byte tag)
        </dd>
        <dt>Derived</dt>
        <dd>
          IKM {encryption.sizes.ikm}, PRK {encryption.sizes.prk}, CEK {encryption.sizes.cek}, nonce{' '}
          {encryption.sizes.nonce} bytes (values are secret and not recorded)
        </dd>
      </dl>
      <table className="steps" data-testid="webpush-encryption-steps">
        <thead>
          <tr>
            <th>Step</th>
            <th>Formula</th>
            <th>Result</th>
          </tr>
        </thead>
        <tbody>
          {encryption.steps.map((step) => (
            <tr key={step.name}>
              <td>{step.name}</td>
              <td>
                <code>{step.formula}</code>
              </td>
              <td>{step.result}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The VAPID JWT as sent (signature never recorded), with when it expires and whether it was cached. */
export function VapidFacts({ vapid, now = new Date() }: { vapid: WebpushNotes['vapid']; now?: Date }) {
  const left = Math.round((vapid.claims.exp * 1000 - now.getTime()) / 60_000);
  const expiry = left > 0 ? `expires in ${formatMinutes(left)}` : 'expired';
  return (
    <dl className="kv" data-testid="webpush-vapid">
      <dt>JWT header</dt>
      <dd>
        {vapid.header.typ}, signed with {vapid.header.alg}
      </dd>
      <dt>Audience (aud)</dt>
      <dd>
        <code>{vapid.claims.aud}</code>
      </dd>
      <dt>Expires (exp)</dt>
      <dd>
        {vapid.expiresAt} ({expiry}; made for {formatMinutes(Math.round(vapid.lifetimeSeconds / 60))})
      </dd>
      <dt>Contact (sub)</dt>
      <dd>{vapid.claims.sub ? <code>{vapid.claims.sub}</code> : <strong>missing</strong>}</dd>
      <dt>Public key (k)</dt>
      <dd>
        <code>{vapid.publicKey}</code>
      </dd>
      <dt>Token</dt>
      <dd>{vapid.reused ? 'reused from the cache' : 'signed for this send'}</dd>
    </dl>
  );
}

function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}
