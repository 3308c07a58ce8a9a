import type { Evidence } from '../../domain/diagnosis';
import {
  authExchange,
  claimEvidence,
  headerEvidence,
  jwtOf,
  present,
  ranked,
  sendExchange,
  type Candidate,
  type DiagnosisInput,
  type DiagnosisRules,
} from '../../doctor/input';
import { isWnsAudience, WNS_TOKEN_AUDIENCE } from './message';

/** The scope an Entra (or Live) access token must be asked for to send to WNS. */
const WNS_SCOPES = ['https://wns.windows.com/.default', 'notify.windows.com'];

function statusEvidence(input: DiagnosisInput): Evidence {
  return { source: 'response header', name: ':status', quote: String(input.result.status) };
}

function wnsHeaderNames(input: DiagnosisInput): string[] {
  return (sendExchange(input)?.responseHeaders ?? []).map(([n]) => n).filter((n) => /^x-wns-/i.test(n));
}

function forbidden(input: DiagnosisInput): Candidate[] {
  const exchange = sendExchange(input);
  const names = wnsHeaderNames(input);
  const bare = exchange !== null && names.length === 0;
  const auth = authExchange(input);
  const entra = auth !== null && /login\.microsoftonline\.com|\/oauth2\/v2\.0\/token/.test(auth.url);
  const all = (exchange?.responseHeaders ?? []).map(([n]) => n).filter((n) => !n.startsWith(':'));
  return [
    {
      id: 'wns.forbidden.entra-not-mapped',
      title: 'The Entra app is not mapped to the app’s package',
      weight: bare ? 3 : 0,
      likelihood: bare ? 'likely' : 'possible',
      evidence: present(
        statusEvidence(input),
        bare
          ? { source: 'response header', name: 'X-WNS-*', quote: `none (headers: ${all.join(', ') || 'none'})` }
          : null,
        entra && auth ? { source: 'auth exchange', name: 'token endpoint', quote: auth.url } : null,
      ),
      fix: 'A 403 with no X-WNS headers comes before WNS looks at the channel: the Entra application (client id) is not associated with the app’s package. Link it in Partner Center (the app → Product management → WNS/MPNS, or the Azure app registration in the package’s identity), then fetch a new token.',
    },
    {
      id: 'wns.forbidden.other-app',
      title: 'The channel belongs to another app than these credentials',
      weight: bare ? 1 : 2,
      likelihood: bare ? 'possible' : 'likely',
      evidence: present(statusEvidence(input), headerEvidence(exchange, 'response', 'X-WNS-Error-Description')),
      fix: 'Send with the Package SID and secret (or Entra app) of the app that asked for this channel; a channel URI works only for its own app.',
    },
  ];
}

