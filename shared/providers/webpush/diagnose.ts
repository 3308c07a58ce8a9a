import type { Evidence } from '../../domain/diagnosis';
import {
  claimEvidence,
  clip,
  headerEvidence,
  headerOf,
  jwtOf,
  metadataText,
  objectOf,
  present,
  ranked,
  responseJson,
  responseText,
  sendExchange,
  type Candidate,
  type DiagnosisInput,
  type DiagnosisRules,
} from '../../doctor/input';

/** RFC 8292: a VAPID JWT may be valid for at most 24 hours. */
const MAX_VAPID_LIFETIME_S = 24 * 3600;
/** What push services take as the encrypted body (RFC 8030 §7.2 asks for at least this). */
const PAYLOAD_LIMIT = 4096;

function statusEvidence(input: DiagnosisInput): Evidence {
  return { source: 'response header', name: ':status', quote: String(input.result.status) };
}

function bodyEvidence(input: DiagnosisInput): Evidence | null {
  const text = responseText(sendExchange(input));
  return text ? { source: 'response body', name: 'body', quote: clip(text) } : null;
}

function forbidden(input: DiagnosisInput): Candidate[] {
  const exchange = sendExchange(input);
  const jwt = jwtOf(exchange)?.claims ?? null;
  // Unrecorded (a bulk run with recording off): the endpoint and subject the send was made with.
  const claims = jwt ?? subjectOf(input);
  const endpoint = exchange ? new URL(exchange.url) : endpointOf(input);
  // Apple answers `{"reason": …}` (protocols.md §5.5): its rules apply wherever the endpoint is.
  const appleReason = responseJson(exchange)?.['reason'];
  const apple = (endpoint?.hostname.endsWith('push.apple.com') ?? false) || typeof appleReason === 'string';
  const sub = claims['sub'];
  const aud = claims['aud'];
  const exp = claims['exp'];
  const localSub =
    typeof sub !== 'string' || !/^(mailto:|https:)/.test(sub) || /localhost|127\.0\.0\.1|\[::1\]/i.test(sub);
  const wrongAud = jwt !== null && endpoint !== null && aud !== endpoint.origin;
  // A service that names the aud it takes in its answer: it may not be the endpoint's own origin.
  const serviceAud = jwt !== null ? audienceNamedIn(responseText(exchange), aud) : null;
  const otherServiceAud = !wrongAud && serviceAud !== null;
  const audMismatch = wrongAud || otherServiceAud;
  const date = headerOf(exchange, 'response', 'date');
  const now = date ? Date.parse(date) / 1000 : null;
  const expired = typeof exp === 'number' && now !== null && exp <= now;
  const tooLong = typeof exp === 'number' && now !== null && exp - now > MAX_VAPID_LIFETIME_S;
  const origin: Evidence | null = endpoint
    ? { source: 'request', name: 'endpoint origin', quote: endpoint.origin }
    : null;
  return [
    {
      id: 'webpush.forbidden.sub',
      title: apple
        ? 'Apple refuses a VAPID subject on localhost or without mailto:/https:'
        : 'The VAPID subject is not a contact',
      weight: localSub ? (apple ? 4 : 2) : 0,
      likelihood: localSub ? 'likely' : 'possible',
      evidence: present(
        sub === undefined
          ? { source: 'jwt claim', name: 'sub', quote: '(none)' }
          : jwt
            ? claimEvidence('sub', sub)
            : { source: 'credential', name: 'subject', quote: String(sub) },
        origin,
        typeof appleReason === 'string' ? { source: 'response body', name: 'reason', quote: appleReason } : null,
        bodyEvidence(input),
      ),
      fix: 'Set the VAPID subject to a real mailto: address or https: URL of yours (not localhost); Apple’s service (web.push.apple.com) answers BadJwtToken otherwise.',
    },
    {
      id: 'webpush.forbidden.aud',
      title: otherServiceAud
        ? 'The push service takes another aud than the endpoint’s origin'
        : 'The JWT’s aud is not the endpoint’s origin',
      weight: audMismatch ? 3 : 0,
      likelihood: audMismatch ? 'likely' : 'possible',
      evidence: present(
        aud === undefined ? null : claimEvidence('aud', aud),
        origin,
        serviceAud !== null ? { source: 'response body', name: 'expected aud', quote: serviceAud } : null,
      ),
      fix: otherServiceAud
        ? `The aud is the endpoint’s origin, as RFC 8292 asks, but the service takes ${serviceAud}: the endpoint names the push service by another host (an alias or a proxy). Check the endpoint was not rewritten on its way from the browser; if it was not, subscribe again so the browser gets an endpoint on the service’s own host.`
        : 'aud must be the scheme and host of the subscription’s endpoint, exactly (no path); sign one JWT per push service.',
    },
    {
      id: 'webpush.forbidden.expired',
      title: expired ? 'The VAPID JWT had expired' : 'The VAPID JWT’s exp is too far ahead',
      weight: expired || tooLong ? 3 : 0,
      likelihood: expired || tooLong ? 'likely' : 'possible',
      evidence: present(
        exp === undefined ? null : claimEvidence('exp', exp),
        headerEvidence(exchange, 'response', 'date'),
      ),
      fix: 'exp must be in the future and at most 24 hours ahead (by the service’s clock): check the system clock; a new JWT is signed on the next send.',
    },
    {
      id: 'webpush.forbidden.key',
      title: 'The subscription was made with another application server key',
      weight: 1,
      likelihood: localSub || audMismatch || expired || tooLong ? 'possible' : 'likely',
      evidence: present(
        statusEvidence(input),
        headerEvidence(exchange, 'request', 'authorization'),
        bodyEvidence(input),
      ),
      fix: 'The browser subscribed with pushManager.subscribe({ applicationServerKey }); send with that key pair, or subscribe again with this one.',
    },
  ];
}

