import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNhubProvider } from '../../main/core/providers/nhub';
import { LocalCa } from '../../main/emulators/common/ca';
import { startNhubEmulator } from '../../main/emulators/nhub';
import { HUB, KEY, NAMESPACE, nhubCredential as credential, useLocalHub } from '../support/nhub-harness';

describe('Notification Hubs provider ↔ local hub, through the real transport', () => {
  const harness = useLocalHub();
  const { ca, exchanges, provider, request, send } = harness;

  it('accepts a tag send with 201, keeps Location and TrackingId, and delivers only to matching registrations', async () => {
    const boston = harness.emulator.createRegistration({
      hub: HUB,
      platform: 'apple',
      tags: ['follows_RedSox', 'location_Boston'],
    });
    harness.emulator.createRegistration({ hub: HUB, platform: 'apple', tags: ['follows_RedSox', 'location_NYC'] });
    harness.emulator.createRegistration({ hub: HUB, platform: 'fcmv1', tags: ['follows_RedSox', 'location_Boston'] });
    const result = await send(
      request({ format: 'apple' }, '{"aps":{"alert":"Go Sox"}}', 'follows_RedSox && location_Boston'),
    );
    expect(result).toMatchObject({ outcome: 'accepted', status: 201, reason: null });
    expect(result.messageIds['Location']).toMatch(
      new RegExp(`^https://${NAMESPACE}/${HUB}/messages/[0-9a-f]{32}\\?api-version=2020-06$`),
    );
    expect(result.messageIds['notificationId']).toBe(result.messageIds['Location']!.split('/')[5]!.split('?')[0]);
    expect(result.messageIds['TrackingId']).toMatch(/^[0-9a-f-]{36}$/);
    expect(harness.emulator.inbox.list().map((d) => d.device)).toEqual([boston.registrationId]);
    expect(exchanges).toHaveLength(1);
    expect(result.exchangeIds).toEqual([exchanges[0]!.id]);
  });

  it('sends every format to registrations of that platform', async () => {
    const bodies: Record<string, string> = {
      apple: '{"aps":{"alert":"a"}}',
      fcmv1: '{"message":{"notification":{"title":"t"}}}',
      gcm: '{"data":{"msg":"Hello!"}}',
      windows: '<toast><visual><binding template="ToastText01"><text id="1">Hi</text></binding></visual></toast>',
      browser: '{"title":"t"}',
      adm: '{"data":{"msg":"Hello!"}}',
      baidu: '{"title":"t","description":"d"}',
      xiaomi: '{"title":"t"}',
    };
    for (const platform of Object.keys(bodies)) {
      harness.emulator.createRegistration({ hub: HUB, platform: platform as 'apple', tags: ['all'] });
    }
    for (const [format, body] of Object.entries(bodies)) {
      harness.emulator.inbox.clear();
      const result = await send(request({ format, test: true }, body, 'all'));
      expect(result.outcome, format).toBe('accepted');
      const outcome = result.details?.['notificationOutcome'] as {
        success: number;
        results: Array<{ platform: string }>;
      };
      expect(outcome.success, format).toBe(1);
      expect(outcome.results.map((r) => r.platform)).toEqual([format]);
      expect(harness.emulator.inbox.list()[0]!.payload).toBe(body);
    }
    const windows = exchanges.find((e) =>
      e.requestHeaders.some(([n, v]) => n.toLowerCase() === 'servicebusnotification-format' && v === 'windows'),
    );
    expect(windows!.requestHeaders).toContainEqual(['X-WNS-Type', 'wns/toast']);
  });

  it('expands template registrations with the properties sent', async () => {
    const toast =
      '<toast><visual><binding template="ToastText01"><text id="1">$(greeting_en)</text></binding></visual></toast>';
    const en = harness.emulator.createRegistration({ hub: HUB, platform: 'windows', template: toast, tags: ['en'] });
    harness.emulator.createRegistration({ hub: HUB, platform: 'windows', tags: ['en'] });
    const result = await send(request({ format: 'template' }, '{"greeting_en":"Hello","greeting_fr":"Salut"}', 'en'));
    expect(result.outcome).toBe('accepted');
    expect(harness.emulator.inbox.list()).toHaveLength(1);
    expect(harness.emulator.inbox.list()[0]).toMatchObject({
      device: en.registrationId,
      payload: '<toast><visual><binding template="ToastText01"><text id="1">Hello</text></binding></visual></toast>',
    });
  });

  it('test-sends deterministically to one installation and reports its outcome', async () => {
    const target = harness.emulator.createRegistration({
      hub: HUB,
      platform: 'apple',
      installationId: 'inst-42',
      tags: ['news'],
    });
    for (let i = 0; i < 12; i++) harness.emulator.createRegistration({ hub: HUB, platform: 'apple', tags: ['news'] });
    const result = await send(
      request({ format: 'apple', test: true }, '{"aps":{"alert":"x"}}', '$InstallationId:{inst-42}'),
    );
    expect(result.details?.['notificationOutcome']).toEqual({
      success: 1,
      failure: 0,
      results: [
        {
          platform: 'apple',
          registrationId: target.registrationId,
          pnsHandle: target.handle,
          outcome: 'The Notification was successfully sent to the Push Notification System',
        },
      ],
    });
    const broad = await send(request({ format: 'apple', test: true }, '{"aps":{"alert":"x"}}', 'news'));
    const outcome = broad.details?.['notificationOutcome'] as { success: number; results: unknown[] };
    expect(outcome.success).toBe(10);
    expect(outcome.results).toHaveLength(10);
    const none = await send(request({ format: 'apple', test: true }, '{"aps":{}}', 'nobody'));
    expect(none.details?.['notificationOutcome']).toEqual({ success: 0, failure: 0, results: [] });
  });

  it('sends direct to one handle without registrations', async () => {
    const result = await send(
      request(
        { format: 'apple', targetKind: 'direct', headers: { 'apns-push-type': 'alert' } },
        '{"aps":{}}',
        'ABCDEF0123',
      ),
    );
    expect(result.outcome).toBe('accepted');
    expect(exchanges[0]!.url).toContain('/messages/?direct&api-version=2020-06');
    expect(harness.emulator.inbox.list()).toEqual([
      expect.objectContaining({
        device: 'ABCDEF0123',
        headers: expect.objectContaining({ 'apns-push-type': 'alert' }),
      }),
    ]);
  });

  it('reuses the SAS token, and never records the key or signature in the exchange', async () => {
    const fresh = createNhubProvider();
    const first = await send(request({}, '{"aps":{}}', 'a'), credential('cache'), fresh);
    const second = await send(request({}, '{"aps":{}}', 'a'), credential('cache'), fresh);
    expect((first.details?.['sas'] as { reused: boolean }).reused).toBe(false);
    expect((second.details?.['sas'] as { reused: boolean }).reused).toBe(true);
    const auths = exchanges.map((e) => e.requestHeaders.find(([n]) => n.toLowerCase() === 'authorization')?.[1]);
    expect(auths).toHaveLength(2);
    const text = JSON.stringify(exchanges);
    expect(text).not.toContain(KEY);
    expect(text).not.toMatch(/sig=[A-Za-z0-9%]{20,}/);
    await fresh.close?.();
  });

  it('maps 400 bad tags and payload, 400 over the APNs limit, 403 quota', async () => {
    expect(await send(request({}, '{"aps":{}}', 'news & sports'))).toMatchObject({
      status: 400,
      reason: 'InvalidTags',
    });
    const orTags = Array.from({ length: 21 }, (_, i) => `t${i}`);
    expect((await send(request({}, '{"aps":{}}', orTags.slice(0, 20).join(' || ')))).outcome).toBe('accepted');
    const tooMany = await send(request({}, '{"aps":{}}', orTags.join(' || ')));
    expect(tooMany).toMatchObject({ status: 400, reason: 'InvalidTags' });
    expect(tooMany.details?.['detail']).toContain('21 tags; an expression using only || allows 20');
    const mixed = await send(request({}, '{"aps":{}}', `(${orTags.slice(0, 6).join(' || ')}) && z`));
    expect(mixed).toMatchObject({ status: 400, reason: 'InvalidTags' });
    expect(await send(request({ format: 'fcmv1' }, '{"notification":{}}', 'a'))).toMatchObject({
      status: 400,
      reason: 'InvalidPayload',
    });
    expect(await send(request({ format: 'template' }, '{"n":1}', 'a'))).toMatchObject({
      status: 400,
      reason: 'InvalidPayload',
    });
    expect(await send(request({ format: 'windows' }, '{"not":"xml"}', 'a'))).toMatchObject({
      status: 400,
      reason: 'InvalidPayload',
    });
    const broken = await send(request({ format: 'windows' }, '<toast><visual></toast>', 'a'));
    expect(broken).toMatchObject({ status: 400, reason: 'InvalidPayload' });
    expect(broken.details?.['detail']).toContain('The windows payload is not well-formed XML (line 1, column');
    const big = await send(request({}, JSON.stringify({ aps: { alert: 'x'.repeat(4100) } }), 'a'));
    expect(big).toMatchObject({ status: 400, reason: 'PayloadTooLarge', retryable: false });
    expect(big.details?.['detail']).toContain('APNs takes at most 4,096');
    harness.emulator.setQuota(1);
    expect((await send(request({}, '{"aps":{}}', 'a'))).outcome).toBe('accepted');
    expect(await send(request({}, '{"aps":{}}', 'a'))).toMatchObject({
      status: 403,
      reason: 'QuotaExceeded',
      retryable: true,
    });
  });

  it('fault rules: 429 with Retry-After, 503, delay, and a reset as a failed result', async () => {
    harness.emulator.faults.add({
      action: { kind: 'status', status: 429, reason: 'Throttled', retryAfterSeconds: 12 },
      times: 1,
    });
    expect(await send(request({}, '{"aps":{}}', 'a'))).toMatchObject({
      status: 429,
      reason: 'Throttled',
      retryable: true,
      retryAfterSeconds: 12,
    });
    harness.emulator.faults.add({ action: { kind: 'status', status: 503 }, times: 1 });
    expect(await send(request({}, '{"aps":{}}', 'a'))).toMatchObject({
      status: 503,
      reason: 'ServiceUnavailable',
      retryable: true,
    });
    harness.emulator.faults.add({ action: { kind: 'delay', ms: 300 }, times: 1 });
    const delayed = await send(request({}, '{"aps":{}}', 'a'));
    expect(delayed.outcome).toBe('accepted');
    expect(delayed.durationMs).toBeGreaterThanOrEqual(290);
    harness.emulator.faults.add({ match: { device: 'DEAD' }, action: { kind: 'reset' }, times: 1 });
    const reset = await send(request({ targetKind: 'direct' }, '{"aps":{}}', 'DEAD'));
    expect(reset.outcome).toBe('failed');
    expect(reset.status).toBeNull();
    expect(reset.exchangeIds).toHaveLength(1);
  });

  it('testCredential proves the token against the local hub and explains a refusal', async () => {
    const ctx = { transport: harness.transport, local: harness.local };
    expect(await provider.testCredential(credential('tc'), { ...ctx, credential: credential('tc') })).toContain(
      'the local hub accepted it',
    );
    await expect(
      provider.testCredential(credential('tc2', { key: 'nope' }), {
        ...ctx,
        credential: credential('tc2', { key: 'nope' }),
      }),
    ).rejects.toThrow(/InvalidSignature/);
    expect(
      await provider.testCredential(credential('tc3'), { ...ctx, local: null, credential: credential('tc3') }),
    ).toContain(`https://${NAMESPACE}/${HUB.toLowerCase()}`);
  });

  it('offers the admin API over HTTP: credentials, registrations, quota and checks', async () => {
    const post = async (path: string, body: unknown, method = 'POST') => {
      const response = await harness.transport.request({
        url: `${harness.emulator.adminUrl}${path}`,
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        tls: { ca: ca.certPem },
      });
      return {
        status: response.status,
        json: JSON.parse(response.body.toString('utf8') || 'null') as Record<string, unknown>,
      };
    };
    const cred = await post('/__admin/credentials', {
      connectionString: `Endpoint=sb://${NAMESPACE}/;SharedAccessKeyName=Admin;SharedAccessKey=admin-key`,
      hub: HUB,
    });
    expect(cred).toMatchObject({
      status: 201,
      json: { namespace: NAMESPACE, hub: HUB, keyName: 'Admin', rights: ['Listen', 'Send', 'Manage'] },
    });
    expect(cred.json).not.toHaveProperty('key');
    const reg = await post('/__admin/devices', { hub: HUB, platform: 'apple', tags: ['vip'], installationId: 'i-1' });
    expect(reg.status).toBe(201);
    expect(reg.json['tags']).toEqual(['vip', '$InstallationId:{i-1}']);
    expect((await post('/__admin/devices', { hub: HUB, platform: 'apple', tags: ['bad tag'] })).status).toBe(400);
    const viaAdmin = await send(
      request({ test: true }, '{"aps":{}}', 'vip'),
      credential('adm', { keyName: 'Admin', key: 'admin-key' }),
    );
    expect((viaAdmin.details?.['notificationOutcome'] as { success: number }).success).toBe(1);
    expect((await post('/__admin/checks', { created201: false }, 'PUT')).status).toBe(200);
    expect((await send(request({}, '{"aps":{}}', 'vip'))).status).toBe(200);
    harness.emulator.setCheck('created201', true);
    expect((await post('/__admin/quota', { remaining: 0 }, 'PUT')).status).toBe(200);
    expect((await send(request({}, '{"aps":{}}', 'vip'))).status).toBe(403);
  });
});

describe('Notification Hubs emulator state', () => {
  it('persists policies and registrations in stateDir and loads them at start', async () => {
    const ca = LocalCa.create('nhub state CA');
    const dir = await mkdtemp(join(tmpdir(), 'nhub-state-'));
    try {
      const first = await startNhubEmulator({ ca, stateDir: dir });
      first.registerCredential({ namespace: NAMESPACE, hub: HUB, keyName: 'K', key: 'v' });
      const reg = first.createRegistration({ hub: HUB, platform: 'windows', tags: ['t'] });
      await first.close();
      expect(JSON.parse(await readFile(join(dir, 'nhub.json'), 'utf8')).registrations).toHaveLength(1);
      const second = await startNhubEmulator({ ca, stateDir: dir });
      expect(second.registrations().map((r) => r.registrationId)).toEqual([reg.registrationId]);
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
