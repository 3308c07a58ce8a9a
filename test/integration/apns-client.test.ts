import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApnsProvider } from '../../main/core/providers/apns';
import type { ProviderSendContext } from '../../main/core/providers/types';
import { createTransport } from '../../main/core/transport';
import type { Transport } from '../../main/core/transport/types';
import { LocalCa } from '../../main/emulators/common/ca';
import { startApnsEmulator, type RunningApnsEmulator } from '../../main/emulators/apns';
import type { Exchange } from '../../shared/domain/exchange';
import { apnsSendSchema, type ApnsSendRequest } from '../../shared/providers/apns/message';
import type { ResolvedCredential } from '../../main/core/credentials/types';
import type { ApnsTokenSecret } from '../../main/core/credentials/apns-p8';
import { apnsLocalEnv, certificateCredential, tokenCredential } from '../support/apns-harness';

const BUNDLE = 'com.example.client';
let ca: LocalCa;
let emulator: RunningApnsEmulator;
let key: { keyId: string; teamId: string; keyPem: string };
let device: string;
let transport: Transport;
let exchanges: Exchange[];
let clientNow = Date.now();
let emulatorNow = Date.now();

function request(
  options: Record<string, unknown> = {},
  payload: unknown = { aps: { alert: 'Hello' } },
  target = device,
): ApnsSendRequest {
  return apnsSendSchema.parse({
    provider: 'apns',
    credential: 'x',
    environment: 'local',
    target,
    options: { topic: BUNDLE, ...options },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
}

function context(credential: ResolvedCredential): ProviderSendContext {
  return { transport, credential, local: apnsLocalEnv(emulator.baseUrl, ca.certPem) };
}

beforeAll(async () => {
  ca = LocalCa.create();
  emulator = await startApnsEmulator({ ca, now: () => emulatorNow });
  key = emulator.createKey({ teamId: 'TEAMCLIENT' });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  clientNow = Date.now();
  emulatorNow = clientNow;
  exchanges = [];
  transport = createTransport({ onExchange: (exchange) => exchanges.push(exchange) });
  emulator.faults.clear();
  emulator.inbox.clear();
  device = emulator.createDevice({ bundleId: BUNDLE }).token;
});
afterEach(async () => {
  await transport.close();
});

describe('APNs client with token auth against the emulator', () => {
  it('is accepted over HTTP/2 with apns-id and apns-unique-id, and the JWT never reaches the exchange', async () => {
    const provider = createApnsProvider({ now: () => clientNow });
    const credential = tokenCredential(key);
    const result = await provider.send(request({ collapseId: 'c1', priority: 10 }), context(credential));
    expect(result).toMatchObject({ outcome: 'accepted', status: 200, provider: 'apns', retryable: false });
    expect(result.messageIds['apns-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.messageIds['apns-unique-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.exchangeIds).toEqual([exchanges[0]!.id]);
    const jwt = provider.jwts.get(credential.meta.id, credential.secret as ApnsTokenSecret).token;
    const recorded = JSON.stringify(exchanges);
    expect(recorded).not.toContain(jwt);
    expect(recorded).not.toContain(jwt.split('.')[2]);
    expect(emulator.inbox.list(device)[0]!.headers).toMatchObject({ 'apns-topic': BUNDLE, 'apns-collapse-id': 'c1' });
  });

  it('applies topic suffixes for every push type the emulator checks', async () => {
    const provider = createApnsProvider({ now: () => clientNow });
    const ctx = context(tokenCredential(key));
    const cases: Array<[string, unknown, Record<string, unknown>]> = [
      ['voip', { aps: {} }, {}],
      ['background', { aps: { 'content-available': 1 } }, { priority: 5 }],
      ['liveactivity', { aps: { event: 'update', timestamp: 1, 'content-state': {} } }, {}],
      ['location', { aps: {} }, {}],
      ['complication', { aps: {} }, {}],
      ['fileprovider', { aps: {} }, {}],
      ['pushtotalk', { aps: {} }, {}],
      ['widgets', { aps: {} }, {}],
      ['controls', { aps: {} }, {}],
    ];
    for (const [pushType, payload, extra] of cases) {
      const result = await provider.send(request({ pushType, ...extra }, payload), ctx);
      expect([pushType, result.outcome, result.reason]).toEqual([pushType, 'accepted', null]);
    }
    expect(emulator.inbox.list(device).map((d) => d.headers['apns-topic'])).toEqual([
      `${BUNDLE}.voip`,
      BUNDLE,
      `${BUNDLE}.push-type.liveactivity`,
      `${BUNDLE}.location-query`,
      `${BUNDLE}.complication`,
      `${BUNDLE}.pushkit.fileprovider`,
      `${BUNDLE}.voip-ptt`,
      `${BUNDLE}.push-type.widgets`,
      `${BUNDLE}.push-type.controls`,
    ]);
  });

  it('maps the emulator’s rejections to exact reasons, explanations and hints', async () => {
    const provider = createApnsProvider({ now: () => clientNow });
    const ctx = context(tokenCredential(key));
    const other = emulator.createDevice({ bundleId: 'com.other' }).token;
    const gone = emulator.createDevice({ bundleId: BUNDLE }).token;
    emulator.unregisterDevice(gone, 1_700_000_000_000);
    const cases: Array<[ApnsSendRequest, number, string]> = [
      [request({}, { aps: { alert: 'x' } }, 'ab'.repeat(32)), 400, 'BadDeviceToken'],
      [request({}, { aps: { alert: 'x' } }, other), 400, 'DeviceTokenNotForTopic'],
      [request({ priority: 10, pushType: 'background' }, { aps: { 'content-available': 1 } }), 400, 'BadPriority'],
      [request({ collapseId: 'x'.repeat(65) }), 400, 'BadCollapseId'],
      [request({ apnsId: 'NOT-A-UUID' }), 400, 'BadMessageId'],
      [request({ topic: '' }), 400, 'MissingTopic'],
      [request({}, ''), 400, 'PayloadEmpty'],
      [request({}, { aps: { alert: 'x'.repeat(5000) } }), 413, 'PayloadTooLarge'],
    ];
    for (const [req, status, reason] of cases) {
      const result = await provider.send(req, ctx);
      expect([result.outcome, result.status, result.reason]).toEqual(['rejected', status, reason]);
      expect(result.explanation).toBeTruthy();
      expect(result.hint).toBeTruthy();
    }
    const bad = await provider.send(request({}, { aps: { alert: 'x' } }, 'ab'.repeat(32)), ctx);
    // The local emulator knows only the tokens registered with it (issue 21): it says so, not "the other environment".
    expect(bad.explanation).toBe(
      'This token is not registered with the local emulator: add it on the Emulators screen.',
    );
    const result = await provider.send(request({}, { aps: { alert: 'x' } }, gone), ctx);
    expect(result).toMatchObject({
      status: 410,
      reason: 'Unregistered',
      deviceStateChange: { state: 'gone', at: '2023-11-14T22:13:20.000Z', reason: 'Unregistered' },
    });
  });

  it('reuses one JWT for many sends, concurrent ones included, past the one-stream start', async () => {
    const provider = createApnsProvider({ now: () => clientNow });
    const ctx = context(tokenCredential(key));
    const results = await Promise.all(Array.from({ length: 20 }, () => provider.send(request(), ctx)));
    expect(results.every((r) => r.outcome === 'accepted')).toBe(true);
    expect(provider.jwts.signed).toBe(1);
    expect(emulator.inbox.list(device)).toHaveLength(20);
  });

  it('refreshes at 40 minutes on the same connection without TooManyProviderTokenUpdates', async () => {
    const provider = createApnsProvider({ now: () => clientNow });
    const ctx = context(tokenCredential(key));
    expect((await provider.send(request(), ctx)).outcome).toBe('accepted');
    clientNow += 39 * 60_000;
    emulatorNow = clientNow;
    expect((await provider.send(request(), ctx)).outcome).toBe('accepted');
    expect(provider.jwts.signed).toBe(1);
    clientNow += 61_000;
    emulatorNow = clientNow;
    expect((await provider.send(request(), ctx)).outcome).toBe('accepted');
    expect(provider.jwts.signed).toBe(2);
  });

  it('drops the cached JWT on ExpiredProviderToken so the next send signs a fresh one', async () => {
    const provider = createApnsProvider({ now: () => clientNow });
    const credential = tokenCredential(key);
    // The emulator's clock is ahead: the client's token looks an hour old.
    emulatorNow = clientNow + 61 * 60_000;
    const expired = await provider.send(request(), context(credential));
    expect([expired.status, expired.reason, expired.retryable]).toEqual([403, 'ExpiredProviderToken', true]);
    clientNow = emulatorNow;
    const next = await provider.send(request(), context(credential));
    expect(next.outcome).toBe('accepted');
    expect(provider.jwts.signed).toBe(2);
  });

  it('InvalidProviderToken for an unknown key id, explained', async () => {
    const provider = createApnsProvider({ now: () => clientNow });
    const result = await provider.send(request(), context(tokenCredential({ ...key, keyId: 'UNKNOWN001' })));
    expect(result).toMatchObject({ status: 403, reason: 'InvalidProviderToken' });
    expect(result.hint).toMatch(/Key ID/);
  });

  it('a production-only key gets BadEnvironmentKeyInToken on sandbox', async () => {
    const provider = createApnsProvider({ now: () => clientNow });
    const prodKey = emulator.createKey({ teamId: 'TEAMPROD01', environment: 'production' });
    const result = await provider.send(request(), context(tokenCredential(prodKey)));
    expect(result.reason).toBe('BadEnvironmentKeyInToken');
    expect(result.explanation).toMatch(/environment/);
  });
});

describe('APNs client with certificate auth', () => {
  it('sends with the TLS identity and defaults the topic from the certificate', async () => {
    const provider = createApnsProvider();
    const cert = emulator.issueCertificate({ bundleId: BUNDLE });
    const ctx = context(certificateCredential(cert));
    const result = await provider.send(request({ topic: undefined }), ctx);
    expect(result.outcome).toBe('accepted');
    const voip = await provider.send(request({ topic: undefined, pushType: 'voip' }, { aps: {} }), ctx);
    expect(voip.outcome).toBe('accepted');
    expect(emulator.inbox.list(device).map((d) => [d.headers['apns-topic'], d.details?.['auth']])).toEqual([
      [BUNDLE, 'certificate'],
      [`${BUNDLE}.voip`, 'certificate'],
    ]);
    expect(JSON.stringify(exchanges)).not.toContain(cert.keyPem.split('\n')[1]!);
  });

  it('TopicDisallowed for another app’s topic', async () => {
    const provider = createApnsProvider();
    const ctx = context(certificateCredential(emulator.issueCertificate({ bundleId: BUNDLE })));
    expect((await provider.send(request({ topic: 'com.not.mine' }), ctx)).reason).toBe('TopicDisallowed');
  });
});

describe('APNs client: faults and connections', () => {
  it('429 with Retry-After and 503 are retryable rejections', async () => {
    const provider = createApnsProvider({ now: () => clientNow });
    const ctx = context(tokenCredential(key));
    emulator.faults.add({
      action: { kind: 'status', status: 429, reason: 'TooManyRequests', retryAfterSeconds: 9 },
      times: 1,
    });
    expect(await provider.send(request(), ctx)).toMatchObject({
      reason: 'TooManyRequests',
      retryable: true,
      retryAfterSeconds: 9,
    });
    emulator.faults.add({ action: { kind: 'status', status: 503, reason: 'Shutdown' }, times: 1 });
    expect(await provider.send(request(), ctx)).toMatchObject({ status: 503, reason: 'Shutdown', retryable: true });
  });

  it('GOAWAY mid-flight fails that send with the reason, then the next send reconnects', async () => {
    const provider = createApnsProvider({ now: () => clientNow });
    const ctx = context(tokenCredential(key));
    expect((await provider.send(request(), ctx)).outcome).toBe('accepted');
    emulator.faults.add({ action: { kind: 'goaway', reason: 'Shutdown' }, times: 1 });
    const failed = await provider.send(request(), ctx);
    expect(failed.outcome).toBe('failed');
    expect(failed.status).toBeNull();
    expect([failed.reason, failed.retryable]).toEqual(['Shutdown', true]);
    expect(failed.details).toEqual({ goaway: '{"reason":"Shutdown"}' });
    expect(failed.exchangeIds).toHaveLength(1);
    expect(failed.messageIds['apns-id']).toMatch(/^[0-9a-f-]{36}$/);
    const again = await provider.send(request(), ctx);
    expect(again.outcome).toBe('accepted');
  });

  it('a reset stream is a failed send, not an exception', async () => {
    const provider = createApnsProvider({ now: () => clientNow });
    emulator.faults.add({ action: { kind: 'reset' }, times: 1 });
    const result = await provider.send(request(), context(tokenCredential(key)));
    expect(result.outcome).toBe('failed');
    expect(result.reason).toBeTruthy();
  });

  it('testCredential signs a token or describes the certificate', async () => {
    const provider = createApnsProvider();
    expect(await provider.testCredential(tokenCredential(key), context(tokenCredential(key)))).toMatch(
      /ES256.*TEAMCLIENT/,
    );
    const cert = emulator.issueCertificate({ bundleId: BUNDLE, environment: 'sandbox' });
    expect(await provider.testCredential(certificateCredential(cert), context(tokenCredential(key)))).toMatch(
      /com.example.client \(sandbox\)/,
    );
  });
});
