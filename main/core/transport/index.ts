import { createHash, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { AppError } from '../../../shared/errors';
import type { Exchange, Header } from '../../../shared/domain/exchange';
import type { OriginInfo } from './connect';
import { TransportCall } from './call';
import { cancelledFailure } from './failure';
import { Http1Pool } from './http1';
import { Http2Pool } from './http2-pool';
import { ExchangeBuilder } from './exchange-builder';
import { newCapture, RawRequestStore, type Capture, type RawRequest } from './recorder';
import type { TlsOptions, Transport, TransportRequest, TransportResponse } from './types';

export interface TransportOptions {
  /** Called with every recorded (already redacted) exchange. */
  onExchange?: (exchange: Exchange) => void;
  /** Record requests that do not say (`TransportRequest.record`): on by default. */
  recording?: boolean;
  /** How many unredacted requests to keep in memory for "copy as curl with secrets" (default 200; 0 keeps none). */
  rawRequestsKept?: number;
}

export interface RecordingTransport extends Transport {
  /** The unredacted request behind a recent exchange, while it is still in memory. Never persist it. */
  rawRequest(exchangeId: string): RawRequest | undefined;
}

export type { RawRequest } from './recorder';

const DEFAULT_TIMEOUT_MS = 30_000;
// Connection-specific headers are forbidden in HTTP/2 (RFC 9113 §8.2.2); :authority replaces host.
const H2_DROPPED = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'host']);

const originCache = new Map<string, OriginInfo>();
const scratch = { path: '/' };
const lowerNames = new Map<string, string>();

/** Header names repeat across requests; lower-casing each once keeps strings out of the hot path. */
function lowerName(name: string): string {
  let lower = lowerNames.get(name);
  if (lower === undefined) {
    lower = name.toLowerCase();
    if (lowerNames.size < 1000) lowerNames.set(name, lower);
  }
  return lower;
}
// Paths made of these characters are sent as written; anything else goes through URL for escaping.
const PLAIN_PATH = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*$/;

/**
 * Bulk sends hit the same origin thousands of times with different paths, so the origin part is
 * parsed once and cached; WHATWG URL parsing is only used for the first request or odd paths.
 */
function parseUrl(url: string, call: { path: string }): OriginInfo {
  const slash = url.indexOf('/', url.indexOf('//') + 2);
  const prefix = slash < 0 ? url : url.slice(0, slash);
  const path = slash < 0 ? '/' : url.slice(slash);
  const cached = originCache.get(prefix);
  if (cached && PLAIN_PATH.test(path) && !path.includes('/.')) {
    call.path = path;
    return cached;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('INVALID_INPUT', `"${url}" is not a valid URL`);
  }
  const secure = parsed.protocol === 'https:';
  if (!secure && parsed.protocol !== 'http:')
    throw new AppError('INVALID_INPUT', `Only http and https URLs can be sent (got ${parsed.protocol})`);
  const hostname = parsed.hostname.startsWith('[') ? parsed.hostname.slice(1, -1) : parsed.hostname;
  const origin: OriginInfo = {
    secure,
    hostname,
    port: parsed.port ? Number(parsed.port) : secure ? 443 : 80,
    authority: parsed.host,
    origin: parsed.origin,
    keys: new Map(),
  };
  if (originCache.size > 1000) originCache.clear();
  if (!parsed.username && !parsed.password) originCache.set(prefix, origin);
  call.path = parsed.pathname + parsed.search;
  return origin;
}

const identityKeys = new WeakMap<TlsOptions, string>();
// Callers often build a fresh TlsOptions per request around the same strings (one CA PEM for a
// whole bulk send); those strings key a second cache so the PEM is hashed once, not per request.
const plainCaKeys = new Map<string, string>();