/**
 * The origin a 403 body says the service takes as aud, when the body speaks of aud and names one
 * other than the JWT's (the emulator does; autopush's and Apple's bodies name none).
 */
function audienceNamedIn(body: string, aud: unknown): string | null {
  if (!/\baud\b|audience/i.test(body)) return null;
  for (const [found] of body.matchAll(/https?:\/\/[^\s"',;)]+/g)) {
    let named: string;
    try {
      named = new URL(found.replace(/[.:]+$/, '')).origin;
    } catch {
      continue;
    }
    if (named !== aud) return named;
  }
  return null;
}

function subjectOf(input: DiagnosisInput): Record<string, unknown> {
  const subject = metadataText(input, 'subject');
  return subject === null ? {} : { sub: subject };
}

function endpointOf(input: DiagnosisInput): URL | null {
  const endpoint = objectOf(input.request?.target ?? '')?.['endpoint'];
  if (typeof endpoint !== 'string') return null;
  try {
    return new URL(endpoint);
  } catch {
    return null;
  }
}

function gone(input: DiagnosisInput): Candidate[] {
  return [
    {
      id: 'webpush.gone',
      title: 'The subscription is gone: safe to delete',
      weight: 2,
      likelihood: 'likely',
      evidence: present(statusEvidence(input), bodyEvidence(input)),
      fix: 'Delete the subscription: the user unsubscribed or the browser dropped it. Subscribe again from the page.',
    },
  ];
}

function notFound(input: DiagnosisInput): Candidate[] {
  const exchange = sendExchange(input);
  return [
    {
      id: 'webpush.not-found',
      title: 'The push service does not know this endpoint',
      weight: 2,
      likelihood: 'likely',
      evidence: present(
        statusEvidence(input),
        exchange ? { source: 'request', name: 'endpoint', quote: clip(exchange.url, 120) } : null,
        bodyEvidence(input),
      ),
      fix: 'The endpoint expired or was never valid: check it was copied whole; if the page still has the subscription, subscribe again (most services mean "delete it" by 404 as by 410).',
    },
  ];
}

function tooLarge(input: DiagnosisInput): Candidate[] {
  const exchange = sendExchange(input);
  const size = exchange?.requestBody?.size;
  return [
    {
      id: 'webpush.too-large',
      title: `The encrypted payload is over ${PAYLOAD_LIMIT.toLocaleString('en-US')} bytes`,
      weight: 2,
      likelihood: 'likely',
      evidence: present(
        statusEvidence(input),
        size === undefined
          ? null
          : { source: 'request body', name: 'size', quote: `${size.toLocaleString('en-US')} bytes` },
        headerEvidence(exchange, 'request', 'content-length'),
      ),
      fix: 'Encryption adds about 100 bytes: keep the payload under about 3,990 bytes, or send an id and let the service worker fetch the rest.',
    },
  ];
}

const BY_STATUS: Record<number, (input: DiagnosisInput) => Candidate[]> = {
  401: forbidden,
  403: forbidden,
  404: notFound,
  410: gone,
  413: tooLarge,
};

/** Web Push answers by status, ranked from the VAPID claims and the endpoint. */
export const diagnoseWebpush: DiagnosisRules = (input) => {
  if (input.result.outcome === 'accepted' || input.result.status === null) return null;
  const rule = BY_STATUS[input.result.status];
  return rule ? ranked(rule(input)) : null;
};
