import { createRequire } from 'node:module';
import { isIPv4, isIPv6 } from 'node:net';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTransport, type RecordingTransport } from '../../main/core/transport';
import { isTransportError } from '../../main/core/transport/errors';
import { exchangesToHar, harToExchanges } from '../../main/core/transport/har';
import type { Exchange } from '../../shared/domain/exchange';
import { startServer, testCa, type TestServer } from '../support/http-servers';

const require = createRequire(import.meta.url);

/** The HAR 1.2 schema from har-schema (draft-06), each file registered under its own $id. */
function harValidator(): (data: unknown) => boolean & { errors?: unknown } {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
  // The formats HAR uses (ajv-formats is not installed); node:net decides what an IP address is.
  ajv.addFormat('ipv4', (value: string) => isIPv4(value));
  ajv.addFormat('ipv6', (value: string) => isIPv6(value));
  ajv.addFormat('date-time', (value: string) =>
    /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value),
  );
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  const schemas = require('har-schema') as Record<string, { $id: string }>;
  for (const schema of Object.values(schemas)) ajv.addSchema(schema, schema.$id);
  const validate = ajv.getSchema('har.json#');
  if (!validate) throw new Error('har.json# not registered');
  return validate as never;
}

describe('HAR export', () => {
  let h2: TestServer;
  let h1: TestServer;
  let transport: RecordingTransport;
  const exchanges: Exchange[] = [];

  beforeAll(async () => {
    h2 = await startServer({
      kind: 'h2',
      handler: (request, response) => {
        if (request.path === '/binary') {
          response.setHeader('content-type', 'application/octet-stream');
          response.end(Buffer.from([0, 255, 1, 254]));
        } else if (request.path === '/reset')
          (response as unknown as { stream: { close(code: number): void } }).stream.close(7);
        else {
          response.setHeader('apns-id', 'id-1');
          response.end();
        }
      },
    });
    h1 = await startServer({ kind: 'h1-plain' });
    transport = createTransport({ onExchange: (exchange) => exchanges.push(exchange) });
    const ca = testCa().ca.certPem;
    await transport.request({
      url: `${h2.url}/3/device/abc?x=1&y=two`,
      method: 'POST',
      http2: true,
      headers: [
        ['apns-topic', 'com.example'],
        ['authorization', 'bearer eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJUIn0.sig'],
      ],
      body: '{"aps":{"alert":"hi"}}',
      tls: { ca },
      meta: { purpose: 'send', provider: 'apns', target: 'abc', notes: { claims: { iss: 'T' } } },
    });
    await transport.request({
      url: `${h2.url}/binary`,
      method: 'PUT',
      http2: true,
      body: Uint8Array.from([9, 0, 8]),
      tls: { ca },
    });
    await transport.request({ url: `${h1.url}/plain`, method: 'GET' });
    await transport
      .request({ url: `${h2.url}/reset`, method: 'GET', http2: true, tls: { ca } })
      .catch((error: unknown) => {
        if (!isTransportError(error)) throw error;
      });
    expect(exchanges).toHaveLength(4);
  });

  afterAll(async () => {
    await transport.close();
    await h2.close();
    await h1.close();
  });

  it('validates against the HAR 1.2 schema and maps fields', () => {
    const har = exchangesToHar(exchanges, '1.2.3');
    const validate = harValidator();
    const valid = validate(JSON.parse(JSON.stringify(har)));
    expect((validate as unknown as { errors: unknown }).errors ?? null).toBeNull();
    expect(valid).toBe(true);
    expect(har.log.creator).toEqual({ name: 'Push Console', version: '1.2.3' });
    const [send, binary, plain, reset] = har.log.entries as [
      (typeof har.log.entries)[0],
      (typeof har.log.entries)[0],
      (typeof har.log.entries)[0],
      (typeof har.log.entries)[0],
    ];
    expect(send.request.httpVersion).toBe('HTTP/2');
    expect(plain.request.httpVersion).toBe('HTTP/1.1');
    expect(send.request.headers[0]).toEqual({ name: ':method', value: 'POST' });
    expect(send.request.queryString).toEqual([
      { name: 'x', value: '1' },
      { name: 'y', value: 'two' },
    ]);
    expect(send.request.postData).toEqual({ mimeType: 'application/octet-stream', text: '{"aps":{"alert":"hi"}}' });
    expect(JSON.stringify(har)).not.toContain('.sig"');
    expect(send.response.headers).toContainEqual({ name: 'apns-id', value: 'id-1' });
    // HAR's connect includes ssl.
    expect(send.timings.ssl).toBeGreaterThan(0);
    expect(send.timings.connect).toBeGreaterThanOrEqual(send.timings.ssl);
    expect(binary.timings.connect).toBe(-1);
    expect(binary.timings.ssl).toBe(-1);
    expect(binary.request.postData?._encoding).toBe('base64');
    expect(binary.response.content).toMatchObject({
      size: 4,
      encoding: 'base64',
      text: Buffer.from([0, 255, 1, 254]).toString('base64'),
    });
    expect(send._pushConsole.tls?.alpn).toBe('h2');
    expect(send.connection).toBe(String(exchanges[0]!.connectionId));
    expect(send.serverIPAddress).toBe('127.0.0.1');
    expect(reset.response.status).toBe(0);
    expect(reset.response._error).toMatch(/^STREAM_RESET/);
  });

  it('loads its own export back unchanged', () => {
    const har = JSON.parse(JSON.stringify(exchangesToHar(exchanges, '1.2.3'))) as unknown;
    expect(harToExchanges(har)).toEqual(exchanges);
  });

  it('reads HAR files from elsewhere and explains what is not a HAR', () => {
    const foreign = {
      log: {
        version: '1.2',
        creator: { name: 'Browser', version: '1' },
        entries: [
          {
            startedDateTime: '2026-01-01T00:00:00.000Z',
            time: 12,
            request: {
              method: 'GET',
              url: 'https://example.com/',
              httpVersion: 'h2',
              cookies: [],
              headers: [{ name: 'accept', value: '*/*' }],
              queryString: [],
              headersSize: -1,
              bodySize: 0,
            },
            response: {
              status: 204,
              statusText: '',
              httpVersion: 'h2',
              cookies: [],
              headers: [],
              content: { size: 0, mimeType: 'x-unknown' },
              redirectURL: '',
              headersSize: -1,
              bodySize: 0,
            },
            cache: {},
            timings: { blocked: -1, dns: 1, connect: 5, ssl: 3, send: 0, wait: 10, receive: 1 },
          },
        ],
      },
    };
    const [exchange] = harToExchanges(foreign);
    expect(exchange).toMatchObject({
      method: 'GET',
      status: 204,
      httpVersion: '2',
      requestHeaders: [['accept', '*/*']],
    });
    expect(exchange!.timings).toMatchObject({ dns: 1, connect: 2, tls: 3, ttfb: 10, total: 12 });
    expect(() => harToExchanges({ nope: true })).toThrow('This file is not a HAR document (no log.entries)');
  });
});