/** Different trust roots or client identities must never share a connection. */
function identityKey(tls: TlsOptions | undefined): string {
  if (!tls) return '';
  let key = identityKeys.get(tls);
  if (key !== undefined) return key;
  const caOnly =
    typeof tls.ca === 'string' &&
    tls.clientCert === undefined &&
    tls.clientKey === undefined &&
    tls.passphrase === undefined &&
    tls.pfx === undefined &&
    tls.servername === undefined;
  if (caOnly) {
    key = plainCaKeys.get(tls.ca as string);
    if (key !== undefined) return key;
  }
  const hash = createHash('sha256');
  for (const part of [tls.ca, tls.clientCert, tls.clientKey, tls.passphrase, tls.servername])
    hash.update(`${part === undefined ? '' : String(part)}\u0000`);
  if (tls.pfx) hash.update(tls.pfx);
  key = hash.digest('base64');
  if (caOnly) {
    if (plainCaKeys.size > 100) plainCaKeys.clear();
    plainCaKeys.set(tls.ca as string, key);
  }
  identityKeys.set(tls, key);
  return key;
}

function headerList(headers: TransportRequest['headers']): Header[] {
  if (!headers) return [];
  return Array.isArray(headers) ? headers : (Object.entries(headers) as Header[]);
}

export function createTransport(options: TransportOptions = {}): RecordingTransport {
  const h1 = new Http1Pool();
  const h2 = new Http2Pool();
  const raw = new RawRequestStore(options.rawRequestsKept ?? 200);
  const builder = new ExchangeBuilder();
  const recording = options.recording ?? true;
  let closed = false;

  function finish(capture: Capture, request: TransportRequest, recorded: boolean): Exchange | null {
    if (!recorded) return null;
    const exchange = builder.build(capture, request);
    if (raw.maxEntries > 0) raw.add(capture.id, capture);
    options.onExchange?.(exchange);
    return exchange;
  }

  function request(request: TransportRequest): Promise<TransportResponse> {
    if (closed) return Promise.reject(new AppError('INTERNAL', 'The transport is closed'));
    let origin: OriginInfo;
    try {
      origin = parseUrl(request.url, scratch);
    } catch (error) {
      return Promise.reject(error);
    }
    const path = scratch.path;
    const http2 = request.http2 === true;
    const recorded = request.record ?? recording;
    const capture = newCapture(randomUUID(), request, http2 ? '2' : '1.1', performance.now());
    const identity = identityKey(request.tls);
    let key = origin.keys.get(identity);
    if (key === undefined) {
      key = `${origin.origin}|${identity}`;
      origin.keys.set(identity, key);
    }
    return new Promise<TransportResponse>((resolve, reject) => {
      const call = new TransportCall(
        capture,
        request,
        recorded,
        origin.authority,
        request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        request.body,
        finish,
        resolve,
        reject,
      );
      call.path = path;
      if (request.signal?.aborted) {
        call.fail(cancelledFailure());
        return;
      }
      const headers = headerList(request.headers);
      if (http2) {
        // Pseudo-headers first, in the order curl and browsers send them.
        const object: Record<string, string | string[]> = {
          ':method': request.method,
          ':scheme': origin.secure ? 'https' : 'http',
          ':authority': origin.authority,
          ':path': path,
        };
        for (let i = 0; i < headers.length; i++) {
          const [name, value] = headers[i]!;
          const lower = lowerName(name);
          if (H2_DROPPED.has(lower)) continue;
          const existing = object[lower];
          if (existing === undefined) object[lower] = value;
          else if (Array.isArray(existing)) existing.push(value);
          else object[lower] = [existing, value];
        }
        // HTTP/2 does not need content-length, but curl, undici and browsers send it and some servers check it.
        if (request.body !== undefined && object['content-length'] === undefined) {
          const size = typeof request.body === 'string' ? Buffer.byteLength(request.body) : request.body.byteLength;
          if (size > 0) object['content-length'] = String(size);
        }
        call.h2Headers = object;
        h2.dispatch(key, origin, request.tls, call);
      } else {
        const flat: string[] = new Array(headers.length * 2);
        for (let i = 0; i < headers.length; i++) {
          flat[i * 2] = headers[i]![0];
          flat[i * 2 + 1] = headers[i]![1];
        }
        call.h1Headers = flat;
        h1.dispatch(key, origin, request.tls, call);
      }
    });
  }

  return {
    request,
    rawRequest: (id) => raw.get(id),
    close: async () => {
      closed = true;
      raw.clear();
      await Promise.all([h1.close(), h2.close()]);
    },
  };
}
