import { createPrivateKey, sign } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signApnsJwt } from '../../main/core/providers/apns/jwt';
import { LocalCa } from '../../main/emulators/common/ca';
import { startApnsEmulator, type RunningApnsEmulator } from '../../main/emulators/apns';
import { adminJson, RawApnsClient } from '../support/apns-harness';

const BUNDLE = 'com.example.app';
let ca: LocalCa;
let emulator: RunningApnsEmulator;
let key: { keyId: string; teamId: string; keyPem: string };
let device: string;
let clients: RawApnsClient[] = [];
let nowMs = Date.now();

const jwt = (k = key, iat = Math.floor(nowMs / 1000)) => `bearer ${signApnsJwt(k.keyPem, k.keyId, k.teamId, iat)}`;
const client = (url = emulator.baseUrl, identity?: { cert: string; key: string }) => {
  const c = new RawApnsClient(url, ca.certPem, identity);
  clients.push(c);
  return c;
};
// One signed token per test: ECDSA signatures differ every time, and a connection that sees a
// new token within 20 minutes is refused, as APNs does.
let currentJwt = '';
const headers = (extra: Record<string, string | string[]> = {}) => ({
  authorization: currentJwt,
  'apns-topic': BUNDLE,
  'apns-push-type': 'alert',
  ...extra,
});

beforeAll(async () => {
  ca = LocalCa.create();
  emulator = await startApnsEmulator({ ca, now: () => nowMs });
  key = emulator.createKey({ teamId: 'TEAM000001' });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  nowMs = Date.now();
  currentJwt = jwt();
  emulator.faults.clear();
  emulator.inbox.clear();
  device = emulator.createDevice({ bundleId: BUNDLE }).token;
});
afterEach(() => {
  for (const c of clients) c.close();
  clients = [];
});

