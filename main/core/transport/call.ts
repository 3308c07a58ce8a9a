import type { ClientHttp2Stream } from 'node:http2';
import { constants } from 'node:http2';
import { performance } from 'node:perf_hooks';
import type { Exchange } from '../../../shared/domain/exchange';
import { TransportError } from './errors';
import { cancelledFailure, type Failure, timeoutFailure } from './failure';
import type { Capture } from './recorder';
import type { AbortWatchers } from './aborts';
import type { Deadlines } from './deadlines';
import type { TransportRequest, TransportResponse } from './types';

export type Finish = (capture: Capture, request: TransportRequest, recorded: boolean) => Exchange | null;

/** What every call of one transport shares: how a capture becomes an exchange, and its timers and signals. */
export interface CallOwner {
  finish: Finish;
  deadlines: Deadlines;
  aborts: AbortWatchers;
}

/**
 * One request in flight, shared by the HTTP/1.1 and HTTP/2 paths. A class rather than closures
 * because this is the hot path of bulk sends: one object and one timer per request.
 */
export class TransportCall {
  settled = false;
  /** Where the request is on the wire, so a timeout or abort can stop it there. */
  h2Stream: ClientHttp2Stream | null = null;
  h1Abort: ((error?: Error) => void) | null = null;
  /** What goes on the wire: the HTTP/2 header object (pseudo-headers first) or HTTP/1.1 flat list. */
  h2Headers: Record<string, string | string[]> | null = null;
  h1Headers: string[] | null = null;
  path = '/';
  /** Set by the deadline tracker. */
  deadline = 0;

  readonly #owner: CallOwner;
  readonly #resolve: (response: TransportResponse) => void;
  readonly #reject: (error: TransportError) => void;

  constructor(
    readonly capture: Capture,
    readonly request: TransportRequest,
    readonly recording: boolean,
    readonly host: string,
    readonly timeoutMs: number,
    readonly body: string | Uint8Array | undefined,
    owner: CallOwner,
    resolve: (response: TransportResponse) => void,
    reject: (error: TransportError) => void,
  ) {
    this.#owner = owner;
    this.#resolve = resolve;
    this.#reject = reject;
    owner.deadlines.add(timeoutMs, this);
    if (request.signal) owner.aborts.watch(request.signal, this);
  }

  /** The caller's signal fired. */
  abort(): void {
    this.cancel(cancelledFailure());
  }

  expire(): void {
    this.cancel(timeoutFailure(this.host, this.timeoutMs));
  }

  cancel(failure: Failure): void {
    if (this.settled) return;
    if (this.h2Stream) this.h2Stream.close(constants.NGHTTP2_CANCEL);
    else if (this.h1Abort) this.h1Abort(failure);
    this.fail(failure);
  }

  #cleanup(): void {
    this.settled = true;
    this.#owner.deadlines.remove(this.timeoutMs, this);
    if (this.request.signal) this.#owner.aborts.unwatch(this.request.signal, this);
  }

  succeed(status: number, body: Buffer): void {
    if (this.settled) return;
    this.#cleanup();
    const capture = this.capture;
    capture.status = status;
    capture.responseBody = body;
    if (capture.tEnd < 0) capture.tEnd = performance.now();
    this.#resolve({
      status,
      headers: capture.responseHeaders,
      body,
      httpVersion: capture.httpVersion,
      exchange: this.#owner.finish(capture, this.request, this.recording),
      exchangeId: capture.id,
      durationMs: capture.tEnd - capture.tStart,
    });
  }

  fail(failure: Failure): void {
    if (this.settled) return;
    this.#cleanup();
    const capture = this.capture;
    if (capture.tEnd < 0) capture.tEnd = performance.now();
    const extra = failure.extra;
    const error: Exchange['error'] = { code: failure.code, message: failure.message };
    if (extra.http2Code !== undefined) error.http2Code = extra.http2Code;
    if (extra.goawayReason !== undefined) error.goawayReason = extra.goawayReason;
    capture.error = error;
    const options: ConstructorParameters<typeof TransportError>[0] = {
      code: failure.code,
      message: failure.message,
      exchange: this.#owner.finish(capture, this.request, this.recording),
      exchangeId: capture.id,
      retryable: extra.retryable,
    };
    if (extra.hint !== undefined) options.hint = extra.hint;
    if (extra.http2Code !== undefined) options.http2Code = extra.http2Code;
    if (extra.goawayReason !== undefined) options.goawayReason = extra.goawayReason;
    this.#reject(new TransportError(options));
  }
}
