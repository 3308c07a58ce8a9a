import type { ReactNode } from 'react';
import type { Exchange } from '../../../shared/domain/exchange';
import type { SendResult } from '../../../shared/domain/send-result';
import { readWebpushNotes } from '../../../shared/providers/webpush/notes';
import { VapidFacts, WebpushEncryptionView } from '../compose/webpush/EncryptionView';
import { decodeJwts, formatAge, headersMatching, type DecodedJwt } from './decode';
import { CopyValue } from './CopyValue';
import { describeValue, labelFor } from './fact-labels';
import { WebpushPlaintext } from './WebpushPlaintext';

function Json({ value, testid }: { value: unknown; testid?: string }) {
  return (
    <pre tabIndex={0} className="mono exchange-raw" data-testid={testid}>
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
      <h3>{labelFor('notificationOutcome')}</h3>
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

/** Keys and values as a list of facts with labels in words; nested objects become nested lists. */
function Facts({ value, testid }: { value: Record<string, unknown>; testid?: string }) {
  return (
    <dl className="facts" data-testid={testid}>
      {Object.entries(value).map(([key, item]) => (
        <div key={key} className="fact-row">
          <dt>{labelFor(key)}</dt>
          <dd className="mono">
            {item && typeof item === 'object' && !Array.isArray(item) ? (
              <Facts value={item as Record<string, unknown>} />
            ) : (
              describeValue(key, item)
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function JwtSection({ jwt, exchange }: { jwt: DecodedJwt; exchange: Exchange }) {
  return (
    <section data-testid="decoded-jwt">
      <h3>JWT in the {jwt.where} header</h3>
      <p className="hint">Signature redacted when recorded.</p>
      <h4>Header</h4>
      <Facts value={jwt.header} testid="jwt-header" />
      <h4>Claims</h4>
      <Facts value={jwt.claims} testid="jwt-claims" />
      {jwt.iatAgeSeconds !== null && (
        <p data-testid="jwt-iat-age">
          Issued {formatAge(jwt.iatAgeSeconds)} when sent
          {exchange.provider === 'apns' && jwt.iatAgeSeconds > 3600 ? ' — APNs refuses tokens older than an hour.' : ''}
        </p>
      )}
    </section>
  );
}

interface HeaderFactsProps {
  title: string;
  testid: string;
  headers: Array<[string, string]>;
  children?: ReactNode;
}

function HeaderFacts({ title, testid, headers, children }: HeaderFactsProps) {
  return (
    <section data-testid={testid}>
      <h3>{title}</h3>
      <dl className="facts">
        {headers.map(([name, value]) => (
          <div key={name} className="fact-row">
            <dt className="mono">{name}</dt>
            <dd className="mono">
              <span className="value-text">{value}</span>
              <CopyValue value={value} label={name} />
            </dd>
          </div>
        ))}
      </dl>
      {children}
    </section>
  );
}

// Notes the Decoded tab shows in sections of their own (Web Push's encryption and VAPID, the NH SAS).
const OWN_SECTIONS = new Set(['encryption', 'vapid', 'pushService', 'sas']);

/**
 * What the wire format hides: JWT claims, message ids, WNS and NH status, FCM errors, encryption.
 * Each fact appears once: the exchange's notes and the send's details name some of the same
 * things (the APNs token's claims, the NH SAS), and the JWT in the header is the source for those.
 */
export function DecodedTab({ exchange, result = null }: { exchange: Exchange; result?: SendResult | null }) {
  const notes = exchange.notes ?? {};
  const webpush = exchange.provider === 'webpush' ? readWebpushNotes(notes) : null;
  // A Web Push send's VAPID JWT is shown from its note, which also knows its lifetime and cache state.
  const jwts = webpush ? [] : decodeJwts(exchange);
  const apnsIds = headersMatching(exchange.responseHeaders, (name) => name === 'apns-id' || name === 'apns-unique-id');
  const wns = headersMatching(exchange.responseHeaders, (name) => name.startsWith('x-wns-'));
  const fcmError = fcmErrorDetails(exchange);
  const sas = notes.sas ?? result?.details?.sas;
  const otherNotes = Object.fromEntries(
    Object.entries(notes).filter(([key]) => !OWN_SECTIONS.has(key) && !(key === 'jwt' && jwts.length > 0)),
  );
  const details = Object.entries(result?.details ?? {}).filter(
    ([key]) => !(key in notes) && !OWN_SECTIONS.has(key) && key !== 'notificationOutcome',
  );
  const outcome = result?.details?.notificationOutcome;
  const noteCount = Object.keys(otherNotes).length;
  const nothing =
    jwts.length + apnsIds.length + wns.length + noteCount + details.length === 0 &&
    !fcmError &&
    !webpush &&
    !sas &&
    !outcome &&
    !(result && (result.explanation || result.hint));
  return (
    <div data-testid="decoded-tab" className="decoded">
      {nothing && <p className="hint">Nothing to decode in this exchange.</p>}
      {jwts.map((jwt, index) => (
        <JwtSection key={index} jwt={jwt} exchange={exchange} />
      ))}
      {webpush && (
        <>
          <WebpushPlaintext exchange={exchange} />
          <section data-testid="decoded-jwt">
            <h3>VAPID JWT in the authorization header</h3>
            <p className="hint">Signature redacted when recorded.</p>
            <VapidFacts vapid={webpush.vapid} />
          </section>
          <WebpushEncryptionView notes={notes} withVapid={false} />
        </>
      )}
      {sas !== undefined && sas !== null && typeof sas === 'object' && (
        <section data-testid="decoded-sas">
          <h3>{labelFor('sas')}</h3>
          <p className="hint">Signature redacted when recorded.</p>
          <Facts value={sas as Record<string, unknown>} />
        </section>
      )}
      {apnsIds.length > 0 && (
        <HeaderFacts title="APNs ids" testid="decoded-apns-ids" headers={apnsIds}>
          <p className="hint">
            In the sandbox, Apple&apos;s Push Notifications Console can look up apns-unique-id in its Delivery Log to
            see what happened to the notification after APNs accepted it.
          </p>
        </HeaderFacts>
      )}
      {wns.length > 0 && <HeaderFacts title="WNS status" testid="decoded-wns" headers={wns} />}
      {fcmError !== null && (
        <section data-testid="decoded-fcm-error">
          <h3>FCM error</h3>
          <Json value={fcmError} />
        </section>
      )}
      {result && (result.explanation || result.hint) && (
        <section data-testid="decoded-result">
          <h3>
            Result: {result.outcome} {result.reason ?? ''}
          </h3>
          {result.explanation && <p>{result.explanation}</p>}
          {result.hint && <p className="hint">{result.hint}</p>}
        </section>
      )}
      {outcome !== undefined && <NhOutcome value={outcome} />}
      {(noteCount > 0 || details.length > 0) && (
        <section data-testid="decoded-notes">
          <h3>About this send</h3>
          <Facts value={{ ...otherNotes, ...Object.fromEntries(details) }} />
        </section>
      )}
    </div>
  );
}
