import { connect as h2connect, constants, type ClientHttp2Session, type ClientHttp2Stream } from 'node:http2';
import { performance } from 'node:perf_hooks';
import type { Header } from '../../../shared/domain/exchange';
import { openConnection, targetOf, type Connection, type ConnectTarget, type OriginInfo } from './connect';
import type { TlsOptions } from './types';
import { Failure, failureFrom, http2CodeName } from './failure';
import type { TransportCall } from './call';

interface GoawayInfo {
  code: string;
  reason: string | undefined;
  lastStreamId: number;
}

/**
 * One HTTP/2 connection. Streams are handed out only while fewer than the server's
 * SETTINGS_MAX_CONCURRENT_STREAMS are open; the rest wait here in order. Nothing is sent before
 * the server's first SETTINGS arrives, because APNs starts at 1 and raises the limit later.
 */
class PooledSession {
  session: ClientHttp2Session | null = null;
  connection: Connection | null = null;
  state: 'connecting' | 'ready' | 'draining' | 'closed' = 'connecting';
  active = 0;
  limit = 1;
  peakActive = 0;
  readonly queue: TransportCall[] = [];
  queueHead = 0;
  goaway: GoawayInfo | null = null;
  sessionError: Error | null = null;

  constructor(
    readonly pool: Http2Pool,
    readonly key: string,
    target: ConnectTarget,
    readonly authority: string,
  ) {
    openConnection(target, (error, connection) => {
      if (error || !connection) {
        this.state = 'closed';
        this.pool.forget(this);
        const failure = failureFrom(error, authority);
        for (const call of this.#takeQueue()) fail(call, failure);
        return;
      }
      this.connection = connection;
      if (
        target.secure &&
        connection.socket &&
        (connection.socket as { alpnProtocol?: string | false }).alpnProtocol !== 'h2'
      ) {
        connection.socket.destroy();
        this.state = 'closed';
        this.pool.forget(this);
        const failure = new Failure('NETWORK', `${authority} does not speak HTTP/2 (no h2 in ALPN)`, {
          hint: 'Use HTTP/1.1 for this server, or check the endpoint URL.',
          retryable: true,
        });
        for (const call of this.#takeQueue()) fail(call, failure);
        return;
      }
      this.#attach(connection, target.secure);
    });
  }

  #attach(connection: Connection, secure: boolean): void {
    const session = h2connect(`${secure ? 'https' : 'http'}://${this.authority}`, {
      createConnection: () => connection.socket,
    });
    this.session = session;
    session.on('remoteSettings', (settings) => {
      this.limit = settings.maxConcurrentStreams ?? Number.POSITIVE_INFINITY;
      if (this.state === 'connecting') this.state = 'ready';
      this.#drain();
    });
    session.on('goaway', (errorCode: number, lastStreamId: number, opaque?: Buffer) => {
      this.goaway = {
        code: http2CodeName(errorCode),
        reason: opaque && opaque.length > 0 ? opaque.toString('utf8') : undefined,
        lastStreamId,
      };
      this.#retire(false);
    });
    session.on('error', (error: Error) => {
      this.sessionError = error;
    });
    session.on('close', () => this.#retire(true));
    // Idle pooled sessions must not keep a CLI process alive; each request's timer does that.
    session.unref();
  }

  /** No new streams here: queued calls (never sent) move to a fresh session. */
  #retire(closed: boolean): void {
    this.state = closed ? 'closed' : 'draining';
    this.pool.forget(this);
    for (const call of this.#takeQueue()) if (!call.settled) this.pool.requeue(this.key, call);
  }

  #takeQueue(): TransportCall[] {
    const waiting = this.queue.slice(this.queueHead);
    this.queue.length = 0;
    this.queueHead = 0;
    return waiting;
  }

  enqueue(call: TransportCall): void {
    this.queue.push(call);
    if (this.state === 'ready') this.#drain();
  }

  #drain(): void {
    while (this.state === 'ready' && this.active < this.limit && this.queueHead < this.queue.length) {
      const call = this.queue[this.queueHead]!;
      this.queue[this.queueHead++] = undefined as never;
      if (this.queueHead === this.queue.length) {
        this.queue.length = 0;
        this.queueHead = 0;
      } else if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
        this.queue.splice(0, this.queueHead);
        this.queueHead = 0;
      }
      if (!call.settled) this.#start(call);
    }
  }

  #start(call: TransportCall): void {
    const session = this.session!;
    const connection = this.connection!;
    const capture = call.capture;
    capture.connection = connection;
    capture.reused = connection.requests++ > 0;
    capture.tDispatch = performance.now();
    const body = call.body;
    let stream: ClientHttp2Stream;
    try {
      // Node ends GET/HEAD/DELETE streams by default and leaves others open; only say so when that is wrong
      // (an options object costs a copy and validation per stream).
      const noPayload = NO_PAYLOAD.has(call.capture.method);
      stream =
        noPayload === (body === undefined)
          ? session.request(call.h2Headers!)
          : session.request(call.h2Headers!, body === undefined ? END_STREAM : OPEN_STREAM);
    } catch (error) {
      call.fail(failureFrom(error, call.host));
      return;
    }
    call.h2Stream = stream;
    this.active++;
    if (this.active > this.peakActive) this.peakActive = this.active;
    if (call.recording) capture.requestHeaders = headerPairs(call.h2Headers!);
    // Small bodies are handed to nghttp2 at once; "sent" is when the whole body is queued on the
    // session. A write callback per stream would cost more than it tells.
    if (body !== undefined) stream.end(body);
    capture.tSent = performance.now();

    const chunks: Buffer[] = [];
    let status = 0;
    stream.on('response', (headers, _flags, raw?: string[]) => {
      capture.tHeaders = performance.now();
      status = Number(headers[':status']);
      // Callers need the response headers (apns-id…) whether or not the exchange is recorded.
      capture.responseHeaders = raw ? rawPairs(raw) : objectPairs(headers);
    });
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      if (status === 0) return;
      capture.tEnd = performance.now();
      call.succeed(status, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    });
    // Errors are worded on 'close', where the reset code and any GOAWAY are known.
    stream.on('error', ignore);
    stream.on('close', () => {
      this.active--;
      if (!call.settled) call.fail(this.#streamFailure(stream, call.host));
      if (this.state === 'ready' && this.queueHead < this.queue.length) this.#drain();
    });
  }

  #streamFailure(stream: ClientHttp2Stream, host: string): Failure {
    const goaway = this.goaway;
    if (goaway) {
      const beyond = stream.id === undefined || stream.id > goaway.lastStreamId;
      const reasonText = goaway.reason ? `: ${goaway.reason}` : '';
      const extra: { retryable: boolean; http2Code: string; hint: string; goawayReason?: string } = {
        retryable: beyond,
        http2Code: goaway.code,
        hint: beyond
          ? 'The server had not started on this request; it is safe to retry.'
          : 'The server may have processed this request before closing.',
      };
      if (goaway.reason !== undefined) extra.goawayReason = goaway.reason;
      return new Failure('GOAWAY', `${host} closed the connection (GOAWAY ${goaway.code})${reasonText}`, extra);
    }
    // Node closes the streams of a destroyed session with CANCEL; that is the connection dying.
    if (this.session?.destroyed || this.connection?.socket.destroyed)
      return failureFrom(this.sessionError ?? Object.assign(new Error('closed'), { code: 'ECONNRESET' }), host);
    const rst = stream.rstCode;
    if (rst !== undefined && rst !== constants.NGHTTP2_NO_ERROR) {
      const code = http2CodeName(rst);
      const refused = rst === constants.NGHTTP2_REFUSED_STREAM;
      return new Failure('STREAM_RESET', `${host} reset the stream (${code})`, {
        retryable: refused,
        http2Code: code,
        hint: refused
          ? 'The server refused the stream before processing it; it is safe to retry.'
          : 'The server may have processed the request.',
      });
    }
    return failureFrom(this.sessionError ?? Object.assign(new Error('closed'), { code: 'ECONNRESET' }), host);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.session || this.session.closed || this.session.destroyed) {
        this.connection?.socket.destroy();
        resolve();
        return;
      }
      this.session.close(() => resolve());
      // Streams still open would hold close() forever; give them a moment, then cut.
      setTimeout(() => this.session?.destroy(), 1000).unref();
    });
  }
}

