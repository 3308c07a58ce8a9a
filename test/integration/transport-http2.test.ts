import { constants } from 'node:http2';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTransport, type RecordingTransport } from '../../main/core/transport';
import { isTransportError, type TransportError } from '../../main/core/transport/errors';
import type { Exchange } from '../../shared/domain/exchange';
import { exchangeSchema } from '../../shared/domain/exchange';
import { startServer, testCa, type TestServer } from '../support/http-servers';

let transport: RecordingTransport;
let recorded: Exchange[];
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

beforeAll(() => {
  testCa();
});

afterEach(async () => {
  await transport?.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

afterAll(async () => {
  await transport?.close();
});

function fresh(): RecordingTransport {
  recorded = [];
  transport = createTransport({ onExchange: (exchange) => recorded.push(exchange) });
  return transport;
}

describe('HTTP/2 transport', () => {
  it('records ordered headers with pseudo-headers, body, timings, TLS and reuse', async () => {
    const s = await server();
    const t = fresh();
    const ca = testCa().ca.certPem;
    const first = await t.request({
      url: `${s.url}/3/device/abc?x=1`,
      method: 'POST',
      http2: true,
      headers: [
        ['apns-topic', 'com.example.app'],
        ['apns-push-type', 'alert'],
        ['X-Custom', 'one'],
      ],
      body: '{"aps":{"alert":"hi"}}',
      tls: { ca },
      meta: { purpose: 'send', provider: 'apns', target: 'abc' },
    });
    expect(first.status).toBe(200);
    expect(first.httpVersion).toBe('2');
    expect(first.body.toString()).toBe('{"ok":true}');
    const exchange = first.exchange!;
    expect(exchangeSchema.parse(exchange)).toBeTruthy();
    expect(exchange.requestHeaders).toEqual([
      [':method', 'POST'],
      [':scheme', 'https'],
      [':authority', `127.0.0.1:${s.port}`],
      [':path', '/3/device/abc?x=1'],
      ['apns-topic', 'com.example.app'],
      ['apns-push-type', 'alert'],
      ['x-custom', 'one'],
      ['content-length', '22'],
    ]);
    // The server saw exactly what was recorded, in the same order.
    expect(s.seen[0]!.rawHeaders).toEqual(exchange.requestHeaders);
    expect(exchange.responseHeaders[0]).toEqual([':status', '200']);
    expect(exchange.responseHeaders).toContainEqual(['apns-id', '00000000-0000-0000-0000-000000000001']);
    expect(exchange.requestBody).toEqual({
      encoding: 'text',
      data: '{"aps":{"alert":"hi"}}',
      size: 22,
      truncated: false,
    });
    expect(exchange.responseBody?.data).toBe('{"ok":true}');
    expect(exchange.provider).toBe('apns');
    expect(exchange.connectionReused).toBe(false);
    expect(exchange.timings.connect).toBeGreaterThanOrEqual(0);
    expect(exchange.timings.tls).toBeGreaterThan(0);
    expect(exchange.timings.dns).toBe(-1); // an IP literal needs no lookup
    expect(exchange.timings.total).toBeGreaterThanOrEqual(exchange.timings.tls);
    expect(exchange.timings.ttfb).toBeGreaterThanOrEqual(0);
    expect(exchange.remoteAddress).toBe(`127.0.0.1:${s.port}`);
    const tls = exchange.tls!;
    expect(tls.protocol).toBe('TLSv1.3');
    expect(tls.cipher).toMatch(/AES|CHACHA/);
    expect(tls.alpn).toBe('h2');
    expect(tls.peerCertificate?.subject).toBe('CN=127.0.0.1');
    expect(tls.peerCertificate?.issuer).toContain('CN=Push Console Test CA');
    expect(tls.peerCertificate?.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(Date.parse(tls.peerCertificate!.validTo)).toBeGreaterThan(Date.now());
    expect(tls.clientCertificateSubject).toBeNull();

    const second = await t.request({ url: `${s.url}/again`, method: 'GET', http2: true, tls: { ca } });
    expect(second.exchange!.connectionReused).toBe(true);
    expect(second.exchange!.connectionId).toBe(exchange.connectionId);
    expect(second.exchange!.timings.tls).toBe(-1);
    expect(recorded.map((e) => e.id)).toEqual([first.exchangeId, second.exchangeId]);
    expect(s.sessions).toHaveLength(1);
  });

  it('presents a client certificate and records its subject', async () => {
    const s = await server({ requestCert: true });
    const { ca } = testCa();
    const client = ca.issue({ commonName: 'Apple Push Services: com.example.app', usage: 'client' });
    const t = fresh();
    const response = await t.request({
      url: `${s.url}/`,
      method: 'GET',
      http2: true,
      tls: { ca: ca.certPem, clientCert: client.certPem, clientKey: client.keyPem },
    });
    expect(response.exchange!.tls!.clientCertificateSubject).toBe('CN=Apple Push Services: com.example.app');
    expect(s.seen[0]!.clientCertSubject).toBe('CN=Apple Push Services: com.example.app');
  });

  it('never opens more streams than the server allows', async () => {
    const s = await server({
      maxConcurrentStreams: 2,
      handler: (_request, response) => setTimeout(() => response.end('ok'), 15),
    });
    const t = fresh();
    const ca = testCa().ca.certPem;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.request({ url: `${s.url}/${i}`, method: 'GET', http2: true, tls: { ca } }),
      ),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(s.peakStreams).toBe(2);
    expect(s.sessions).toHaveLength(1);
    // Queued requests say so in their timings.
    expect(Math.max(...results.map((r) => r.exchange!.timings.blocked ?? 0))).toBeGreaterThan(30);
  });

  it('follows a limit the server raises with a later SETTINGS frame (as APNs does)', async () => {
    let raised = false;
    const s = await server({
      maxConcurrentStreams: 1,
      handler: (_request, response, stream) => {
        if (!raised) {
          raised = true;
          stream!.session!.settings({ maxConcurrentStreams: 5 });
        }
        setTimeout(() => response.end('ok'), 10);
      },
    });
    const t = fresh();
    const ca = testCa().ca.certPem;
    await t.request({ url: `${s.url}/first`, method: 'GET', http2: true, tls: { ca } });
    await Promise.all(
      Array.from({ length: 15 }, () => t.request({ url: `${s.url}/`, method: 'GET', http2: true, tls: { ca } })),
    );
    expect(s.peakStreams).toBe(5);
  });

  it('surfaces GOAWAY with its code and JSON reason, then reconnects', async () => {
    let count = 0;
    const s = await server({
      handler: (_request, response, stream) => {
        count++;
        if (count === 1) {
          stream!.session!.goaway(constants.NGHTTP2_NO_ERROR + 2, 0, Buffer.from('{"reason":"Shutdown"}'));
          return;
        }
        response.end('ok');
      },
    });
    const t = fresh();
    const ca = testCa().ca.certPem;
    const error = await failure(t.request({ url: `${s.url}/`, method: 'POST', body: '{}', http2: true, tls: { ca } }));
    expect(error.transportCode).toBe('GOAWAY');
    expect(error.http2Code).toBe('NGHTTP2_INTERNAL_ERROR');
    expect(error.goawayReason).toBe('{"reason":"Shutdown"}');
    // nghttp2 reports our stream as the last one processed, so it may have been handled: not safe to retry.
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('Shutdown');
    expect(error.exchange!.error).toMatchObject({ code: 'GOAWAY', goawayReason: '{"reason":"Shutdown"}' });
    const again = await t.request({ url: `${s.url}/`, method: 'GET', http2: true, tls: { ca } });
    expect(again.status).toBe(200);
    expect(again.exchange!.connectionReused).toBe(false);
    expect(again.exchange!.connectionId).not.toBe(error.exchange!.connectionId);
  });

  it('surfaces RST_STREAM codes; REFUSED_STREAM is retryable', async () => {
    const s = await server({
      handler: (request, _response, stream) => {
        stream!.close(request.path === '/refuse' ? constants.NGHTTP2_REFUSED_STREAM : constants.NGHTTP2_INTERNAL_ERROR);
      },
    });
    const t = fresh();
    const ca = testCa().ca.certPem;
    const refused = await failure(t.request({ url: `${s.url}/refuse`, method: 'GET', http2: true, tls: { ca } }));
    expect(refused.transportCode).toBe('STREAM_RESET');
    expect(refused.http2Code).toBe('NGHTTP2_REFUSED_STREAM');
    expect(refused.retryable).toBe(true);
    const internal = await failure(t.request({ url: `${s.url}/other`, method: 'GET', http2: true, tls: { ca } }));
    expect(internal.http2Code).toBe('NGHTTP2_INTERNAL_ERROR');
    expect(internal.retryable).toBe(false);
    expect(internal.exchange!.error?.code).toBe('STREAM_RESET');
  });

  it('reports a connection reset mid-request', async () => {
    const s = await server({
      handler: () => {
        for (const socket of s.sockets) socket.destroy();
      },
    });
    const t = fresh();
    const error = await failure(
      t.request({ url: `${s.url}/`, method: 'GET', http2: true, tls: { ca: testCa().ca.certPem } }),
    );
    expect(error.transportCode).toBe('CONNECTION_RESET');
    expect(error.exchange!.error?.code).toBe('CONNECTION_RESET');
  });

  it('times out cleanly and cancels cleanly', async () => {
    const s = await server({ handler: () => {} });
    const t = fresh();
    const ca = testCa().ca.certPem;
    const started = Date.now();
    const timedOut = await failure(
      t.request({ url: `${s.url}/`, method: 'GET', http2: true, tls: { ca }, timeoutMs: 200 }),
    );
    expect(timedOut.transportCode).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(timedOut.exchange!.error?.code).toBe('TIMEOUT');
    const controller = new AbortController();
    const pending = t.request({ url: `${s.url}/`, method: 'GET', http2: true, tls: { ca }, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const cancelled = await failure(pending);
    expect(cancelled.code).toBe('CANCELLED');
    expect(cancelled.message).toBe('The request was cancelled');
    // The session survives a cancelled stream.
    const alreadyAborted = await failure(
      t.request({ url: `${s.url}/`, method: 'GET', http2: true, tls: { ca }, signal: AbortSignal.abort() }),
    );
    expect(alreadyAborted.code).toBe('CANCELLED');
  });

  it('explains an untrusted server certificate', async () => {
    const s = await server();
    const t = fresh();
    const error = await failure(t.request({ url: `${s.url}/`, method: 'GET', http2: true, tls: { ca: [] } }));
    expect(error.transportCode).toBe('TLS');
    expect(error.message).toMatch(/^The certificate of 127\.0\.0\.1:\d+ is not trusted/);
    expect(error.hint).toContain('local CA');
    expect(error.exchange!.error?.code).toBe('TLS');
  });

  it('speaks h2c with prior knowledge to an http:// URL', async () => {
    const s = await server({ kind: 'h2c' });
    const t = fresh();
    const response = await t.request({ url: `${s.url}/plain`, method: 'GET', http2: true });
    expect(response.status).toBe(200);
    expect(response.exchange!.tls).toBeNull();
    expect(response.exchange!.requestHeaders[1]).toEqual([':scheme', 'http']);
  });

  it('records nothing for a request with record: false but still returns the exchange id', async () => {
    const s = await server();
    const t = fresh();
    const response = await t.request({
      url: `${s.url}/`,
      method: 'GET',
      http2: true,
      tls: { ca: testCa().ca.certPem },
      record: false,
    });
    expect(response.exchange).toBeNull();
    expect(response.headers).toContainEqual(['apns-id', '00000000-0000-0000-0000-000000000001']);
    expect(response.exchangeId).toMatch(/[0-9a-f-]{36}/);
    expect(recorded).toHaveLength(0);
  });
});

describe('HTTP/2 transport, many requests sharing one caller', () => {
  it('cancels every request in flight on one shared signal, with no listener-leak warning', async () => {
    const s = await server({ handler: () => {} });
    const t = fresh();
    const ca = testCa().ca.certPem;
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    try {
      const controller = new AbortController();
      // A fresh TlsOptions per request, as providers build them: still one connection.
      const pending = Array.from({ length: 40 }, (_, i) =>
        failure(
          t.request({ url: `${s.url}/${i}`, method: 'GET', http2: true, tls: { ca }, signal: controller.signal }),
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      controller.abort();
      const errors = await Promise.all(pending);
      expect(errors.map((error) => error.code)).toEqual(Array(40).fill('CANCELLED'));
      expect(new Set(recorded.map((exchange) => exchange.connectionId)).size).toBe(1);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((text) => /listener/i.test(text))).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('keeps connections apart for different trust roots given as fresh objects', async () => {
    const s = await server();
    const t = fresh();
    const ca = testCa().ca.certPem;
    // The same CA with a trailing newline is a different string: a different identity, a new connection.
    for (const caPem of [ca, ca, `${ca}\n`, `${ca}\n`])
      expect((await t.request({ url: `${s.url}/`, method: 'GET', http2: true, tls: { ca: caPem } })).status).toBe(200);
    const ids = recorded.map((exchange) => exchange.connectionId);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).toBe(ids[3]);
    expect(ids[2]).not.toBe(ids[0]);
  });
});
