import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { AppError } from '../../../shared/errors';
import type { Exchange, Header } from '../../../shared/domain/exchange';
import { AbortWatchers } from './aborts';
import { TransportCall, type CallOwner } from './call';
import { Deadlines } from './deadlines';
import { cancelledFailure } from './failure';
import { Http1Pool } from './http1';
import { Http2Pool } from './http2-pool';
import { ExchangeBuilder } from './exchange-builder';
import { newCapture, RawRequestStore, type Capture, type RawRequest } from './recorder';
import { RequestCache, type RequestTarget } from './request-cache';
import type { Transport, TransportRequest, TransportResponse } from './types';

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

function headerList(headers: TransportRequest['headers']): Header[] {
  if (!headers) return [];
  return Array.isArray(headers) ? headers : (Object.entries(headers) as Header[]);
}

export function createTransport(options: TransportOptions = {}): RecordingTransport {
  const h1 = new Http1Pool();
  const h2 = new Http2Pool();
  const raw = new RawRequestStore(options.rawRequestsKept ?? 200);
  const builder = new ExchangeBuilder();
  const cache = new RequestCache();
  const recording = options.recording ?? true;
  let closed = false;
  const owner: CallOwner = {
    finish(capture: Capture, request: TransportRequest, recorded: boolean): Exchange | null {
      if (!recorded) return null;
      const exchange = builder.build(capture, request);
      if (raw.maxEntries > 0) raw.add(capture.id, capture);
      options.onExchange?.(exchange);
      return exchange;
    },
    deadlines: new Deadlines(),
    aborts: new AbortWatchers(),
  };

  function request(request: TransportRequest): Promise<TransportResponse> {
    if (closed) return Promise.reject(new AppError('INTERNAL', 'The transport is closed'));
    let target: RequestTarget;
    try {
      target = cache.target(request.url);
    } catch (error) {
      return Promise.reject(error);
    }
    const { origin, path } = target;
    const http2 = request.http2 === true;
    const recorded = request.record ?? recording;
    const capture = newCapture(randomUUID(), request, http2 ? '2' : '1.1', performance.now());
    const key = cache.poolKey(origin, request.tls);
    return new Promise<TransportResponse>((resolve, reject) => {
      const call = new TransportCall(
        capture,
        request,
        recorded,
        origin.authority,
        request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        request.body,
        owner,
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
          const lower = cache.lowerName(name);
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
