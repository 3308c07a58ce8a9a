import { connect as h2connect, constants, type ClientHttp2Session, type ClientHttp2Stream } from 'node:http2';
import { performance } from 'node:perf_hooks';
import type { Header } from '../../../shared/domain/exchange';
import { openConnection, type Connection, type ConnectTarget } from './connect';
import { Failure, failureFrom, http2CodeName } from './failure';
import type { Capture } from './recorder';

/** One request waiting for, or using, an HTTP/2 stream. */
export interface H2Call {
  capture: Capture;
  headers: Record<string, string | string[]>;
  body: string | Uint8Array | undefined;
  recording: boolean;
  host: string;
  resolve(this: void, status: number, body: Buffer): void;
  reject(this: void, failure: Failure): void;
  /** Set by the pool so a timeout or abort can stop the call wherever it is. */
  cancel?: (failure: Failure) => void;
  settled: boolean;
}

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
  readonly queue: H2Call[] = [];
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
        for (const call of this.takeQueue()) fail(call, failure);
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
        for (const call of this.takeQueue()) fail(call, failure);
        return;
      }
      this.attach(connection, target.secure);
    });
  }

  private attach(connection: Connection, secure: boolean): void {
    const session = h2connect(`${secure ? 'https' : 'http'}://${this.authority}`, {
      createConnection: () => connection.socket,
    });
    this.session = session;
    session.on('remoteSettings', (settings) => {
      this.limit = settings.maxConcurrentStreams ?? Number.POSITIVE_INFINITY;
      if (this.state === 'connecting') this.state = 'ready';
      this.drain();
    });
    session.on('goaway', (errorCode: number, lastStreamId: number, opaque?: Buffer) => {
      this.goaway = {
        code: http2CodeName(errorCode),
        reason: opaque && opaque.length > 0 ? opaque.toString('utf8') : undefined,
        lastStreamId,
      };
      this.retire(false);
    });
    session.on('error', (error: Error) => {
      this.sessionError = error;
    });
    session.on('close', () => this.retire(true));
    // Idle pooled sessions must not keep a CLI process alive; each request's timer does that.
    session.unref();
  }

  /** No new streams here: queued calls (never sent) move to a fresh session. */
  private retire(closed: boolean): void {
    this.state = closed ? 'closed' : 'draining';
    this.pool.forget(this);
    for (const call of this.takeQueue()) if (!call.settled) this.pool.requeue(this.key, call);
  }

  private takeQueue(): H2Call[] {
    const waiting = this.queue.slice(this.queueHead);
    this.queue.length = 0;
    this.queueHead = 0;
    return waiting;
  }

  enqueue(call: H2Call): void {
    this.queue.push(call);
    // Still waiting: settling is enough, drain() skips settled calls.
    call.cancel = (failure) => fail(call, failure);
    if (this.state === 'ready') this.drain();
  }

  private drain(): void {
    while (this.state === 'ready' && this.active < this.limit && this.queueHead < this.queue.length) {
      const call = this.queue[this.queueHead]!;
      this.queue[this.queueHead++] = undefined as never;
      if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
        this.queue.splice(0, this.queueHead);
        this.queueHead = 0;
      }
      if (!call.settled) this.start(call);
    }
  }

  private start(call: H2Call): void {
    const session = this.session!;
    const connection = this.connection!;
    const capture = call.capture;
    capture.connection = connection;
    capture.reused = connection.requests++ > 0;
    capture.tDispatch = performance.now();
    let stream: ClientHttp2Stream;
    try {
      stream = session.request(call.headers, { endStream: call.body === undefined });
    } catch (error) {
      fail(call, failureFrom(error, call.host));
      return;
    }
    this.active++;
    if (this.active > this.peakActive) this.peakActive = this.active;
    if (call.recording) capture.requestHeaders = headerPairs(call.headers);
    if (call.body === undefined) capture.tSent = capture.tDispatch;
    else stream.end(call.body, () => (capture.tSent = performance.now()));

    const chunks: Buffer[] = [];
    let status = 0;
    call.cancel = (failure) => {
      if (call.settled) return;
      stream.close(constants.NGHTTP2_CANCEL);
      fail(call, failure);
    };
    stream.on('response', (headers, _flags, raw?: string[]) => {
      capture.tHeaders = performance.now();
      status = Number(headers[':status']);
      capture.status = status;
      if (call.recording) capture.responseHeaders = raw ? rawPairs(raw) : objectPairs(headers);
    });
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      capture.tEnd = performance.now();
      if (call.settled || status === 0) return;
      call.settled = true;
      call.resolve(status, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    });
    stream.on('error', () => {
      // Worded on 'close', where the reset code and any GOAWAY are known.
    });
    stream.on('close', () => {
      this.active--;
      if (capture.tEnd < 0) capture.tEnd = performance.now();
      if (!call.settled) {
        call.settled = true;
        call.reject(this.streamFailure(stream, call.host));
      }
      if (this.state === 'ready') this.drain();
    });
  }

  private streamFailure(stream: ClientHttp2Stream, host: string): Failure {
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

function fail(call: H2Call, failure: Failure): void {
  if (call.settled) return;
  call.settled = true;
  call.reject(failure);
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

  dispatch(key: string, target: ConnectTarget, authority: string, call: H2Call): void {
    let pooled = this.#sessions.get(key);
    if (!pooled) {
      this.#targets.set(key, { target, authority });
      pooled = new PooledSession(this, key, target, authority);
      this.#sessions.set(key, pooled);
      this.#all.add(pooled);
    }
    pooled.enqueue(call);
  }

  requeue(key: string, call: H2Call): void {
    const known = this.#targets.get(key);
    if (known) this.dispatch(key, known.target, known.authority, call);
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
