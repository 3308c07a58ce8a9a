import { subscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Client } from 'undici';
import type { Header } from '../../../shared/domain/exchange';
import { openConnection, targetOf, type Connection, type ConnectTarget, type OriginInfo } from './connect';
import type { TlsOptions } from './types';
import { Failure, failureFrom } from './failure';
import type { TransportCall } from './call';

/** Connections per origin: browsers use 6, and push APIs rarely reward more over HTTP/1.1. */
const MAX_CONNECTIONS = 6;

/**
 * One undici Client = one keep-alive connection carrying one request at a time, so each exchange
 * knows exactly which socket (connection id, TLS details, reuse) it went over.
 */
class PooledClient {
  readonly client: Client;
  connection: Connection | null = null;
  call: TransportCall | null = null;

  constructor(ClientClass: typeof Client, origin: string, target: ConnectTarget) {
    this.client = new ClientClass(origin, {
      pipelining: 1,
      headersTimeout: 0,
      bodyTimeout: 0,
      connect: (_options, callback) => {
        openConnection(target, (error, connection) => {
          if (error || !connection) {
            callback(error ?? new Error('connect failed'), null);
            return;
          }
          this.connection = connection;
          clientBySocket.set(connection.socket, this);
          callback(null, connection.socket);
        });
      },
    });
  }
}

const clientBySocket = new WeakMap<Socket, PooledClient>();
let listening = false;

/**
 * undici publishes the exact header block it writes; we read it there so the recorded headers
 * are the ones on the wire (host and connection included), not our guess of them.
 */
function listenForSentHeaders(): void {
  if (listening) return;
  listening = true;
  subscribe('undici:client:sendHeaders', (message) => {
    const { headers, socket } = message as { headers: string; socket: Socket };
    const call = clientBySocket.get(socket)?.call;
    if (!call || !call.recording) return;
    const lines = headers.split('\r\n');
    const sent: Header[] = [];
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      const colon = line.indexOf(':');
      if (colon > 0) sent.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
    }
    // undici appends content-length itself while writing the body.
    const size =
      call.body === undefined ? 0 : typeof call.body === 'string' ? Buffer.byteLength(call.body) : call.body.byteLength;
    if (size > 0 || /^(POST|PUT|PATCH)$/.test(call.capture.method)) sent.push(['content-length', String(size)]);
    call.capture.requestHeaders = sent;
  });
}

class OriginPool {
  readonly clients: PooledClient[] = [];
  readonly queue: TransportCall[] = [];

  constructor(
    readonly ClientClass: typeof Client,
    readonly origin: string,
    readonly target: ConnectTarget,
  ) {}

  dispatch(call: TransportCall): void {
    const idle = this.clients.find((client) => client.call === null);
    if (idle) return this.#start(idle, call);
    if (this.clients.length < MAX_CONNECTIONS) {
      const client = new PooledClient(this.ClientClass, this.origin, this.target);
      this.clients.push(client);
      return this.#start(client, call);
    }
    this.queue.push(call);
  }

  #next(client: PooledClient): void {
    client.call = null;
    let call = this.queue.shift();
    while (call && call.settled) call = this.queue.shift();
    if (call) this.#start(client, call);
  }

  #start(pooled: PooledClient, call: TransportCall): void {
    pooled.call = call;
    const capture = call.capture;
    const chunks: Buffer[] = [];
    let status = 0;
    const done = (): void => this.#next(pooled);
    try {
      pooled.client.dispatch(
        {
          origin: this.origin,
          path: call.path,
          method: call.capture.method as never,
          headers: call.h1Headers!,
          body: call.body ?? null,
        },
        {
          onConnect: (abortRequest) => {
            call.h1Abort = abortRequest;
            if (call.settled) return abortRequest(new Failure('CANCELLED', 'cancelled', { retryable: false }));
            const connection = pooled.connection;
            capture.connection = connection;
            capture.reused = connection !== null && connection.requests++ > 0;
            capture.tDispatch = performance.now();
          },
          onBodySent: () => {
            capture.tSent = performance.now();
          },
          onHeaders: (statusCode, raw) => {
            if (statusCode < 200) return true;
            capture.tHeaders = performance.now();
            if (capture.tSent < 0) capture.tSent = capture.tDispatch;
            status = statusCode;
            capture.status = statusCode;
            // Callers need the response headers whether or not the exchange is recorded.
            const headers: Header[] = new Array(raw.length >> 1);
            for (let i = 0; i < raw.length; i += 2)
              headers[i >> 1] = [raw[i]!.toString('latin1'), raw[i + 1]!.toString('latin1')];
            capture.responseHeaders = headers;
            return true;
          },
          onData: (chunk) => {
            chunks.push(chunk);
            return true;
          },
          onComplete: () => {
            capture.tEnd = performance.now();
            done();
            call.succeed(status, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
          },
          onError: (error) => {
            if (capture.tEnd < 0) capture.tEnd = performance.now();
            done();
            settle(call, failureFrom(error, call.host, capture.tDispatch < 0 ? 'connect' : undefined));
          },
        },
      );
    } catch (error) {
      done();
      settle(call, failureFrom(error, call.host));
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((pooled) => pooled.client.destroy().catch(() => {})));
  }
}

function settle(call: TransportCall, failure: Failure): void {
  call.fail(failure);
}

export class Http1Pool {
  readonly #origins = new Map<string, OriginPool>();
  /**
   * undici, loaded with the first HTTP/1.1 request: its load is the largest part of starting the
   * CLI, and a process that sends only to APNs (HTTP/2) never needs it.
   */
  #Client: typeof Client | null = null;
  #loading: Promise<typeof Client> | null = null;

  constructor() {
    listenForSentHeaders();
  }

  dispatch(key: string, origin: OriginInfo, tls: TlsOptions | undefined, call: TransportCall): void {
    const ClientClass = this.#Client;
    if (!ClientClass) {
      this.#loading ??= import('undici').then((undici) => (this.#Client = undici.Client));
      this.#loading.then(
        () => this.dispatch(key, origin, tls, call),
        (error: unknown) => settle(call, failureFrom(error, call.host)),
      );
      return;
    }
    let pool = this.#origins.get(key);
    if (!pool) {
      pool = new OriginPool(ClientClass, origin.origin, targetOf(origin, tls, false));
      this.#origins.set(key, pool);
    }
    pool.dispatch(call);
  }

  async close(): Promise<void> {
    const pools = [...this.#origins.values()];
    this.#origins.clear();
    await Promise.all(pools.map((pool) => pool.close()));
  }
}
