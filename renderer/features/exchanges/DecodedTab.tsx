import type { Exchange } from '../../../shared/domain/exchange';
import type { SendResult } from '../../../shared/domain/send-result';
import { WebpushEncryptionView } from '../compose/webpush/EncryptionView';
import { decodeJwts, formatAge, headersMatching } from './decode';
import { CopyValue } from './CopyValue';

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

interface RegistrationRow {
  platform?: unknown;
  registrationId?: unknown;
  pnsHandle?: unknown;
  outcome?: unknown;
}

/** Notification Hubs' per-registration outcome (from the send's result details), as a table. */
function NhOutcome({ value }: { value: unknown }) {
  const outcome = value as { success?: unknown; failure?: unknown; results?: unknown };
  const rows = Array.isArray(outcome.results) ? (outcome.results as RegistrationRow[]) : [];
  return (
    <section data-testid="decoded-nh-outcome">
      <h3>Notification Hubs outcome</h3>
      <p>
        {String(outcome.success ?? 0)} succeeded, {String(outcome.failure ?? 0)} failed
      </p>
      {rows.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>Platform</th>
              <th>Registration</th>
              <th>PNS handle</th>
              <th>Outcome</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index}>
                <td>{String(row.platform ?? '')}</td>
                <td className="mono">{String(row.registrationId ?? '')}</td>
                <td className="mono ellipsis">{String(row.pnsHandle ?? '')}</td>
                <td>{String(row.outcome ?? '')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** What the wire format hides: JWT claims, message ids, WNS and NH status, FCM errors, encryption. */
export function DecodedTab({ exchange, result = null }: { exchange: Exchange; result?: SendResult | null }) {
  const jwts = decodeJwts(exchange);
  const apnsIds = headersMatching(exchange.responseHeaders, (name) => name === 'apns-id' || name === 'apns-unique-id');
  const wns = headersMatching(exchange.responseHeaders, (name) => name.startsWith('x-wns-'));
  const fcmError = fcmErrorDetails(exchange);
  const notes = exchange.notes ?? {};
  const otherNotes = Object.entries(notes).filter(([key]) => !['encryption', 'vapid', 'pushService'].includes(key));
  const details = Object.entries(result?.details ?? {});
  const nothing =
    jwts.length + apnsIds.length + wns.length + otherNotes.length + details.length === 0 &&
    !fcmError &&
    !notes.encryption;
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
                <dd className="mono">
                  <span className="value-text">{value}</span>
                  <CopyValue value={value} label={name} />
                </dd>
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
                <dd className="mono">
                  <span className="value-text">{value}</span>
                  <CopyValue value={value} label={name} />
                </dd>
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
      {result && (result.explanation || result.hint) && (
        <section data-testid="decoded-result">
          <h3>
            Result: {result.outcome} {result.reason ?? ''}
          </h3>
          {result.explanation && <p>{result.explanation}</p>}
          {result.hint && <p className="hint">{result.hint}</p>}
        </section>
      )}
      {details.map(([key, value]) =>
        key === 'notificationOutcome' ? (
          <NhOutcome key={key} value={value} />
        ) : (
          <section key={key} data-testid={`decoded-detail-${key}`}>
            <h3>{key}</h3>
            <Json value={value} />
          </section>
        ),
      )}
      {otherNotes.map(([key, value]) => (
        <section key={key} data-testid={`decoded-note-${key}`}>
          <h3>{key}</h3>
          <Json value={value} />
        </section>
      ))}
    </div>
  );
}
