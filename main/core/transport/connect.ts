import { isIP, connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { performance } from 'node:perf_hooks';
import type { TlsInfo } from '../../../shared/domain/exchange';
import type { TlsOptions } from './types';
import { readTlsInfo } from './tls-info';

/** One TCP (+TLS) connection, shared by every exchange that used it. */
export interface Connection {
  readonly id: number;
  readonly socket: Socket;
  readonly remoteAddress: string | null;
  /** Phase durations in ms for the exchange that opened it; -1 when the phase did not happen. */
  readonly dns: number;
  readonly connect: number;
  readonly tls: number;
  /** Requests started on it so far; the first one pays for dns/connect/tls, later ones say "reused". */
  requests: number;
  tlsInfo(): TlsInfo | null;
}

export interface ConnectTarget {
  hostname: string;
  port: number;
  secure: boolean;
  alpn: string[];
  tls: TlsOptions | undefined;
}

/** A parsed origin, cached per origin string by index.ts. */
export interface OriginInfo {
  secure: boolean;
  hostname: string;
  port: number;
  /** host[:port] as in the URL. */
  authority: string;
  /** scheme://host[:port] */
  origin: string;
  /** Pool keys per TLS identity, so the hot path does not build a string per request. */
  keys: Map<string, string>;
}

export function targetOf(origin: OriginInfo, tls: TlsOptions | undefined, http2: boolean): ConnectTarget {
  return {
    hostname: origin.hostname,
    port: origin.port,
    secure: origin.secure,
    alpn: http2 ? ['h2'] : ['http/1.1'],
    tls,
  };
}

let nextConnectionId = 1;

/** Failure while connecting, with the phase it happened in so the caller can word it. */
export class ConnectError extends Error {
  constructor(
    readonly phase: 'dns' | 'connect' | 'tls',
    readonly original: Error & { code?: string },
  ) {
    super(original.message);
  }
}

function tlsConnectionOptions(target: ConnectTarget): ConnectionOptions {
  const options: ConnectionOptions = { host: target.hostname, port: target.port, ALPNProtocols: target.alpn };
  const tls = target.tls;
  const servername = tls?.servername ?? target.hostname;
  // SNI must not carry an IP address (RFC 6066); Node warns when it does.
  if (isIP(servername) === 0) options.servername = servername;
  if (tls?.ca !== undefined) options.ca = tls.ca;
  if (tls?.clientCert !== undefined) options.cert = tls.clientCert;
  if (tls?.clientKey !== undefined) options.key = tls.clientKey;
  if (tls?.pfx !== undefined) options.pfx = Buffer.from(tls.pfx.buffer, tls.pfx.byteOffset, tls.pfx.byteLength);
  if (tls?.passphrase !== undefined) options.passphrase = tls.passphrase;
  return options;
}

/**
 * Opens the socket ourselves (for both undici and node:http2) so every connection gets an id and
 * real dns/connect/tls timings. Calls back once: with the connection, or with a ConnectError.
 */
export function openConnection(
  target: ConnectTarget,
  onReady: (error: ConnectError | null, connection: Connection | null) => void,
): void {
  const started = performance.now();
  let lookedUp = -1;
  let connected = -1;
  let phase: 'dns' | 'connect' | 'tls' = isIP(target.hostname) === 0 ? 'dns' : 'connect';
  let done = false;
  let socket: Socket;
  try {
    socket = target.secure
      ? tlsConnect(tlsConnectionOptions(target))
      : netConnect({ host: target.hostname, port: target.port });
  } catch (error) {
    // Bad key material (wrong passphrase, malformed PEM) throws synchronously from tls.connect.
    queueMicrotask(() => onReady(new ConnectError('tls', error as Error), null));
    return;
  }
  const finish = (error: ConnectError | null): void => {
    if (done) return;
    done = true;
    socket.removeListener('error', onError);
    if (error) {
      socket.destroy();
      onReady(error, null);
      return;
    }
    const readyAt = performance.now();
    let cachedTls: TlsInfo | null | undefined;
    const connection: Connection = {
      id: nextConnectionId++,
      socket,
      remoteAddress: socket.remoteAddress ? `${socket.remoteAddress}:${socket.remotePort ?? ''}` : null,
      dns: lookedUp < 0 ? -1 : lookedUp - started,
      connect: connected < 0 ? -1 : connected - (lookedUp < 0 ? started : lookedUp),
      tls: target.secure && connected >= 0 ? readyAt - connected : -1,
      requests: 0,
      tlsInfo: () => {
        if (cachedTls === undefined)
          cachedTls = target.secure ? readTlsInfo(socket as TLSSocket, target.tls?.ca !== undefined) : null;
        return cachedTls;
      },
    };
    onReady(null, connection);
  };
  const onError = (error: Error): void => finish(new ConnectError(phase, error));
  socket.on('error', onError);
  socket.once('lookup', () => {
    lookedUp = performance.now();
    phase = 'connect';
  });
  socket.once('connect', () => {
    connected = performance.now();
    phase = 'tls';
    if (!target.secure) finish(null);
  });
  if (target.secure) socket.once('secureConnect', () => finish(null));
}