const NO_PAYLOAD = new Set(['GET', 'HEAD', 'DELETE']);
const END_STREAM = { endStream: true };
const OPEN_STREAM = { endStream: false };
function ignore(): void {}

function fail(call: TransportCall, failure: Failure): void {
  call.fail(failure);
}

function headerPairs(headers: Record<string, string | string[]>): Header[] {
  const out: Header[] = [];
  for (const name in headers) {
    const value = headers[name]!;
    if (typeof value === 'string') out.push([name, value]);
    else for (const item of value) out.push([name, item]);
  }
  return out;
}

function rawPairs(raw: string[]): Header[] {
  const out: Header[] = new Array(raw.length >> 1);
  for (let i = 0; i < raw.length; i += 2) out[i >> 1] = [raw[i]!, raw[i + 1]!];
  return out;
}

function objectPairs(headers: Record<string, unknown>): Header[] {
  return headerPairs(
    Object.fromEntries(
      Object.entries(headers)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v)]),
    ),
  );
}

/** HTTP/2 sessions keyed by origin + TLS identity (a different client certificate is a different connection). */
export class Http2Pool {
  readonly #sessions = new Map<string, PooledSession>();
  readonly #all = new Set<PooledSession>();
  readonly #targets = new Map<string, { target: ConnectTarget; authority: string }>();

  dispatch(key: string, origin: OriginInfo, tls: TlsOptions | undefined, call: TransportCall): void {
    let pooled = this.#sessions.get(key);
    if (!pooled) {
      const known = { target: targetOf(origin, tls, true), authority: origin.authority };
      this.#targets.set(key, known);
      pooled = this.#open(key, known);
    }
    pooled.enqueue(call);
  }

  /** Calls a retiring session never sent go to the key's current session, or a new one. */
  requeue(key: string, call: TransportCall): void {
    const known = this.#targets.get(key);
    if (!known) return;
    (this.#sessions.get(key) ?? this.#open(key, known)).enqueue(call);
  }

  #open(key: string, known: { target: ConnectTarget; authority: string }): PooledSession {
    const pooled = new PooledSession(this, key, known.target, known.authority);
    this.#sessions.set(key, pooled);
    this.#all.add(pooled);
    return pooled;
  }

  forget(session: PooledSession): void {
    if (this.#sessions.get(session.key) === session) this.#sessions.delete(session.key);
    if (session.state === 'closed') this.#all.delete(session);
  }

  async close(): Promise<void> {
    const sessions = [...this.#all];
    this.#sessions.clear();
    this.#all.clear();
    await Promise.all(sessions.map((session) => session.close()));
  }
}
