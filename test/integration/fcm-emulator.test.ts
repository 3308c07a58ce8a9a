import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LocalCa } from '../../main/emulators/common/ca';
import { startEmulators } from '../../main/emulators/run';
import { createTransport } from '../../main/core/transport';
import { readLocalEnvironment } from '../../main/core/local/local-env';
import { FCM_CHECK_DEFAULTS, startFcmEmulator, type RunningFcmEmulator } from '../../main/emulators/fcm';
import { FcmEmulatorClient } from '../support/fcm-emulator-client';

let ca: LocalCa;
let emulator: RunningFcmEmulator;
let account: Record<string, string>;
let client: FcmEmulatorClient;

const call = (...args: Parameters<FcmEmulatorClient['call']>) => client.call(...args);
const tokenFor = (...args: Parameters<FcmEmulatorClient['token']>) =>
  client.token(...args) as Promise<{ status: number; json: Record<string, unknown> }>;
const bearer = (sa = account) => client.bearer(sa);
const send = async (
  message: unknown,
  extra: Record<string, unknown> = {},
  http2 = true,
  project = 'demo-project',
  auth?: string,
) => client.send(project, auth ?? (await bearer()), message, extra, http2);

beforeAll(async () => {
  ca = LocalCa.create();
  emulator = await startFcmEmulator({ ca });
  client = new FcmEmulatorClient(emulator, ca.certPem);
  account = await emulator.createServiceAccount('demo-project');
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  emulator.inbox.clear();
  emulator.faults.clear();
});

describe('FCM emulator token endpoint', () => {
  it('issues expiring bearer tokens for a valid assertion', async () => {
    const answer = await tokenFor(account);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ expires_in: 3599, token_type: 'Bearer' });
    expect(String(answer.json['access_token'])).toMatch(/^ya29\./);
  });

  it('refuses a bad signature, an unknown account, a wrong audience, a bad window and a wrong scope', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect((await tokenFor(account, {}, other)).json).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid JWT Signature.',
    });
    expect((await tokenFor(account, { iss: 'nobody@x.iam.gserviceaccount.com' })).json['error_description']).toBe(
      'Invalid grant: account not found',
    );
    expect((await tokenFor(account, { aud: 'https://example.com/token' })).json['error']).toBe('invalid_grant');
    const now = Math.floor(Date.now() / 1000);
    const window = await tokenFor(account, { iat: now - 7200, exp: now - 3600 });
    expect(window.status).toBe(400);
    expect(window.json['error_description']).toContain('Check your iat and exp values');
    expect((await tokenFor(account, { iat: now, exp: now + 7200 })).json['error']).toBe('invalid_grant');
    expect((await tokenFor(account, { iat: now + 3600, exp: now + 3700 })).json['error']).toBe('invalid_grant');
    expect((await tokenFor(account, { scope: 'https://www.googleapis.com/auth/userinfo.email' })).json).toEqual({
      error: 'invalid_scope',
      error_description: 'Invalid OAuth scope or ID token audience provided.',
    });
    const grant = await call('/token', {
      body: 'grant_type=password',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(grant.json['error']).toBe('unsupported_grant_type');
  });

  it('accepts the Google audience unless that [?] check is switched off', async () => {
    const google = await tokenFor(account, { aud: 'https://oauth2.googleapis.com/token' });
    expect(google.status).toBe(200);
    const strict = await startFcmEmulator({ ca, checks: { acceptGoogleAudience: false } });
    try {
      const sa = await strict.createServiceAccount('strict');
      const strictClient = new FcmEmulatorClient(strict, ca.certPem);
      expect((await strictClient.token(sa, { aud: 'https://oauth2.googleapis.com/token' })).status).toBe(400);
      expect((await strictClient.token(sa)).status).toBe(200);
    } finally {
      await strict.close();
    }
  });
});

