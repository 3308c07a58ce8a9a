import type { Exchange, Header } from '../../../shared/domain/exchange';
import { recordBody } from './body';
import type { Connection } from './connect';
import { redactHeaders, redactUrl } from './redact';
import { phaseTimings } from './timings';
import type { TransportRequest } from './types';

/**
 * What the HTTP/1.1 and HTTP/2 paths collect per request. It is cheap to fill (timestamps and
 * references); turning it into a redacted Exchange only happens when recording is on.
 */
export interface Capture {
  id: string;
  /** Wall clock at start, ms since epoch. */
  startedAt: number;
  /** performance.now() marks; -1 until reached. */
  tStart: number;
  tDispatch: number;
  tSent: number;
  tHeaders: number;
  tEnd: number;
  httpVersion: '1.1' | '2';
  method: string;
  url: string;
  requestHeaders: Header[];
  requestBody: string | Uint8Array | undefined;
  status: number | null;
  responseHeaders: Header[];
  responseBody: Buffer | null;
  connection: Connection | null;
  reused: boolean;
  error: Exchange['error'];
}

// Shared until a real list is recorded: one less allocation per request when recording is off.
const NO_HEADERS: Header[] = [];

export function newCapture(id: string, request: TransportRequest, httpVersion: '1.1' | '2', now: number): Capture {
  return {
    id,
    startedAt: Date.now(),
    tStart: now,
    tDispatch: -1,
    tSent: -1,
    tHeaders: -1,
    tEnd: -1,
    httpVersion,
    method: request.method,
    url: request.url,
    requestHeaders: NO_HEADERS,
    requestBody: request.body,
    status: null,
    responseHeaders: NO_HEADERS,
    responseBody: null,
    connection: null,
    reused: false,
    error: null,
  };
}

export function buildExchange(capture: Capture, request: TransportRequest): Exchange {
  const found: string[] = [];
  const secrets = request.secrets && request.secrets.length > 0 ? request.secrets : undefined;
  const meta = request.meta;
  const exchange: Exchange = {
    id: capture.id,
    startedAt: new Date(capture.startedAt).toISOString(),
    purpose: meta?.purpose ?? 'other',
    method: capture.method,
    url: redactUrl(capture.url, found, secrets),
    httpVersion: capture.httpVersion,
    requestHeaders: redactHeaders(capture.requestHeaders, 'request', found, secrets),
    requestBody: recordBody(capture.requestBody, 'request body', found, secrets),
    status: capture.status,
    responseHeaders: redactHeaders(capture.responseHeaders, 'response', found, secrets),
    responseBody: recordBody(capture.responseBody, 'response body', found, secrets),
    timings: phaseTimings(capture),
    tls: capture.connection?.tlsInfo() ?? null,
    connectionId: capture.connection?.id ?? 0,
    connectionReused: capture.reused,
    remoteAddress: capture.connection?.remoteAddress ?? null,
    error: capture.error,
    redactions: [...new Set(found)],
  };
  if (meta?.provider !== undefined) exchange.provider = meta.provider;
  if (meta?.target !== undefined) exchange.target = meta.target;
  if (meta?.notes !== undefined) exchange.notes = meta.notes;
  return exchange;
}

/** The request as the caller gave it, secrets included. Memory only: never persisted or sent to the renderer. */
export interface RawRequest {
  method: string;
  url: string;
  httpVersion: '1.1' | '2';
  headers: Header[];
  body: Buffer | null;
}

/**
 * Keeps the unredacted requests of the most recent exchanges so "copy as curl with secrets" can
 * work right after a send, bounded by count and bytes so it cannot grow without limit.
 */
export class RawRequestStore {
  readonly #entries = new Map<string, RawRequest>();
  #bytes = 0;
  constructor(
    readonly maxEntries = 200,
    readonly maxBytes = 8 * 1024 * 1024,
  ) {}

  add(id: string, capture: Capture): void {
    const body =
      capture.requestBody === undefined
        ? null
        : typeof capture.requestBody === 'string'
          ? Buffer.from(capture.requestBody, 'utf8')
          : Buffer.from(capture.requestBody);
    const size = (body?.byteLength ?? 0) + capture.url.length + 64 * capture.requestHeaders.length;
    if (size > this.maxBytes) return;
    this.#entries.set(id, {
      method: capture.method,
      url: capture.url,
      httpVersion: capture.httpVersion,
      headers: capture.requestHeaders,
      body,
    });
    this.#bytes += size;
    for (const [oldId, old] of this.#entries) {
      if (this.#entries.size <= this.maxEntries && this.#bytes <= this.maxBytes) break;
      this.#entries.delete(oldId);
      this.#bytes -= (old.body?.byteLength ?? 0) + old.url.length + 64 * old.headers.length;
    }
  }

  get(id: string): RawRequest | undefined {
    return this.#entries.get(id);
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }
}
