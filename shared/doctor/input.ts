import type { Diagnosis, DiagnosisCause, Evidence } from '../domain/diagnosis';
import type { Exchange } from '../domain/exchange';
import type { SendResult } from '../domain/send-result';
import { objectOf } from '../json/object';

export { objectOf };

/**
 * What a provider's diagnosis rules read: the result, the send's recorded exchanges (already
 * redacted: no secret is in them), what was asked for, and the credential's public facts.
 */
export interface DiagnosisInput {
  result: Pick<
    SendResult,
    'provider' | 'target' | 'outcome' | 'status' | 'reason' | 'explanation' | 'hint' | 'details'
  >;
  /** Every exchange of the send, the token fetch included; empty when recording was off. */
  exchanges: readonly Exchange[];
  request: {
    environment: string;
    target: string;
    options: Record<string, unknown>;
    payload: string;
  } | null;
  /** The credential's kind and non-secret metadata (key id, team id, topics, project id…). */
  credential: {
    kind: string;
    metadata: Record<string, unknown>;
    /** When a send with this credential was last accepted (this run), if one was. */
    lastAcceptedAt?: string | null;
  } | null;
}

/** One provider's rules: null when they have nothing to say about this failure. */
export type DiagnosisRules = (input: DiagnosisInput) => Diagnosis | null;

/** A cause before ranking: `weight` orders them (higher first), ties keep the rules' order. */
export interface Candidate extends Omit<DiagnosisCause, 'rank'> {
  weight: number;
}

/** Ranks candidates by weight; no candidate, no diagnosis. */
export function ranked(candidates: readonly Candidate[]): Diagnosis | null {
  if (candidates.length === 0) return null;
  const sorted = candidates.map((c, i) => ({ c, i })).sort((a, b) => b.c.weight - a.c.weight || a.i - b.i);
  return {
    causes: sorted.map(({ c }, i) => ({
      id: c.id,
      title: c.title,
      rank: i + 1,
      likelihood: c.likelihood,
      evidence: c.evidence,
      fix: c.fix,
    })),
  };
}

/** The exchange that carried the send (the last one with purpose `send`), if it was recorded. */
export function sendExchange(input: DiagnosisInput): Exchange | null {
  for (let i = input.exchanges.length - 1; i >= 0; i--) {
    if (input.exchanges[i]!.purpose === 'send') return input.exchanges[i]!;
  }
  return null;
}

/** The auth exchange (an OAuth token fetch), if the send made one. */
export function authExchange(input: DiagnosisInput): Exchange | null {
  return input.exchanges.find((x) => x.purpose === 'auth') ?? null;
}

export function headerOf(exchange: Exchange | null, side: 'request' | 'response', name: string): string | undefined {
  if (!exchange) return undefined;
  const lower = name.toLowerCase();
  const headers = side === 'request' ? exchange.requestHeaders : exchange.responseHeaders;
  return headers.find(([key]) => key.toLowerCase() === lower)?.[1];
}

/** Evidence quoting a header, or null when it is absent. */
export function headerEvidence(exchange: Exchange | null, side: 'request' | 'response', name: string): Evidence | null {
  const value = headerOf(exchange, side, name);
  return value === undefined ? null : { source: `${side} header`, name, quote: value };
}

export function present(...items: Array<Evidence | null | undefined>): Evidence[] {
  return items.filter((e): e is Evidence => e !== null && e !== undefined);
}

/** The response body as text (empty when binary or not recorded). */
export function responseText(exchange: Exchange | null): string {
  const body = exchange?.responseBody;
  return body && body.encoding === 'text' ? body.data : '';
}

export function responseJson(exchange: Exchange | null): Record<string, unknown> | null {
  return objectOf(responseText(exchange));
}

/** A quote short enough to read on one line. */
export function clip(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const JWT = /([A-Za-z0-9_-]{2,})\.([A-Za-z0-9_-]{2,})\.[A-Za-z0-9_[\]-]+/;

/**
 * The header and claims of the JWT in a recorded Authorization header (`bearer <jwt>` or
 * `vapid t=<jwt>, k=…`): recording keeps them and drops only the signature.
 */
export function jwtOf(
  exchange: Exchange | null,
): { header: Record<string, unknown>; claims: Record<string, unknown> } | null {
  const value = headerOf(exchange, 'request', 'authorization');
  const match = value ? JWT.exec(value) : null;
  if (!match) return null;
  const header = objectOf(decodeBase64url(match[1]!));
  const claims = objectOf(decodeBase64url(match[2]!));
  return header && claims ? { header, claims } : null;
}

function decodeBase64url(part: string): string {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  try {
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    return new TextDecoder().decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0)));
  } catch {
    return '';
  }
}

export function claimEvidence(name: string, value: unknown): Evidence {
  return { source: 'jwt claim', name, quote: typeof value === 'string' ? value : JSON.stringify(value) };
}

/**
 * Seconds between a JWT's `iat` (our clock) and the response's `Date` (the service's): positive
 * when our clock is ahead. Null without both.
 */
export function clockSkewSeconds(iat: unknown, exchange: Exchange | null): number | null {
  const date = headerOf(exchange, 'response', 'date');
  if (typeof iat !== 'number' || !date) return null;
  const served = Date.parse(date);
  if (Number.isNaN(served)) return null;
  // The response came after the token was signed; Date has whole seconds only.
  return Math.round(iat - served / 1000);
}

export function metadataText(input: DiagnosisInput, key: string): string | null {
  const value = input.credential?.metadata[key];
  return typeof value === 'string' && value !== '' ? value : null;
}
