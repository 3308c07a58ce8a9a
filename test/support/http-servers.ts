import { createServer as createHttpsServer } from 'node:https';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  createSecureServer,
  createServer as createH2cServer,
  type Http2SecureServer,
  type Http2Server,
  type Http2ServerRequest,
  type Http2ServerResponse,
  type ServerHttp2Session,
  type ServerHttp2Stream,
} from 'node:http2';
import type { AddressInfo, Socket } from 'node:net';
import { LocalCa, type IssuedCertificate } from '../../main/emulators/common/ca';

/** What a test server saw: method, path, headers in wire order (pseudo-headers for HTTP/2), body. */
export interface SeenRequest {
  method: string;
  path: string;
  rawHeaders: Array<[string, string]>;
  body: Buffer;
  httpVersion: string;
  clientCertSubject: string | null;
}

type Handler = (
  request: SeenRequest,
  response: Http2ServerResponse | ServerResponse,
  stream: ServerHttp2Stream | null,
) => void;

export interface TestServer {
  url: string;
  port: number;
  seen: SeenRequest[];
  /** Highest number of streams open at once (HTTP/2). */
  peakStreams: number;
  sessions: ServerHttp2Session[];
  sockets: Set<Socket>;
  close(): Promise<void>;
}

let sharedCa: { ca: LocalCa; server: IssuedCertificate } | null = null;

/** One CA and loopback server certificate for the whole test file (RSA key generation is slow). */
export function testCa(): { ca: LocalCa; server: IssuedCertificate } {
  if (!sharedCa) {
    const ca = LocalCa.create('Push Console Test CA');
    sharedCa = { ca, server: ca.issueLoopbackServer() };
  }
  return sharedCa;
}

function pairs(raw: string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < raw.length; i += 2) out.push([raw[i]!, raw[i + 1]!]);
  return out;
}

function subjectOf(socket: unknown): string | null {
  const tlsSocket = socket as { getPeerCertificate?: () => { subject?: { CN?: string } } };
  const cert = tlsSocket.getPeerCertificate?.();
  return cert?.subject?.CN ? `CN=${cert.subject.CN}` : null;
}

export interface ServerOptions {
  /** HTTP/2 over TLS (default), h2c, HTTP/1.1 over TLS, or plain HTTP/1.1. */
  kind?: 'h2' | 'h2c' | 'h1' | 'h1-plain';
  maxConcurrentStreams?: number;
  /** Ask for a client certificate (not required). */
  requestCert?: boolean;
  handler?: Handler;
}

const defaultHandler: Handler = (_request, response) => {
  response.setHeader('content-type', 'application/json');
  response.setHeader('apns-id', '00000000-0000-0000-0000-000000000001');
  response.end('{"ok":true}');
};

export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const kind = options.kind ?? 'h2';
  const { ca, server: cert } = testCa();
  const handler = options.handler ?? defaultHandler;
  const state: TestServer = {
    url: '',
    port: 0,
    seen: [],
    peakStreams: 0,
    sessions: [],
    sockets: new Set(),
    close: async () => {},
  };
  let open = 0;
  const onRequest = (
    request: Http2ServerRequest | IncomingMessage,
    response: Http2ServerResponse | ServerResponse,
  ): void => {
    open++;
    state.peakStreams = Math.max(state.peakStreams, open);
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const seen: SeenRequest = {
        method: request.method ?? '',
        path: request.url ?? '',
        rawHeaders: pairs(request.rawHeaders),
        body: Buffer.concat(chunks),
        httpVersion: request.httpVersion,
        clientCertSubject: subjectOf(request.socket),
      };
      state.seen.push(seen);
      handler(seen, response, 'stream' in request ? request.stream : null);
    });
    response.on('close', () => open--);
  };
  const tls = {
    key: cert.keyPem,
    cert: cert.certPem,
    ca: ca.certPem,
    requestCert: options.requestCert ?? false,
    rejectUnauthorized: false,
  };
  const settings =
    options.maxConcurrentStreams === undefined ? {} : { maxConcurrentStreams: options.maxConcurrentStreams };
  let server:
    Http2SecureServer | Http2Server | ReturnType<typeof createHttpsServer> | ReturnType<typeof createHttpServer>;
  if (kind === 'h2') server = createSecureServer({ ...tls, settings, allowHTTP1: false }, onRequest);
  else if (kind === 'h2c') server = createH2cServer({ settings }, onRequest);
  else if (kind === 'h1') server = createHttpsServer(tls, onRequest);
  else server = createHttpServer(onRequest);
  server.on('session', (session: ServerHttp2Session) => state.sessions.push(session));
  server.on(kind === 'h2' || kind === 'h1' ? 'secureConnection' : 'connection', (socket: Socket) => {
    state.sockets.add(socket);
    socket.on('close', () => state.sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.address() as AddressInfo).port;
  state.url = `${kind === 'h2' || kind === 'h1' ? 'https' : 'http'}://127.0.0.1:${state.port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const session of state.sessions) session.destroy();
      for (const socket of state.sockets) socket.destroy();
      server.close(() => resolve());
    });
  return state;
}
