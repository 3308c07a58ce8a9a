import type { Exchange } from '../../../shared/domain/exchange';
import { WebpushEncryptionView } from '../compose/webpush/EncryptionView';
import { decodeJwts, formatAge, headersMatching } from './decode';

function Json({ value, testid }: { value: unknown; testid?: string }) {
  return (
    <pre className="mono exchange-raw" data-testid={testid}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

function fcmErrorDetails(exchange: Exchange): unknown {
  if (exchange.provider !== 'fcm' || exchange.responseBody?.encoding !== 'text') return null;
  try {
    const parsed = JSON.parse(exchange.responseBody.data) as { error?: unknown };
    return parsed.error ?? null;
  } catch {
    return null;
  }
}

/** What the wire format hides: JWT claims, message ids, WNS and NH status, FCM errors, encryption. */
export function DecodedTab({ exchange }: { exchange: Exchange }) {
  const jwts = decodeJwts(exchange);
  const apnsIds = headersMatching(exchange.responseHeaders, (name) => name === 'apns-id' || name === 'apns-unique-id');
  const wns = headersMatching(exchange.responseHeaders, (name) => name.startsWith('x-wns-'));
  const fcmError = fcmErrorDetails(exchange);
  const notes = exchange.notes ?? {};
  const otherNotes = Object.entries(notes).filter(([key]) => !['encryption', 'vapid', 'pushService'].includes(key));
  const nothing = jwts.length + apnsIds.length + wns.length + otherNotes.length === 0 && !fcmError && !notes.encryption;
  return (
    <div data-testid="decoded-tab" className="decoded">
      {nothing && <p className="hint">Nothing to decode in this exchange.</p>}
      {jwts.map((jwt, index) => (
        <section key={index} data-testid="decoded-jwt">
          <h3>JWT in {jwt.where}</h3>
          <p className="hint">Signature redacted when recorded.</p>
          <h4>Header</h4>
          <Json value={jwt.header} testid="jwt-header" />
          <h4>Claims</h4>
          <Json value={jwt.claims} testid="jwt-claims" />
          {jwt.iatAgeSeconds !== null && (
            <p data-testid="jwt-iat-age">
              iat: {formatAge(jwt.iatAgeSeconds)} when sent
              {exchange.provider === 'apns' && jwt.iatAgeSeconds > 3600
                ? ' — APNs refuses tokens older than an hour.'
                : ''}
            </p>
          )}
        </section>
      ))}
      {apnsIds.length > 0 && (
        <section data-testid="decoded-apns-ids">
          <h3>APNs ids</h3>
          <dl className="facts">
            {apnsIds.map(([name, value]) => (
              <div key={name} className="fact-row">
                <dt className="mono">{name}</dt>
                <dd className="mono">{value}</dd>
              </div>
            ))}
          </dl>
          <p className="hint">
            In the sandbox, Apple&apos;s Push Notifications Console can look up apns-unique-id in its Delivery Log to
            see what happened to the notification after APNs accepted it.
          </p>
        </section>
      )}
      {wns.length > 0 && (
        <section data-testid="decoded-wns">
          <h3>WNS status</h3>
          <dl className="facts">
            {wns.map(([name, value]) => (
              <div key={name} className="fact-row">
                <dt className="mono">{name}</dt>
                <dd className="mono">{value}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      {fcmError !== null && (
        <section data-testid="decoded-fcm-error">
          <h3>FCM error</h3>
          <Json value={fcmError} />
        </section>
      )}
      {exchange.provider === 'webpush' && <WebpushEncryptionView notes={notes} />}
      {otherNotes.map(([key, value]) => (
        <section key={key} data-testid={`decoded-note-${key}`}>
          <h3>{key === 'outcome' || key === 'notificationOutcome' ? 'Notification Hubs outcome' : key}</h3>
          <Json value={value} />
        </section>
      ))}
    </div>
  );
}
