import { afterEach, describe, expect, it } from 'vitest';
import { createTransport, type RecordingTransport } from '../../main/core/transport';
import { isTransportError, type TransportError } from '../../main/core/transport/errors';
import { exchangeSchema } from '../../shared/domain/exchange';
import { startServer, testCa, type TestServer } from '../support/http-servers';

let transport: RecordingTransport | null = null;
const servers: TestServer[] = [];

async function server(options: Parameters<typeof startServer>[0] = {}): Promise<TestServer> {
  const started = await startServer(options);
  servers.push(started);
  return started;
}

async function failure(promise: Promise<unknown>): Promise<TransportError> {
  try {
    await promise;
  } catch (error) {
    if (isTransportError(error)) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

afterEach(async () => {
  await transport?.close();
  transport = null;
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('HTTP/1.1 transport', () => {
  it('records the header block as written on the wire, the response in order, TLS and reuse', async () => {
    const s = await server({
      kind: 'h1',
      handler: (_request, response) => {
        response.setHeader('Content-Type', 'application/json');
        response.setHeader('X-Zeta', '1');
        response.setHeader('X-Alpha', '2');
        response.end('{"access":"granted"}');
      },
    });
    transport = createTransport();
    const ca = testCa().ca.certPem;
    const body = 'grant_type=client_credentials&scope=notify.windows.com';
    const first = await transport.request({
      url: `${s.url}/token?x=1`,
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Request-Id': 'r1' },
      body,
      tls: { ca },
      meta: { purpose: 'auth', provider: 'wns' },
    });
    expect(first.status).toBe(200);
    expect(first.httpVersion).toBe('1.1');
    const exchange = exchangeSchema.parse(first.exchange);
    expect(exchange.requestHeaders).toEqual(s.seen[0]!.rawHeaders);
    expect(exchange.requestHeaders.map(([name]) => name.toLowerCase())).toEqual([
      'host',
      'connection',
      'content-type',
      'x-request-id',
      'content-length',
    ]);
    expect(exchange.requestBody?.data).toBe(body);
    expect(exchange.responseHeaders.map(([name]) => name)).toEqual(
      expect.arrayContaining(['Content-Type', 'X-Zeta', 'X-Alpha']),
    );
    const names = exchange.responseHeaders.map(([name]) => name);
    expect(names.indexOf('X-Zeta')).toBeLessThan(names.indexOf('X-Alpha'));
    expect(exchange.responseBody?.data).toBe('{"access":"granted"}');
    expect(exchange.tls?.alpn).toBe('http/1.1');
    expect(exchange.tls?.peerCertificate?.subject).toBe('CN=127.0.0.1');
    expect(exchange.timings.tls).toBeGreaterThan(0);
    expect(exchange.connectionReused).toBe(false);

    const second = await transport.request({ url: `${s.url}/again`, method: 'GET', tls: { ca } });
    expect(second.exchange!.connectionReused).toBe(true);
    expect(second.exchange!.connectionId).toBe(exchange.connectionId);
    expect(second.exchange!.timings.connect).toBe(-1);
  });

  it('keeps binary bodies as base64 and caps huge ones with a truncated marker', async () => {
    const big = Buffer.alloc(300 * 1024, 0x61);
    const s = await server({ kind: 'h1-plain', handler: (_request, response) => response.end(big) });
    transport = createTransport();
    const binary = Uint8Array.from([0, 1, 2, 255, 254]);
    const response = await transport.request({ url: `${s.url}/`, method: 'PUT', body: binary });
    expect(response.exchange!.requestBody).toEqual({
      encoding: 'base64',
      data: Buffer.from(binary).toString('base64'),
      size: 5,
      truncated: false,
    });
    expect(s.seen[0]!.body).toEqual(Buffer.from(binary));
    expect(response.body.length).toBe(big.length);
    const recorded = response.exchange!.responseBody!;
    expect(recorded.truncated).toBe(true);
    expect(recorded.size).toBe(big.length);
    expect(recorded.data.length).toBe(256 * 1024);
    expect(response.exchange!.tls).toBeNull();
  });

  it('reports a connection reset, a refused connection, a timeout and an abort', async () => {
    const s = await server({
      kind: 'h1-plain',
      handler: (request, response) => {
        if (request.path === '/reset') for (const socket of s.sockets) socket.destroy();
        else if (request.path === '/ok') response.end('ok');
      },
    });
    transport = createTransport();
    const reset = await failure(transport.request({ url: `${s.url}/reset`, method: 'GET' }));
    expect(reset.transportCode).toBe('CONNECTION_RESET');
    expect(reset.exchange!.error?.code).toBe('CONNECTION_RESET');

    const timedOut = await failure(transport.request({ url: `${s.url}/hang`, method: 'GET', timeoutMs: 150 }));
    expect(timedOut.transportCode).toBe('TIMEOUT');
    expect(timedOut.message).toMatch(/did not answer within 0\.15 s/);

    const controller = new AbortController();
    const pending = transport.request({ url: `${s.url}/hang`, method: 'GET', signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    const cancelled = await failure(pending);
    expect(cancelled.code).toBe('CANCELLED');

    expect((await transport.request({ url: `${s.url}/ok`, method: 'GET' })).status).toBe(200);

    const port = s.port;
    await s.close();
    servers.length = 0;
    await transport.close();
    transport = createTransport();
    const refused = await failure(transport.request({ url: `http://127.0.0.1:${port}/`, method: 'GET' }));
    expect(refused.transportCode).toBe('NETWORK');
    expect(refused.message).toBe(`127.0.0.1:${port} refused the connection`);
    expect(refused.retryable).toBe(true);
  });
});