describe('FCM emulator messages:send', () => {
  it('delivers to a registered token over HTTP/2 and HTTP/1.1', async () => {
    const device = await emulator.registerDevice({ projectId: 'demo-project' });
    for (const useHttp2 of [true, false]) {
      const answer = await send({ token: device.token, notification: { title: 'Hi' } }, {}, useHttp2);
      expect(answer.status).toBe(200);
      expect(answer.httpVersion).toBe(useHttp2 ? '2' : '1.1');
      expect(answer.json.name).toMatch(/^projects\/demo-project\/messages\/0:/);
    }
    const inbox = emulator.inbox.list(device.token);
    expect(inbox).toHaveLength(2);
    expect(JSON.parse(inbox[0]!.payload)).toEqual({ notification: { title: 'Hi' } });
  });

  it('answers 401 UNAUTHENTICATED for missing, unknown and expired tokens', async () => {
    const device = await emulator.registerDevice({ projectId: 'demo-project' });
    const messages = {
      '': 'Request is missing required authentication credential',
      'Bearer ya29.not-issued': 'Request had invalid authentication credentials',
    };
    for (const [auth, message] of Object.entries(messages)) {
      const answer = await send({ token: device.token }, {}, true, 'demo-project', auth);
      expect(answer.status).toBe(401);
      expect(answer.json.error).toMatchObject({ code: 401, status: 'UNAUTHENTICATED' });
      expect(answer.json.error.message).toContain(message);
    }
    emulator.setTokenLifetime(1);
    const shortLived = await bearer();
    emulator.setTokenLifetime(3599);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await send({ token: device.token }, {}, true, 'demo-project', shortLived)).status).toBe(401);
  });

  it('answers 403 PERMISSION_DENIED for another project and SENDER_ID_MISMATCH for its tokens', async () => {
    const otherAccount = await emulator.createServiceAccount('other-project');
    const foreign = await emulator.registerDevice({ projectId: 'other-project' });
    const denied = await send({ token: foreign.token }, {}, true, 'other-project');
    expect(denied.status).toBe(403);
    expect(denied.json.error.status).toBe('PERMISSION_DENIED');
    const mismatch = await send({ token: foreign.token });
    expect(mismatch.status).toBe(403);
    expect(mismatch.json.error.details).toEqual([
      { '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode: 'SENDER_ID_MISMATCH' },
    ]);
    const own = await send({ token: foreign.token }, {}, true, 'other-project', await bearer(otherAccount));
    expect(own.status).toBe(200);
  });

  it('accepts the numeric project number and says when the FCM API is disabled', async () => {
    const sa = await emulator.createServiceAccount('numbered');
    await emulator.registerServiceAccount({ ...sa, projectNumber: '123456789012' });
    const device = await emulator.registerDevice({ projectId: 'numbered' });
    const auth = await bearer(sa);
    expect((await send({ token: device.token }, {}, true, '123456789012', auth)).status).toBe(200);
    await emulator.registerServiceAccount({ ...sa, projectNumber: '123456789012', messagingApiEnabled: false });
    const disabled = await send({ token: device.token }, {}, true, 'numbered', auth);
    expect(disabled.status).toBe(403);
    expect(disabled.json.error.status).toBe('PERMISSION_DENIED');
    expect(disabled.json.error.message).toContain('has not been used in project 123456789012 before or it is disabled');
  });

  it('answers 404 UNREGISTERED for unknown and unregistered tokens, 400 for malformed ones', async () => {
    const gone = await emulator.registerDevice({ projectId: 'demo-project', state: 'unregistered' });
    for (const token of [gone.token, `${gone.token.slice(0, -4)}zzzz`]) {
      const answer = await send({ token, data: { a: 'b' } });
      expect(answer.status).toBe(404);
      expect(answer.json).toEqual({
        error: {
          code: 404,
          message: 'Requested entity was not found.',
          status: 'NOT_FOUND',
          details: [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode: 'UNREGISTERED' }],
        },
      });
    }
    const malformed = await send({ token: 'not a token' });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.message).toBe('The registration token is not a valid FCM registration token');
    expect(malformed.json.error.details[0].errorCode).toBe('INVALID_ARGUMENT');
  });

  it('enforces string data, known fields, one target and the size limits', async () => {
    const device = await emulator.registerDevice({ projectId: 'demo-project', topics: ['big'] });
    const data = await send({ token: device.token, data: { count: 12 } });
    expect(data.status).toBe(400);
    expect(data.json.error.details[0]).toEqual({
      '@type': 'type.googleapis.com/google.rpc.BadRequest',
      fieldViolations: [
        { field: 'message.data[0].value', description: "Invalid value at 'message.data[0].value' (TYPE_STRING), 12" },
      ],
    });
    const unknown = await send({ token: device.token, priority: 'high' });
    expect(unknown.json.error.message).toContain('Unknown name "priority"');
    expect((await send({ data: { a: 'b' } })).json.error.message).toBe('Recipient of the message is not set.');
    const two = await send({ token: device.token, topic: 'big' });
    expect(two.json.error.message).toContain("oneof field 'target' is already set");
    const big = 'x'.repeat(3000);
    expect((await send({ token: device.token, data: { big } })).status).toBe(200);
    const topic = await send({ topic: 'big', data: { big } });
    expect(topic.status).toBe(400);
    expect(topic.json.error.message).toBe('Message is too big: 3019 bytes; the limit is 2048.');
    expect((await send({ token: device.token, data: { big: big + big } })).status).toBe(400);
    expect((await send({ token: device.token, android: { ttl: '10' } })).status).toBe(400);
    expect((await send({ token: device.token, data: { from: 'x' } })).json.error.message).toBe(
      'Invalid data payload key: from',
    );
    expect((await send({ topic: '/topics/big' })).status).toBe(400);
  });

  it('fans topic and condition messages out to subscribed devices and records per topic', async () => {
    const a = await emulator.registerDevice({ projectId: 'demo-project', topics: ['news', 'sports'] });
    const b = await emulator.registerDevice({ projectId: 'demo-project', topics: ['news'] });
    await emulator.registerDevice({ projectId: 'demo-project', topics: ['weather'] });
    const topic = await send({ topic: 'news', notification: { title: 'N' } });
    expect(topic.status).toBe(200);
    expect(emulator.inbox.list('/topics/news')).toHaveLength(1);
    expect(emulator.inbox.list(a.token)).toHaveLength(1);
    expect(emulator.inbox.list(b.token)).toHaveLength(1);
    emulator.inbox.clear();
    const condition = await send({ condition: "'news' in topics && !('sports' in topics)", data: { k: 'v' } });
    expect(condition.status).toBe(200);
    expect(emulator.inbox.list(a.token)).toHaveLength(0);
    expect(emulator.inbox.list(b.token)).toHaveLength(1);
    expect(emulator.inbox.list(b.token)[0]!.details).toMatchObject({
      condition: "'news' in topics && !('sports' in topics)",
    });
    const bad = await send({ condition: "'news' in topics &&" });
    expect(bad.status).toBe(400);
  });

  it('validate_only checks everything, answers fake_message_id and delivers nothing', async () => {
    const device = await emulator.registerDevice({ projectId: 'demo-project' });
    const dry = await send({ token: device.token, notification: { title: 'x' } }, { validate_only: true });
    expect(dry.json).toEqual({ name: 'projects/demo-project/messages/fake_message_id' });
    expect(emulator.inbox.size).toBe(0);
    const dryBad = await send({ token: `${device.token.slice(0, -4)}zzzz` }, { validate_only: true });
    expect(dryBad.status).toBe(404);
  });

  it('accepts the fid target and reserved data keys only as their [?] switches allow', async () => {
    const device = await emulator.registerDevice({ projectId: 'demo-project' });
    expect((await send({ fid: device.token, data: { a: 'b' } })).status).toBe(200);
    const loose = await startFcmEmulator({ ca, checks: { acceptFid: false, reservedDataKeys: false } });
    try {
      const sa = await loose.createServiceAccount('loose');
      const looseDevice = await loose.registerDevice({ projectId: 'loose' });
      const looseClient = new FcmEmulatorClient(loose, ca.certPem);
      const auth = await looseClient.bearer(sa);
      const post = (message: unknown) => looseClient.send('loose', auth, message);
      expect((await post({ fid: looseDevice.token })).status).toBe(400);
      expect((await post({ token: looseDevice.token, data: { from: 'x' } })).status).toBe(200);
    } finally {
      await loose.close();
    }
  });

  it('starts with its own checks switched as asked, ignoring names another emulator has', async () => {
    // `emulators start` passes one checks object to every emulator: APNs' registeredDevices is not FCM's.
    const started = await startFcmEmulator({ ca, checks: { liveActivityTokens: false, registeredDevices: false } });
    try {
      const answer = await new FcmEmulatorClient(started, ca.certPem).call('/__admin/checks', { method: 'GET' });
      expect(answer.json).toEqual({ ...FCM_CHECK_DEFAULTS, liveActivityTokens: false });
    } finally {
      await started.close();
    }
  });

  it('answers THIRD_PARTY_AUTH_ERROR for iOS devices when the project has no APNs key', async () => {
    const sa = await emulator.createServiceAccount('no-apns');
    await emulator.registerServiceAccount({ ...sa, apnsConfigured: false });
    const ios = await emulator.registerDevice({ projectId: 'no-apns', platform: 'ios' });
    const answer = await send(
      { token: ios.token, notification: { title: 'x' } },
      {},
      true,
      'no-apns',
      await bearer(sa),
    );
    expect(answer.status).toBe(401);
    expect(answer.json.error.status).toBe('UNAUTHENTICATED');
    expect(answer.json.error.details[0].errorCode).toBe('THIRD_PARTY_AUTH_ERROR');
    expect(answer.json.error.details[1]).toMatchObject({ reason: 'InvalidProviderToken' });
  });

  it('answers 429 QUOTA_EXCEEDED with Retry-After past the project quota', async () => {
    const sa = await emulator.createServiceAccount('quota-project');
    await emulator.registerServiceAccount({ ...sa, messagesPerMinute: 2 });
    const device = await emulator.registerDevice({ projectId: 'quota-project' });
    const auth = await bearer(sa);
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof send>> | null = null;
    for (let i = 0; i < 3; i++) {
      last = await send({ token: device.token }, {}, true, 'quota-project', auth);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(last!.json.error.status).toBe('RESOURCE_EXHAUSTED');
    expect(last!.json.error.details[0].errorCode).toBe('QUOTA_EXCEEDED');
    expect(Number(last!.headers.find(([k]) => k === 'retry-after')?.[1])).toBeGreaterThan(0);
  });
});

