import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTransport, type RecordingTransport } from '../../main/core/transport';
import { exchangeToCurl } from '../../main/core/transport/curl';
import { startServer, testCa, type SeenRequest, type TestServer } from '../support/http-servers';
import { describeWithSystem, missingCommand } from '../support/system';

const run = promisify(execFile);

/** Headers the server saw minus pseudo-headers (curl orders those its own way). */
const regular = (seen: SeenRequest): Array<[string, string]> =>
  seen.rawHeaders.filter(([name]) => !name.startsWith(':'));
const pseudo = (seen: SeenRequest, name: string): string | undefined =>
  seen.rawHeaders.find(([key]) => key === name)?.[1];

describeWithSystem('copy as curl replays the request', missingCommand('curl', 'curl'), () => {
  let server: TestServer;
  let transport: RecordingTransport;
  let dir: string;
  let caFile: string;

  beforeAll(async () => {
    server = await startServer({ kind: 'h2' });
    transport = createTransport();
    dir = mkdtempSync(join(tmpdir(), 'push-console-curl-'));
    caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, testCa().ca.certPem);
  });

  afterAll(async () => {
    await transport.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function replay(command: string): Promise<SeenRequest> {
    const before = server.seen.length;
    await run('sh', ['-c', `${command} --silent --show-error --output /dev/null`], { timeout: 20_000 });
    expect(server.seen.length).toBe(before + 1);
    return server.seen[before]!;
  }

  it('sends the same method, path, headers and body over HTTP/2', async () => {
    const body = JSON.stringify({ aps: { alert: { title: "It's here", body: 'Ünïcödé, $HOME and `ticks`' } } });
    const response = await transport.request({
      url: `${server.url}/3/device/abc123?debug=1`,
      method: 'POST',
      http2: true,
      headers: [
        ['apns-topic', 'com.example.app'],
        ['apns-push-type', 'alert'],
        ['apns-priority', '10'],
        ['x-quote', `it's "quoted"`],
        ['content-type', 'application/json'],
      ],
      body,
      tls: { ca: testCa().ca.certPem },
    });
    const original = server.seen.at(-1)!;
    const command = exchangeToCurl(response.exchange!, { caFile });
    expect(command).toContain('--http2');
    expect(command).toContain('--cacert');
    const replayed = await replay(command);
    expect(replayed.httpVersion).toBe('2.0');
    expect(replayed.method).toBe('POST');
    expect(replayed.path).toBe('/3/device/abc123?debug=1');
    expect(pseudo(replayed, ':authority')).toBe(pseudo(original, ':authority'));
    expect(regular(replayed)).toEqual(regular(original));
    expect(replayed.body.toString('utf8')).toBe(body);
  });

  it('replays binary bodies byte for byte and non-POST methods', async () => {
    const bytes = Buffer.from([0, 1, 2, 0x25, 0x27, 0x5c, 0x40, 10, 13, 255, 128, 0x7f]);
    const response = await transport.request({
      url: `${server.url}/upload`,
      method: 'PUT',
      http2: true,
      headers: [['content-type', 'application/octet-stream']],
      body: bytes,
      tls: { ca: testCa().ca.certPem },
    });
    const original = server.seen.at(-1)!;
    const replayed = await replay(exchangeToCurl(response.exchange!, { caFile }));
    expect(replayed.method).toBe('PUT');
    expect(replayed.body).toEqual(bytes);
    expect(regular(replayed)).toEqual(regular(original));
  });

  it('sends the real secrets only with includeSecrets and the in-memory request', async () => {
    const token = 'eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJUIn0.real-signature';
    const response = await transport.request({
      url: `${server.url}/3/device/def`,
      method: 'POST',
      http2: true,
      headers: [['authorization', `bearer ${token}`]],
      body: '{"aps":{}}',
      tls: { ca: testCa().ca.certPem },
    });
    const redacted = await replay(exchangeToCurl(response.exchange!, { caFile }));
    const marker = '[redacted]';
    expect(redacted.rawHeaders).toContainEqual([
      'authorization',
      `bearer eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJUIn0.${marker}`,
    ]);
    const raw = transport.rawRequest(response.exchangeId)!;
    const real = await replay(exchangeToCurl(response.exchange!, { caFile, includeSecrets: true, raw }));
    expect(real.rawHeaders).toContainEqual(['authorization', `bearer ${token}`]);
  });

  it('uses --http2-prior-knowledge for h2c and plain GETs without a body', async () => {
    const h2c = await startServer({ kind: 'h2c' });
    try {
      const response = await transport.request({
        url: `${h2c.url}/status`,
        method: 'GET',
        http2: true,
        headers: [['accept', 'application/json']],
      });
      const command = exchangeToCurl(response.exchange!);
      expect(command).toContain('--http2-prior-knowledge');
      await run('sh', ['-c', `${command} --silent --output /dev/null`], { timeout: 20_000 });
      const replayed = h2c.seen.at(-1)!;
      expect(replayed.method).toBe('GET');
      expect(regular(replayed)).toEqual([['accept', 'application/json']]);
    } finally {
      await h2c.close();
    }
  });
});