function unauthorized(input: DiagnosisInput): Candidate[] {
  const exchange = sendExchange(input);
  const auth = authExchange(input);
  const form = auth?.requestBody?.encoding === 'text' ? new URLSearchParams(auth.requestBody.data) : null;
  const scope = form?.get('scope') ?? null;
  const wrongScope = scope !== null && !WNS_SCOPES.includes(scope);
  // Entra's tokens are JWTs, recorded without their signature: the claims say whom it is for.
  const aud = audienceOf(jwtOf(exchange)?.claims['aud']);
  const otherAudience = aud !== null && !isWnsAudience(aud);
  const challenge = headerEvidence(exchange, 'response', 'WWW-Authenticate');
  const expired = /expired/i.test(challenge?.quote ?? '');
  return [
    {
      id: 'wns.unauthorized.scope',
      title: otherAudience
        ? 'The access token is for another service than WNS'
        : 'The access token was asked for another scope than WNS',
      weight: wrongScope || otherAudience ? 3 : 0,
      likelihood: wrongScope || otherAudience ? 'likely' : 'possible',
      evidence: present(
        statusEvidence(input),
        aud !== null ? claimEvidence('aud', aud) : null,
        scope !== null ? { source: 'auth exchange', name: 'scope', quote: scope } : null,
        challenge,
      ),
      fix: otherAudience
        ? `The token is for ${aud} (its aud); WNS takes only tokens for ${WNS_TOKEN_AUDIENCE}, asked for with the scope ${WNS_SCOPES[0]}.${scope === WNS_SCOPES[0] ? ' That scope was asked for, so the token endpoint answered for another resource: check the token URL and the tenant.' : ''}`
        : `Ask the token endpoint for scope ${WNS_SCOPES[0]} (Entra) or notify.windows.com (Live); a Graph or other token is refused.`,
    },
    {
      id: 'wns.unauthorized.expired',
      title: 'The access token expired',
      weight: expired ? 2 : 0,
      likelihood: expired ? 'likely' : 'possible',
      evidence: present(challenge),
      fix: 'A new token is fetched on the next send; tokens last about a day.',
    },
    {
      id: 'wns.unauthorized.token',
      title: 'The access token is not valid for WNS',
      weight: 1,
      likelihood: wrongScope || otherAudience || expired ? 'possible' : 'likely',
      evidence: present(
        statusEvidence(input),
        challenge,
        headerEvidence(exchange, 'response', 'X-WNS-Error-Description'),
      ),
      fix: 'Check the Package SID / client id and secret, then test the credential.',
    },
  ];
}

/** A JWT `aud` is a string or a list (RFC 7519 §4.1.3): of a list, WNS's when it is there, else the first. */
function audienceOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) return null;
  const names = value.filter((v): v is string => typeof v === 'string');
  return names.find(isWnsAudience) ?? names[0] ?? null;
}

function gone(input: DiagnosisInput): Candidate[] {
  return [
    {
      id: 'wns.gone',
      title: 'The channel expired: safe to delete',
      weight: 2,
      likelihood: 'likely',
      evidence: present(
        statusEvidence(input),
        headerEvidence(sendExchange(input), 'response', 'X-WNS-Error-Description'),
      ),
      fix: 'Delete this channel URI; the app asks for a new one (CreatePushNotificationChannelForApplicationAsync) when it runs.',
    },
  ];
}

function notFound(input: DiagnosisInput): Candidate[] {
  const exchange = sendExchange(input);
  return [
    {
      id: 'wns.not-found',
      title: 'The channel URI is not one WNS knows',
      weight: 2,
      likelihood: 'likely',
      evidence: present(
        statusEvidence(input),
        exchange ? { source: 'request', name: 'url', quote: exchange.url } : null,
        headerEvidence(exchange, 'response', 'X-WNS-Error-Description'),
      ),
      fix: 'Unlike 410 this is not "expired": check the URI was copied whole and not URL-decoded (the token is part of the query), and for the right cloud; delete it only if the app no longer reports it.',
    },
  ];
}

function throttled(input: DiagnosisInput): Candidate[] {
  const exchange = sendExchange(input);
  return [
    {
      id: 'wns.throttled',
      title: 'Too many notifications to this channel',
      weight: 2,
      likelihood: 'likely',
      evidence: present(
        statusEvidence(input),
        headerEvidence(exchange, 'response', 'Retry-After'),
        headerEvidence(exchange, 'response', 'X-WNS-Error-Description'),
      ),
      fix: 'WNS throttles per channel: wait (Retry-After when given), back off, and send fewer notifications to this channel.',
    },
  ];
}

const BY_STATUS: Record<number, (input: DiagnosisInput) => Candidate[]> = {
  401: unauthorized,
  403: forbidden,
  404: notFound,
  406: throttled,
  410: gone,
};

/** WNS answers by status (errors have an empty body); ranked from its headers and the token fetch. */
export const diagnoseWns: DiagnosisRules = (input) => {
  if (input.result.outcome === 'accepted' || input.result.status === null) return null;
  const rule = BY_STATUS[input.result.status];
  return rule ? ranked(rule(input)) : null;
};