describe('FCM emulator faults, admin routes and state', () => {
  it('renders status faults in FCM error format, with Retry-After', async () => {
    const device = await emulator.registerDevice({ projectId: 'demo-project' });
    emulator.faults.add({
      match: { device: device.token },
      action: { kind: 'status', status: 503, retryAfterSeconds: 9 },
      times: 1,
    });
    const faulted = await send({ token: device.token });
    expect(faulted.status).toBe(503);
    expect(faulted.json.error).toMatchObject({ status: 'UNAVAILABLE', details: [{ errorCode: 'UNAVAILABLE' }] });
    expect(faulted.headers).toContainEqual(['retry-after', '9']);
    expect((await send({ token: device.token })).status).toBe(200);
  });

  it('delays answers for a delay fault', async () => {
    const device = await emulator.registerDevice({ projectId: 'demo-project' });
    const auth = await bearer();
    emulator.faults.add({ match: { device: device.token }, action: { kind: 'delay', ms: 400 }, times: 1 });
    const started = Date.now();
    expect((await send({ token: device.token }, {}, true, 'demo-project', auth)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
  });

  it('resets the stream for a reset fault', async () => {
    const device = await emulator.registerDevice({ projectId: 'demo-project' });
    emulator.faults.add({ match: { device: device.token }, action: { kind: 'reset' }, times: 1 });
    await expect(send({ token: device.token })).rejects.toThrow(/No answer/);
  });

  it('registers accounts and devices over HTTP admin routes and lists the inbox', async () => {
    const key = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const sa = {
      type: 'service_account',
      project_id: 'admin-project',
      client_email: 'a@admin-project.iam.gserviceaccount.com',
      private_key: key,
      token_uri: emulator.tokenUri,
    };
    const registered = await call('/__admin/credentials', { body: sa });
    expect(registered.status).toBe(201);
    expect(registered.json).toMatchObject({ clientEmail: sa.client_email, projectId: 'admin-project' });
    expect(JSON.stringify(registered.json)).not.toContain('PRIVATE KEY');
    const device = await call('/__admin/devices', { body: { projectId: 'admin-project', topics: ['t'] } });
    expect(device.status).toBe(201);
    const auth = await bearer(sa);
    expect((await send({ token: device.json.token }, {}, false, 'admin-project', auth)).status).toBe(200);
    const inbox = await call(`/__admin/inbox?device=${encodeURIComponent(device.json.token)}`, { method: 'GET' });
    expect(inbox.json).toHaveLength(1);
    const bad = await call('/__admin/devices', { body: { platform: 'android' } });
    expect(bad.status).toBe(400);
  });

  it('changes token lifetime and clock skew, and revokes tokens, over HTTP admin routes', async () => {
    const settings = await call('/__admin/settings', { body: { tokenLifetimeSeconds: 120, clockSkewSeconds: 0 } });
    expect(settings.json).toEqual({ tokenLifetimeSeconds: 120, clockSkewSeconds: 0 });
    expect((await tokenFor(account)).json['expires_in']).toBe(120);
    await call('/__admin/settings', { body: { tokenLifetimeSeconds: 3599 } });
    const device = await emulator.registerDevice({ projectId: 'demo-project' });
    const auth = await bearer();
    const revoked = await call('/__admin/tokens/revoke', { body: {} });
    expect(revoked.json.revoked).toBeGreaterThan(0);
    expect((await send({ token: device.token }, {}, true, 'demo-project', auth)).status).toBe(401);
  });

  it('is started by startEmulators and published in the local environment', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'fcm-env-'));
    try {
      const set = await startEmulators({ dataDir, only: ['fcm'] });
      try {
        const published = await readLocalEnvironment(dataDir);
        expect(published?.fcm).toEqual({
          baseUrl: set.emulators.fcm!.baseUrl,
          tokenUri: `${set.emulators.fcm!.baseUrl}/token`,
        });
        expect(published?.admin['fcm']).toBe(set.emulators.fcm!.baseUrl);
      } finally {
        await set.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('closes promptly while clients keep HTTP/1.1 and HTTP/2 connections open', async () => {
    const extra = await startFcmEmulator({ ca });
    const transport = createTransport();
    try {
      await transport.request({ url: extra.tokenUri, method: 'POST', body: 'x', tls: { ca: ca.certPem } });
      await transport.request({
        url: `${extra.baseUrl}/v1/projects/p/messages:send`,
        method: 'POST',
        body: '{}',
        http2: true,
        tls: { ca: ca.certPem },
      });
      const started = Date.now();
      await extra.close();
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      await transport.close();
    }
  });

  it('keeps accounts and devices in the state folder across restarts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fcm-state-'));
    try {
      const first = await startFcmEmulator({ ca, stateDir: dir });
      const sa = await first.createServiceAccount('kept');
      const device = await first.registerDevice({ projectId: 'kept' });
      await first.close();
      const second = await startFcmEmulator({ ca, stateDir: dir });
      try {
        // The account's key and the device were loaded from the state folder.
        const secondClient = new FcmEmulatorClient(second, ca.certPem);
        const token = await secondClient.token(sa);
        expect(token.status).toBe(200);
        const sent = await secondClient.send('kept', `Bearer ${String(token.json.access_token)}`, {
          token: device.token,
        });
        expect(sent.status).toBe(200);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
