import type { Exchange, Header } from '../../../shared/domain/exchange';
import type { Connection } from './connect';
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

/** The request as the caller gave it, secrets included. Memory only: never persisted or sent to the renderer. */
export interface RawRequest {
  method: string;
  url: string;
  httpVersion: '1.1' | '2';
  headers: Header[];
  body: Buffer | null;
}

/** Only the request's parts: keeping the whole capture would hold its response for 200 requests more. */
interface RawEntry {
  id: string;
  method: string;
  url: string;
  httpVersion: '1.1' | '2';
  headers: Header[];
  /** Byte arrays are copied (the caller may reuse them); strings are immutable and kept as they are. */
  body: string | Uint8Array | undefined;
  size: number;
}

/**
 * Keeps the unredacted requests of the most recent exchanges so "copy as curl with secrets" can
 * work right after a send, bounded by count and bytes. A ring: adding (every recorded request) is
 * one array write; finding (a user clicking "copy") scans at most `maxEntries`.
 */
export class RawRequestStore {
  readonly #ring: Array<RawEntry | undefined>;
  #next = 0;
  #bytes = 0;
  constructor(
    readonly maxEntries = 200,
    readonly maxBytes = 8 * 1024 * 1024,
  ) {
    this.#ring = new Array(Math.max(0, maxEntries));
  }

  add(id: string, capture: Capture): void {
    if (this.maxEntries === 0) return;
    const requestBody = capture.requestBody;
    const body = requestBody instanceof Uint8Array ? Uint8Array.prototype.slice.call(requestBody) : requestBody;
    const size = (body === undefined ? 0 : typeof body === 'string' ? body.length * 2 : body.byteLength) + 256;
    if (size > this.maxBytes) return;
    const evicted = this.#ring[this.#next];
    if (evicted) this.#bytes -= evicted.size;
    this.#ring[this.#next] = {
      id,
      method: capture.method,
      url: capture.url,
      httpVersion: capture.httpVersion,
      headers: capture.requestHeaders,
      body,
      size,
    };
    this.#next = (this.#next + 1) % this.maxEntries;
    this.#bytes += size;
    // Over the byte budget: drop the oldest entries until it fits.
    for (let i = 0; this.#bytes > this.maxBytes && i < this.maxEntries; i++) {
      const index = (this.#next + i) % this.maxEntries;
      const old = this.#ring[index];
      if (old && old.id !== id) {
        this.#bytes -= old.size;
        this.#ring[index] = undefined;
      }
    }
  }

  get(id: string): RawRequest | undefined {
    const entry = this.#ring.find((candidate) => candidate?.id === id);
    if (!entry) return undefined;
    const { body } = entry;
    return {
      method: entry.method,
      url: entry.url,
      httpVersion: entry.httpVersion,
      headers: entry.headers,
      body: body === undefined ? null : typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body),
    };
  }

  clear(): void {
    this.#ring.fill(undefined);
    this.#bytes = 0;
  }
}
