import { createHash, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { AppError } from '../../../shared/errors';
import type { Exchange, Header } from '../../../shared/domain/exchange';
import type { ConnectTarget } from './connect';
import { TransportError } from './errors';
import { cancelledFailure, type Failure, timeoutFailure, watchDeadline } from './failure';
import { Http1Pool, type H1Call } from './http1';
import { Http2Pool, type H2Call } from './http2-pool';
import { buildExchange, newCapture, RawRequestStore, type Capture, type RawRequest } from './recorder';
import type { TlsOptions, Transport, TransportRequest, TransportResponse } from './types';

export interface TransportOptions {
  /** Called with every recorded (already redacted) exchange. */
  onExchange?: (exchange: Exchange) => void;
  /** Start with recording on (default) or off. */
  recording?: boolean;
  /** How many unredacted requests to keep in memory for "copy as curl with secrets" (default 200; 0 keeps none). */
  rawRequestsKept?: number;
}

export interface RecordingTransport extends Transport {
  /** The unredacted request behind a recent exchange, while it is still in memory. Never persist it. */
  rawRequest(exchangeId: string): RawRequest | undefined;
  isRecording(): boolean;
}

export type { RawRequest } from './recorder';

const DEFAULT_TIMEOUT_MS = 30_000;
// Connection-specific headers are forbidden in HTTP/2 (RFC 9113 §8.2.2); :authority replaces host.
const H2_DROPPED = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'host']);

interface ParsedTarget {
  secure: boolean;
  hostname: string;
  port: number;
  authority: string;
  origin: string;
  path: string;
}

function parseUrl(url: string): ParsedTarget {
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
  return {
    secure,
    hostname,
    port: parsed.port ? Number(parsed.port) : secure ? 443 : 80,
    authority: parsed.host,
    origin: parsed.origin,
    path: parsed.pathname + parsed.search,
  };
}

const identityKeys = new WeakMap<TlsOptions, string>();

/** Different trust roots or client identities must never share a connection. */
function identityKey(tls: TlsOptions | undefined): string {
  if (!tls) return '';
  let key = identityKeys.get(tls);
  if (key === undefined) {
    const hash = createHash('sha256');
    for (const part of [tls.ca, tls.clientCert, tls.clientKey, tls.passphrase, tls.servername])
      hash.update(`${part === undefined ? '' : String(part)}\u0000`);
    if (tls.pfx) hash.update(tls.pfx);
    key = hash.digest('base64');
    identityKeys.set(tls, key);
  }
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
  let recording = options.recording ?? true;
  let closed = false;

  function finish(capture: Capture, request: TransportRequest, recorded: boolean): Exchange | null {
    if (!recorded) return null;
    const exchange = buildExchange(capture, request);
    if (raw.maxEntries > 0) raw.add(capture.id, capture);
    options.onExchange?.(exchange);
    return exchange;
  }

  function request(request: TransportRequest): Promise<TransportResponse> {
    if (closed) return Promise.reject(new AppError('INTERNAL', 'The transport is closed'));
    const target = parseUrl(request.url);
    const http2 = request.http2 === true;
    const recorded = recording;
    const started = performance.now();
    const capture = newCapture(randomUUID(), request, http2 ? '2' : '1.1', started);
    const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const connectTarget: ConnectTarget = {
      hostname: target.hostname,
      port: target.port,
      secure: target.secure,
      alpn: http2 ? ['h2'] : ['http/1.1'],
      tls: request.tls,
    };
    const key = `${target.origin}|${identityKey(request.tls)}`;

    return new Promise<TransportResponse>((resolve, reject) => {
      let call: H1Call | H2Call;
      const resolveCall = (status: number, body: Buffer): void => {
        dispose();
        capture.status = status;
        capture.responseBody = body;
        resolve({
          status,
          headers: capture.responseHeaders,
          body,
          httpVersion: capture.httpVersion,
          exchange: finish(capture, request, recorded),
          exchangeId: capture.id,
          durationMs: capture.tEnd - started,
        });
      };
      const rejectCall = (failure: Failure): void => {
        dispose();
        if (capture.tEnd < 0) capture.tEnd = performance.now();
        const error: Exchange['error'] = { code: failure.code, message: failure.message };
        if (failure.extra.http2Code !== undefined) error.http2Code = failure.extra.http2Code;
        if (failure.extra.goawayReason !== undefined) error.goawayReason = failure.extra.goawayReason;
        capture.error = error;
        const transportError: ConstructorParameters<typeof TransportError>[0] = {
          code: failure.code,
          message: failure.message,
          exchange: finish(capture, request, recorded),
          exchangeId: capture.id,
          retryable: failure.extra.retryable,
        };
        if (failure.extra.hint !== undefined) transportError.hint = failure.extra.hint;
        if (failure.extra.http2Code !== undefined) transportError.http2Code = failure.extra.http2Code;
        if (failure.extra.goawayReason !== undefined) transportError.goawayReason = failure.extra.goawayReason;
        reject(new TransportError(transportError));
      };
      const dispose = watchDeadline(timeoutMs, request.signal, (reason) => {
        const failure = reason === 'TIMEOUT' ? timeoutFailure(target.authority, timeoutMs) : cancelledFailure();
        if (call.cancel) call.cancel(failure);
        else if (!call.settled) {
          call.settled = true;
          rejectCall(failure);
        }
      });
      if (request.signal?.aborted) {
        dispose();
        rejectCall(cancelledFailure());
        return;
      }
      const headers = headerList(request.headers);
      if (http2) {
        // Pseudo-headers first, in the order browsers and curl send them.
        const object: Record<string, string | string[]> = {
          ':method': request.method,
          ':scheme': target.secure ? 'https' : 'http',
          ':authority': target.authority,
          ':path': target.path,
        };
        for (const [name, value] of headers) {
          const lower = name.toLowerCase();
          if (H2_DROPPED.has(lower)) continue;
          const existing = object[lower];
          if (existing === undefined) object[lower] = value;
          else if (Array.isArray(existing)) existing.push(value);
          else object[lower] = [existing, value];
        }
        call = {
          capture,
          headers: object,
          body: request.body,
          recording: recorded,
          host: target.authority,
          resolve: resolveCall,
          reject: rejectCall,
          settled: false,
        };
        h2.dispatch(key, connectTarget, target.authority, call);
      } else {
        const flat: string[] = new Array(headers.length * 2);
        for (let i = 0; i < headers.length; i++) {
          flat[i * 2] = headers[i]![0];
          flat[i * 2 + 1] = headers[i]![1];
        }
        call = {
          capture,
          origin: target.origin,
          path: target.path,
          headers: flat,
          body: request.body,
          recording: recorded,
          host: target.authority,
          resolve: resolveCall,
          reject: rejectCall,
          settled: false,
        };
        h1.dispatch(key, target.origin, connectTarget, call);
      }
    });
  }

  return {
    request,
    setRecording: (enabled) => {
      recording = enabled;
    },
    isRecording: () => recording,
    rawRequest: (id) => raw.get(id),
    close: async () => {
      closed = true;
      raw.clear();
      await Promise.all([h1.close(), h2.close()]);
    },
  };
}