describe('APNs emulator: acceptance', () => {
  it('accepts a valid push with apns-id echoed and apns-unique-id on sandbox, and records it', async () => {
    const id = '123e4567-e89b-12d3-a456-4266554400a0';
    const answer = await client().push(
      device,
      headers({ 'apns-id': id, 'apns-collapse-id': 'c1', 'apns-priority': '10' }),
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('');
    expect(answer.headers['apns-id']).toBe(id);
    expect(answer.headers['apns-unique-id']).toMatch(/^[0-9a-f-]{36}$/);
    const [delivery] = emulator.inbox.list(device);
    expect(delivery).toMatchObject({
      provider: 'apns',
      device,
      payload: '{"aps":{"alert":"hi"}}',
      headers: { 'apns-push-type': 'alert', 'apns-topic': BUNDLE, 'apns-collapse-id': 'c1', 'apns-priority': '10' },
    });
  });

  it('serves production on its own port: no apns-unique-id, sandbox tokens are BadDeviceToken there', async () => {
    const prodDevice = emulator.createDevice({ bundleId: BUNDLE, environment: 'production' }).token;
    const prod = client(emulator.productionUrl);
    const ok = await prod.push(prodDevice, headers());
    expect(ok.status).toBe(200);
    expect(ok.headers['apns-unique-id']).toBeUndefined();
    expect((await prod.push(device, headers())).reason).toBe('BadDeviceToken');
    expect((await client().push(prodDevice, headers())).reason).toBe('BadDeviceToken');
  });

  it('allows 5,120 bytes for VoIP and 4,096 otherwise', async () => {
    const c = client();
    const body = (size: number) => {
      const base = '{"aps":{},"p":""}';
      return `{"aps":{},"p":"${'x'.repeat(size - base.length)}"}`;
    };
    expect((await c.push(device, headers(), body(4096))).status).toBe(200);
    const big = await c.push(device, headers(), body(4097));
    expect([big.status, big.reason]).toEqual([413, 'PayloadTooLarge']);
    const voip = headers({ 'apns-push-type': 'voip', 'apns-topic': `${BUNDLE}.voip` });
    expect((await c.push(device, voip, body(5120))).status).toBe(200);
    expect((await c.push(device, voip, body(5121))).reason).toBe('PayloadTooLarge');
  });
});

describe('APNs emulator: every request rule', () => {
  const cases: Array<[string, number, string, () => Parameters<RawApnsClient['push']>]> = [
    ['GET', 405, 'MethodNotAllowed', () => [device, headers(), '', 'GET']],
    ['no token', 400, 'MissingDeviceToken', () => ['', headers()]],
    ['bad path', 404, 'BadPath', () => [device, headers(), undefined as never, 'POST', `/3/device/${device}/x`]],
    ['other path', 404, 'BadPath', () => [device, headers(), undefined as never, 'POST', '/2/device/abc']],
    ['duplicate topic', 400, 'DuplicateHeaders', () => [device, headers({ 'apns-topic': [BUNDLE, BUNDLE] })]],
    ['bad apns-id', 400, 'BadMessageId', () => [device, headers({ 'apns-id': 'ABC' })]],
    ['bad push type', 400, 'InvalidPushType', () => [device, headers({ 'apns-push-type': 'loud' })]],
    ['bad priority', 400, 'BadPriority', () => [device, headers({ 'apns-priority': '7' })]],
    [
      'background at 10',
      400,
      'BadPriority',
      () => [device, headers({ 'apns-push-type': 'background', 'apns-priority': '10' })],
    ],
    ['bad expiration', 400, 'BadExpirationDate', () => [device, headers({ 'apns-expiration': 'tomorrow' })]],
    ['long collapse id', 400, 'BadCollapseId', () => [device, headers({ 'apns-collapse-id': 'c'.repeat(65) })]],
    ['token auth without topic', 400, 'MissingTopic', () => [device, { authorization: jwt() }]],
    [
      'suffix mismatch',
      400,
      'BadTopic',
      () => [device, headers({ 'apns-push-type': 'voip', 'apns-topic': `${BUNDLE}.complication` })],
    ],
    ['bad topic characters', 400, 'BadTopic', () => [device, headers({ 'apns-topic': 'com example' })]],
    ['empty body', 400, 'PayloadEmpty', () => [device, headers(), '']],
    ['non-hex token', 400, 'BadDeviceToken', () => ['zz' + device.slice(2), headers()]],
    ['unknown token', 400, 'BadDeviceToken', () => ['ab'.repeat(32), headers()]],
    ['other app', 400, 'DeviceTokenNotForTopic', () => [device, headers({ 'apns-topic': 'com.other.app' })]],
    ['no authorization', 403, 'MissingProviderToken', () => [device, headers({ authorization: '' })]],
    ['garbage token', 403, 'InvalidProviderToken', () => [device, headers({ authorization: 'bearer abc.def.ghi' })]],
  ];
  it.each(cases)('%s → %i %s', async (_name, status, reason, args) => {
    const answer = await client().push(...args());
    expect([answer.status, answer.reason]).toEqual([status, reason]);
    expect(answer.headers['apns-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(emulator.inbox.size).toBe(0);
  });

  it('410 Unregistered carries the timestamp the device was unregistered at', async () => {
    emulator.unregisterDevice(device, 1_700_000_000_000);
    const answer = await client().push(device, headers());
    expect(answer.status).toBe(410);
    expect(JSON.parse(answer.body)).toEqual({ reason: 'Unregistered', timestamp: 1_700_000_000_000 });
  });

  it('topic-specific keys only cover their topics', async () => {
    const scoped = emulator.createKey({ teamId: 'TEAM000002', topics: ['com.only.this'] });
    const answer = await client().push(device, headers({ authorization: jwt(scoped) }));
    expect(answer.reason).toBe('TopicDisallowed');
  });

  it('turning off registeredDevices delivers to any hex token', async () => {
    emulator.setCheck('registeredDevices', false);
    try {
      expect((await client().push('cd'.repeat(32), headers())).status).toBe(200);
    } finally {
      emulator.setCheck('registeredDevices', true);
    }
  });
});

describe('APNs emulator: provider tokens', () => {
  it('refuses DER signatures, unknown kid, wrong iss and bad signatures', async () => {
    const c = client();
    const input = `${Buffer.from('{"alg":"ES256","kid":"' + key.keyId + '"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({ iss: key.teamId, iat: Math.floor(nowMs / 1000) }),
    ).toString('base64url')}`;
    const der = sign('sha256', Buffer.from(input), createPrivateKey(key.keyPem)).toString('base64url');
    expect((await c.push(device, headers({ authorization: `bearer ${input}.${der}` }))).reason).toBe(
      'InvalidProviderToken',
    );
    const other = emulator.createKey({ teamId: 'TEAM000003' });
    const wrongKid = { ...other, keyId: 'NOSUCHKEY1' };
    expect((await client().push(device, headers({ authorization: jwt(wrongKid) }))).reason).toBe(
      'InvalidProviderToken',
    );
    const wrongIss = { ...key, teamId: 'TEAM999999' };
    expect((await client().push(device, headers({ authorization: jwt(wrongIss) }))).reason).toBe(
      'InvalidProviderToken',
    );
    const forged = { ...key, keyPem: other.keyPem };
    expect((await client().push(device, headers({ authorization: jwt(forged) }))).reason).toBe('InvalidProviderToken');
  });

  it('answers ExpiredProviderToken after an hour and, with futureIssuedAt, refuses iat in the future', async () => {
    const old = jwt(key, Math.floor(nowMs / 1000) - 3601);
    expect((await client().push(device, headers({ authorization: old }))).reason).toBe('ExpiredProviderToken');
    emulator.setCheck('futureIssuedAt', true);
    try {
      const future = jwt(key, Math.floor(nowMs / 1000) + 600);
      expect((await client().push(device, headers({ authorization: future }))).reason).toBe('InvalidProviderToken');
    } finally {
      emulator.setCheck('futureIssuedAt', false);
    }
  });

  it('a token verified once expires later on the same connection (age checked per request)', async () => {
    const c = client();
    const token = jwt();
    expect((await c.push(device, headers({ authorization: token }))).status).toBe(200);
    nowMs += 61 * 60_000;
    expect((await c.push(device, headers({ authorization: token }))).reason).toBe('ExpiredProviderToken');
  });

  it('429 TooManyProviderTokenUpdates when the token changes within 20 minutes on one connection', async () => {
    const c = client();
    expect((await c.push(device, headers({ authorization: jwt(key, Math.floor(nowMs / 1000)) }))).status).toBe(200);
    const changed = jwt(key, Math.floor(nowMs / 1000) - 5);
    const answer = await c.push(device, headers({ authorization: changed }));
    expect([answer.status, answer.reason]).toEqual([429, 'TooManyProviderTokenUpdates']);
    // A new connection may use it at once; the old one after 20 minutes.
    expect((await client().push(device, headers({ authorization: changed }))).status).toBe(200);
    nowMs += 20 * 60_000;
    expect((await c.push(device, headers({ authorization: jwt() }))).status).toBe(200);
    expect((await c.push(device, headers({ authorization: jwt() }))).reason).toBe('TooManyProviderTokenUpdates');
  });

  it('keys of another team on the same connection are UnrelatedKeyIdInToken', async () => {
    const c = client();
    expect((await c.push(device, headers())).status).toBe(200);
    nowMs += 21 * 60_000;
    const other = emulator.createKey({ teamId: 'TEAM000004' });
    expect((await c.push(device, headers({ authorization: jwt(other) }))).reason).toBe('UnrelatedKeyIdInToken');
  });

  it('a production-only key in sandbox is BadEnvironmentKeyInToken, or the documented spelling when switched', async () => {
    const prodKey = emulator.createKey({ teamId: 'TEAM000005', environment: 'production' });
    expect((await client().push(device, headers({ authorization: jwt(prodKey) }))).reason).toBe(
      'BadEnvironmentKeyInToken',
    );
    emulator.setCheck('wireKeyEnvironmentSpelling', false);
    try {
      expect((await client().push(device, headers({ authorization: jwt(prodKey) }))).reason).toBe(
        'BadEnvironmentKeyIdInToken',
      );
    } finally {
      emulator.setCheck('wireKeyEnvironmentSpelling', true);
    }
  });
});

describe('APNs emulator: certificates', () => {
  it('accepts its own Apple-like certificate, defaulting a single-topic request only when unambiguous', async () => {
    const cert = emulator.issueCertificate({ bundleId: BUNDLE });
    expect(cert.topics).toEqual([BUNDLE, `${BUNDLE}.voip`, `${BUNDLE}.complication`]);
    const c = client(emulator.baseUrl, { cert: cert.certPem, key: cert.keyPem });
    expect((await c.push(device, { 'apns-topic': BUNDLE, 'apns-push-type': 'alert' })).status).toBe(200);
    expect((await c.push(device, { 'apns-push-type': 'voip', 'apns-topic': `${BUNDLE}.voip` })).status).toBe(200);
    expect((await c.push(device, { 'apns-push-type': 'alert' })).reason).toBe('MissingTopic');
    expect((await c.push(device, { 'apns-topic': 'com.other.app' })).reason).toBe('TopicDisallowed');
    const location = { 'apns-push-type': 'location', 'apns-topic': `${BUNDLE}.location-query` };
    expect((await c.push(device, location, '{"aps":{}}')).reason).toBe('TopicDisallowed');
    expect(emulator.inbox.list(device).map((d) => d.details?.['auth'])).toEqual(['certificate', 'certificate']);
  });

  it('refuses a sandbox-only certificate on production and a certificate from another CA', async () => {
    const sandboxOnly = emulator.issueCertificate({ bundleId: BUNDLE, environment: 'sandbox' });
    const prodDevice = emulator.createDevice({ bundleId: BUNDLE, environment: 'production' }).token;
    const prod = client(emulator.productionUrl, { cert: sandboxOnly.certPem, key: sandboxOnly.keyPem });
    expect((await prod.push(prodDevice, { 'apns-topic': BUNDLE })).reason).toBe('BadCertificateEnvironment');
    const stranger = LocalCa.create('Someone else').issue({ commonName: 'Apple Push Services: x', usage: 'client' });
    const c = client(emulator.baseUrl, { cert: stranger.certPem, key: stranger.keyPem });
    expect((await c.push(device, { 'apns-topic': BUNDLE })).reason).toBe('BadCertificate');
  });
});

describe('APNs emulator: streams, faults and admin', () => {
  it('allows one stream until the first authenticated push, then 1000', async () => {
    const c = client();
    await new Promise((resolve) => c.session.once('remoteSettings', resolve));
    expect(c.session.remoteSettings.maxConcurrentStreams).toBe(1);
    const raised = new Promise((resolve) => c.session.once('remoteSettings', resolve));
    expect((await c.push(device, headers())).status).toBe(200);
    await raised;
    expect(c.session.remoteSettings.maxConcurrentStreams).toBe(1000);
  });

  it('raises the limit on valid auth even when the push itself is refused', async () => {
    const c = client();
    await new Promise((resolve) => c.session.once('remoteSettings', resolve));
    expect(c.session.remoteSettings.maxConcurrentStreams).toBe(1);
    const raised = new Promise((resolve) => c.session.once('remoteSettings', resolve));
    expect((await c.push('ab'.repeat(32), headers())).reason).toBe('BadDeviceToken');
    await Promise.race([raised, new Promise((resolve) => setTimeout(resolve, 2_000))]);
    expect(c.session.remoteSettings.maxConcurrentStreams).toBe(1000);
  });

  it('a failed auth does not raise the limit', async () => {
    const c = client();
    await new Promise((resolve) => c.session.once('remoteSettings', resolve));
    expect((await c.push(device, headers({ authorization: '' }))).status).toBe(403);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(c.session.remoteSettings.maxConcurrentStreams).toBe(1);
  });

  it('status faults use APNs bodies with Retry-After; 410 faults carry a timestamp', async () => {
    emulator.faults.add({
      action: { kind: 'status', status: 429, reason: 'TooManyRequests', retryAfterSeconds: 7 },
      times: 1,
    });
    const answer = await client().push(device, headers());
    expect([answer.status, answer.reason, answer.headers['retry-after']]).toEqual([429, 'TooManyRequests', '7']);
    emulator.faults.add({ action: { kind: 'status', status: 503 }, times: 1 });
    expect((await client().push(device, headers())).reason).toBe('ServiceUnavailable');
    emulator.faults.add({ match: { device }, action: { kind: 'status', status: 410 }, times: 1 });
    expect(JSON.parse((await client().push(device, headers())).body)).toMatchObject({
      reason: 'Unregistered',
      timestamp: expect.any(Number),
    });
  });

  it('reset closes the stream; GOAWAY carries a JSON reason; delay waits', async () => {
    emulator.faults.add({ action: { kind: 'reset' }, times: 1 });
    await expect(client().push(device, headers())).rejects.toThrow(/RST_STREAM|stream/i);
    emulator.faults.add({ action: { kind: 'goaway', reason: 'Shutdown' }, times: 1 });
    const c = client();
    const goaway = new Promise<Buffer>((resolve) =>
      c.session.once('goaway', (_code, _last, data: Buffer) => resolve(data)),
    );
    await expect(c.push(device, headers())).rejects.toThrow();
    expect(JSON.parse((await goaway).toString())).toEqual({ reason: 'Shutdown' });
    emulator.faults.add({ action: { kind: 'delay', ms: 150 }, times: 1 });
    const started = performance.now();
    expect((await client().push(device, headers())).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('admin routes work over HTTP/1.1: devices, keys, certificates, unregister, checks, inbox', async () => {
    const call = (method: string, path: string, body?: unknown) =>
      adminJson(emulator.adminUrl, ca.certPem, method, path, body);
    const created = await call('POST', '/__admin/devices', { bundleId: 'com.admin.app' });
    expect(created.status).toBe(201);
    const token = (created.json as { token: string }).token;
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    const newKey = (await call('POST', '/__admin/keys', { teamId: 'TEAMADMIN1' })).json as {
      keyId: string;
      teamId: string;
      keyPem: string;
    };
    expect(newKey.keyPem).toContain('PRIVATE KEY');
    const auth = { authorization: jwt(newKey), 'apns-topic': 'com.admin.app' };
    expect((await client().push(token, auth)).status).toBe(200);
    expect(((await call('GET', '/__admin/inbox?device=' + token)).json as unknown[]).length).toBe(1);
    expect((await call('POST', `/__admin/devices/${token}/unregister`, { timestamp: 42 })).status).toBe(200);
    expect(JSON.parse((await client().push(token, auth)).body)).toEqual({ reason: 'Unregistered', timestamp: 42 });
    const cert = (await call('POST', '/__admin/certificates', { bundleId: 'com.admin.app', environment: 'sandbox' }))
      .json as { certPem: string };
    expect(cert.certPem).toContain('BEGIN CERTIFICATE');
    expect((await call('POST', '/__admin/devices', { bundleId: 'no spaces allowed' })).status).toBe(400);
    expect((await call('PUT', '/__admin/checks', { nope: true })).status).toBe(400);
    expect((await call('PUT', '/__admin/checks', { topicSuffix: true })).json).toMatchObject({ topicSuffix: true });
  });

  it('persists keys and devices in stateDir and loads them at start', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'apns-state-'));
    try {
      const first = await startApnsEmulator({ ca, stateDir: dir });
      const k = first.createKey({ teamId: 'TEAMSTATE1' });
      const d = first.createDevice({ bundleId: BUNDLE }).token;
      await first.close();
      expect(JSON.parse(await readFile(join(dir, 'apns-state.json'), 'utf8')).devices).toHaveLength(1);
      const second = await startApnsEmulator({ ca, stateDir: dir });
      const c = new RawApnsClient(second.baseUrl, ca.certPem);
      clients.push(c);
      expect(
        (
          await c.push(d, {
            authorization: `bearer ${signApnsJwt(k.keyPem, k.keyId, k.teamId, Math.floor(Date.now() / 1000))}`,
            'apns-topic': BUNDLE,
          })
        ).status,
      ).toBe(200);
      c.close();
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
