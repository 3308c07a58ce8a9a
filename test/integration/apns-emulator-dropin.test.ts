import apn from '@parse/node-apn';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http2 from 'node:http2';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signApnsJwt } from '../../main/core/providers/apns/jwt';
import { startApnsEmulator, type RunningApnsEmulator } from '../../main/emulators/apns';
import { LocalCa } from '../../main/emulators/common/ca';
import { adminJson, RawApnsClient } from '../support/apns-harness';

/**
 * The APNs emulator as a drop-in for Apple's hosts (issue 24): what a client that is not this
 * app's gets (curl, node:http2, node-apn), the admin API on its own HTTP/1.1 port, and the
 * reasons only state produces (ExpiredToken, IdleTimeout).
 */
const ROOT = join(import.meta.dirname, '../..');
const BUNDLE = 'com.example.dropin';
let ca: LocalCa;
let emulator: RunningApnsEmulator;
let key: { keyId: string; teamId: string; keyPem: string };
let device: string;
let clients: RawApnsClient[] = [];
let auth = '';
let dir: string;

const client = (url = emulator.baseUrl) => {
  const c = new RawApnsClient(url, ca.certPem);
  clients.push(c);
  return c;
};
const headers = (extra: Record<string, string> = {}) => ({
  authorization: auth,
  'apns-topic': BUNDLE,
  'apns-push-type': 'alert',
  ...extra,
});

const adminRequest = (method: string, path: string, body?: unknown) =>
  adminJson(emulator.adminUrl, ca.certPem, method, path, body);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apns-dropin-'));
  ca = LocalCa.create();
  emulator = await startApnsEmulator({ ca });
  key = emulator.createKey({ teamId: 'TEAMDROPIN' });
});
afterAll(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  auth = `bearer ${signApnsJwt(key.keyPem, key.keyId, key.teamId, Math.floor(Date.now() / 1000))}`;
  emulator.faults.clear();
  device = emulator.createDevice({ bundleId: BUNDLE }).token;
});
afterEach(async () => {
  for (const c of clients) c.close();
  clients = [];
  for (const name of ['lowerCaseApnsId', 'futureIssuedAt'] as const) emulator.setCheck(name, false);
  emulator.setIdleTimeout(null);
});

