import type { Exchange, Header, RecordedBody } from '../../../shared/domain/exchange';
import { recordBody } from './body';
import type { Capture } from './recorder';
import { redactHeader, redactUrl } from './redact';
import { phaseTimings } from './timings';
import type { TransportRequest } from './types';

/** A recorded header list and what each header's redaction noted, beside the list it came from. */
interface HeaderMemo {
  raw: readonly Header[];
  out: Header[];
  notes: ReadonlyArray<readonly string[]>;
}

interface BodyMemo<I> {
  input: I;
  out: RecordedBody | null;
  notes: readonly string[];
}

/** What the last exchange of one kind was built from, and what it became. */
interface Memo {
  kind: string;
  provider: string | undefined;
  purpose: string | undefined;
  method: string;
  secrets: string[] | undefined;
  requestHeaders: HeaderMemo;
  requestBody: BodyMemo<string | Uint8Array | undefined>;
  requestPlaintext: BodyMemo<string | undefined>;
  responseHeaders: HeaderMemo;
  responseBody: BodyMemo<Buffer | null>;
  redactions: string[];
}

const NONE: readonly string[] = [];
// Response bodies up to this size are compared with the last one; larger ones are redacted anew.
const COMPARED_BODY_BYTES = 4096;
const MAX_KINDS = 32;

function sameSecrets(a: string[] | undefined, b: string[] | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Turns captures into redacted Exchanges. A bulk send's exchanges differ in a few headers (the
 * path, an id, a date): each kind of exchange remembers the last one, and every header or body
 * that is the same as there is taken from it, redaction included. So redaction runs only on what
 * changed, and the exchanges share their unchanged parts, which history writes once per template.
 * The result is always what redacting everything afresh gives.
 */
export class ExchangeBuilder {
  readonly #memos = new Map<string, Memo>();
  /** The kind built last: a bulk send asks for it every time, without a key string to hash. */
  #last: Memo | null = null;

  #memoFor(provider: string | undefined, purpose: string | undefined, method: string): Memo | undefined {
    const last = this.#last;
    if (last !== null && last.provider === provider && last.purpose === purpose && last.method === method) return last;
    return this.#memos.get(`${provider ?? ''} ${purpose ?? 'other'} ${method}`);
  }

  build(capture: Capture, request: TransportRequest): Exchange {
    const found: string[] = [];
    const secrets = request.secrets && request.secrets.length > 0 ? request.secrets : undefined;
    const meta = request.meta;
    const last = this.#memoFor(meta?.provider, meta?.purpose, capture.method);
    const prev = last !== undefined && sameSecrets(last.secrets, secrets) ? last : undefined;
    const url = redactUrl(capture.url, found, secrets);
    const requestHeaders = headers(capture.requestHeaders, 'request', found, secrets, prev?.requestHeaders);
    const requestBody =
      prev !== undefined && typeof capture.requestBody === 'string' && capture.requestBody === prev.requestBody.input
        ? reuse(prev.requestBody, found)
        : body(capture.requestBody, 'request body', found, secrets);
    const requestPlaintext =
      prev !== undefined && meta?.plaintext === prev.requestPlaintext.input
        ? reuse(prev.requestPlaintext, found)
        : body(meta?.plaintext, 'request plaintext', found, secrets);
    const responseHeaders = headers(capture.responseHeaders, 'response', found, secrets, prev?.responseHeaders);
    const responseBody =
      prev !== undefined && sameBytes(capture.responseBody, prev.responseBody.input)
        ? reuse(prev.responseBody, found)
        : body(capture.responseBody, 'response body', found, secrets);
    let redactions = found.length > 1 ? [...new Set(found)] : found;
    if (prev !== undefined && sameList(redactions, prev.redactions)) redactions = prev.redactions;
    const exchange: Exchange = {
      id: capture.id,
      startedAt: new Date(capture.startedAt).toISOString(),
      purpose: meta?.purpose ?? 'other',
      method: capture.method,
      url,
      httpVersion: capture.httpVersion,
      requestHeaders: requestHeaders.out,
      requestBody: requestBody.out,
      status: capture.status,
      responseHeaders: responseHeaders.out,
      responseBody: responseBody.out,
      timings: phaseTimings(capture),
      tls: capture.connection?.tlsInfo() ?? null,
      connectionId: capture.connection?.id ?? 0,
      connectionReused: capture.reused,
      remoteAddress: capture.connection?.remoteAddress ?? null,
      error: capture.error,
      redactions,
    };
    if (meta?.provider !== undefined) exchange.provider = meta.provider;
    if (meta?.target !== undefined) exchange.target = meta.target;
    if (meta?.notes !== undefined) exchange.notes = meta.notes;
    if (requestPlaintext.out !== null) exchange.requestPlaintext = requestPlaintext.out;
    const kind = last?.kind ?? `${meta?.provider ?? ''} ${meta?.purpose ?? 'other'} ${capture.method}`;
    if (last === undefined && this.#memos.size >= MAX_KINDS) this.#memos.clear();
    const memo: Memo = {
      kind,
      provider: meta?.provider,
      purpose: meta?.purpose,
      method: capture.method,
      secrets,
      requestHeaders,
      requestBody,
      requestPlaintext,
      responseHeaders,
      responseBody,
      redactions,
    };
    this.#memos.set(kind, memo);
    this.#last = memo;
    return exchange;
  }
}

function headers(
  raw: readonly Header[],
  where: string,
  found: string[],
  secrets: string[] | undefined,
  prev: HeaderMemo | undefined,
): HeaderMemo {
  const out: Header[] = new Array(raw.length);
  const before = prev?.raw;
  // The last list's notes while every header's notes are the same as there (the usual case).
  let notes: Array<readonly string[]> | null = prev !== undefined && prev.raw.length === raw.length ? null : [];
  for (let i = 0; i < raw.length; i++) {
    const header = raw[i]!;
    const was = before?.[i];
    let noted: readonly string[];
    if (was !== undefined && was[0] === header[0] && was[1] === header[1]) {
      out[i] = prev!.out[i]!;
      noted = prev!.notes[i]!;
      for (let k = 0; k < noted.length; k++) found.push(noted[k]!);
    } else {
      const start = found.length;
      out[i] = redactHeader(header, where, found, secrets);
      noted = found.length === start ? NONE : found.slice(start);
    }
    if (notes === null && !sameList(noted, prev!.notes[i]!)) notes = prev!.notes.slice(0, i);
    if (notes !== null) notes.push(noted);
  }
  return { raw, out, notes: notes ?? prev!.notes };
}

function body<I extends string | Uint8Array | undefined | null>(
  input: I,
  where: string,
  found: string[],
  secrets: string[] | undefined,
): BodyMemo<I> {
  const start = found.length;
  const out = recordBody(input, where, found, secrets);
  return { input, out, notes: found.length === start ? NONE : found.slice(start) };
}

function reuse<I>(memo: BodyMemo<I>, found: string[]): BodyMemo<I> {
  for (const note of memo.notes) found.push(note);
  return memo;
}

/** Byte bodies are compared by content (a caller may reuse a buffer), and only small ones. */
function sameBytes(a: Buffer | null, b: Buffer | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.length <= COMPARED_BODY_BYTES && a.equals(b);
}