describe('APNs emulator as a drop-in', () => {
  it('offers only h2 in ALPN: curl --http1.1 fails the TLS handshake, curl --http2 is answered', async () => {
    const url = `${emulator.baseUrl}/3/device/${device}`;
    const caFile = join(dir, 'ca.pem');
    await writeFile(caFile, ca.certPem);
    const common = ['-sS', '--cacert', caFile, '-o', '/dev/null', '-w', '%{http_code}', '-X', 'POST', url];
    const curl = (flag: string) =>
      new Promise<{ code: number; out: string; err: string }>((resolve) => {
        execFile('curl', [flag, ...common], (error, out, err) =>
          resolve({ code: error ? Number((error as { code?: number }).code) : 0, out, err }),
        );
      });
    const h1 = await curl('--http1.1');
    // 35: SSL connect error (the server's no_application_protocol alert); never an HTTP answer.
    expect(h1.code).toBe(35);
    expect(h1.out).toBe('000');
    const h2 = await curl('--http2');
    expect(h2.code).toBe(0);
    expect(h2.out).toBe('403'); // no provider token: MissingProviderToken
  });

  it('serves the admin API on its own HTTP/1.1 port, not on the push hosts', async () => {
    expect(emulator.adminUrl).not.toBe(emulator.baseUrl);
    expect(emulator.adminUrl).not.toBe(emulator.productionUrl);
    expect((await adminRequest('GET', '/__admin/checks')).status).toBe(200);
    const answer = await client().push('', {}, '', 'GET', '/__admin/checks');
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body)).toEqual({ reason: 'BadPath' });
  });

  it('POST /__admin/faults adds the rule, and the next push gets it', async () => {
    const added = await adminRequest('POST', '/__admin/faults', {
      action: { kind: 'status', status: 503, reason: 'ServiceUnavailable' },
      times: 1,
    });
    expect(added.status).toBe(201);
    const answer = await client().push(device, headers());
    expect(answer.status).toBe(503);
    expect(answer.reason).toBe('ServiceUnavailable');
  });

  it('an upper-case apns-id is accepted and echoed by default, BadMessageId with lowerCaseApnsId', async () => {
    const id = '123E4567-E89B-12D3-A456-4266554400A0';
    const accepted = await client().push(device, headers({ 'apns-id': id }));
    expect(accepted.status).toBe(200);
    expect(accepted.headers['apns-id']).toBe(id);
    expect((await adminRequest('PUT', '/__admin/checks', { lowerCaseApnsId: true })).status).toBe(200);
    const refused = await client().push(device, headers({ 'apns-id': id }));
    expect([refused.status, refused.reason]).toEqual([400, 'BadMessageId']);
  });

  it('an iat ten minutes ahead is accepted by default, InvalidProviderToken with futureIssuedAt', async () => {
    const ahead = `bearer ${signApnsJwt(key.keyPem, key.keyId, key.teamId, Math.floor(Date.now() / 1000) + 600)}`;
    expect((await client().push(device, headers({ authorization: ahead }))).status).toBe(200);
    emulator.setCheck('futureIssuedAt', true);
    const refused = await client().push(device, headers({ authorization: ahead }));
    expect([refused.status, refused.reason]).toEqual([403, 'InvalidProviderToken']);
  });

  it('a device expired through the admin API gets 410 ExpiredToken (node-apn sees it)', async () => {
    const expired = await adminRequest('POST', `/__admin/devices/${device}/expire`, { timestamp: 1_700_000_000_000 });
    expect(expired).toEqual({ status: 200, json: { expired: true } });
    expect((await adminRequest('POST', `/__admin/devices/${'0'.repeat(64)}/expire`)).status).toBe(404);
    const provider = new apn.Provider({
      token: { key: key.keyPem, keyId: key.keyId, teamId: key.teamId },
      address: '127.0.0.1',
      port: Number(new URL(emulator.baseUrl).port),
      ca: [ca.certPem],
      production: false,
    });
    try {
      const note = new apn.Notification({ alert: 'hi' });
      note.topic = BUNDLE;
      const result = await provider.send(note, device);
      expect(result.sent).toHaveLength(0);
      expect(result.failed[0]).toMatchObject({
        status: 410,
        response: { reason: 'ExpiredToken', timestamp: 1_700_000_000_000 },
      });
    } finally {
      await provider.shutdown();
    }
  });

  it('closes an idle connection with GOAWAY {"reason":"IdleTimeout"} after the configured time', async () => {
    expect((await adminRequest('PUT', '/__admin/idle-timeout', { ms: 150 })).json).toEqual({ ms: 150 });
    const session = http2.connect(emulator.baseUrl, { ca: ca.certPem });
    try {
      const goaway = new Promise<{ code: number; data: string }>((resolve, reject) => {
        session.once('goaway', (code, _last, data?: Buffer) => resolve({ code, data: data?.toString() ?? '' }));
        setTimeout(() => reject(new Error('no GOAWAY within 5 s')), 5_000).unref();
      });
      const stream = session.request({ ':method': 'POST', ':path': `/3/device/${device}`, ...headers() });
      stream.end('{"aps":{"alert":"hi"}}');
      const status = await new Promise<number>((resolve) => stream.once('response', (h) => resolve(h[':status']!)));
      stream.resume();
      expect(status).toBe(200);
      const started = performance.now();
      const { code, data } = await goaway;
      expect(code).toBe(http2.constants.NGHTTP2_NO_ERROR);
      expect(JSON.parse(data)).toEqual({ reason: 'IdleTimeout' });
      expect(performance.now() - started).toBeGreaterThanOrEqual(100);
    } finally {
      session.destroy();
    }
  });
});

describe('push-console emulators start (child process)', () => {
  it('prints the production host beside the sandbox one and publishes it in local.json', async () => {
    const data = join(dir, 'data');
    const child = spawn(
      'node',
      ['--import', 'tsx', 'main/cli/index.ts', 'emulators', 'start', '--only', 'apns', '--data-dir', data],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      let out = '';
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not started in 30 s: ${out}`)), 30_000);
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('Ctrl+C')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      const published = JSON.parse(await readFile(join(data, 'emulators', 'local.json'), 'utf8')) as {
        apns: string;
        production: { apns: string };
        admin: { apns: string };
      };
      expect(published.apns).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(published.production.apns).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(new Set([published.apns, published.production.apns, published.admin.apns]).size).toBe(3);
      expect(out).toContain(`${published.apns} (sandbox)`);
      expect(out).toContain(`${published.production.apns} (production)`);
    } finally {
      child.kill('SIGINT');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });
});
