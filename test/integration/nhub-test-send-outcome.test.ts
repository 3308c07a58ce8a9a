import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulators, type EmulatorSet } from '../../main/emulators/run';
import { parseXml, findAll } from '../../shared/xml/parse';
import { adminJson, hubSend, sasToken } from '../support/nhub-raw-client';

const NAMESPACE = 'outcome-ns.servicebus.windows.net';
const HUB = 'OutcomeHub';
const KEY = 'outcome-key';
const SENT = 'The Notification was successfully sent to the Push Notification System';
const INVALID = 'The Push Notification System handle for the registration is invalid';

/**
 * A `&test` send reports what each PNS answered, asked of the peer emulators: the APNs and FCM
 * emulators (run as `emulators start` runs them) know some handles, have unregistered others and
 * never issued the rest. Everything goes over the admin APIs and the REST surface with real TLS.
 */
describe('Notification Hubs test send reports the peer PNS answer', () => {
  let dir: string;
  let set: EmulatorSet;
  const admin = (provider: 'apns' | 'fcm' | 'nhub', method: string, path: string, body?: unknown) =>
    adminJson(set.environment.admin[provider]!, set.environment.ca, method, path, body);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nhub-outcome-'));
    set = await startEmulators({ dataDir: dir, only: ['apns', 'fcm', 'nhub'] });
    const policy = await admin('nhub', 'POST', '/__admin/credentials', {
      namespace: NAMESPACE,
      hub: HUB,
      keyName: 'Full',
      key: KEY,
    });
    expect(policy.status).toBe(201);
  });
  afterAll(async () => {
    await set?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const register = async (platform: string, handle: string, tag: string, template?: string) => {
    const created = await admin('nhub', 'POST', '/__admin/devices', {
      hub: HUB,
      platform,
      handle,
      tags: [tag],
      ...(template !== undefined ? { template } : {}),
    });
    expect(created.status).toBe(201);
    return (created.json as { registrationId: string }).registrationId;
  };
  const testSend = async (format: string, body: string, tag: string) => {
    const response = await hubSend({
      baseUrl: set.environment.nhub!.baseUrl,
      ca: set.environment.ca,
      hub: HUB,
      authorization: sasToken({ sr: encodeURIComponent(`https://${NAMESPACE}/`), keyName: 'Full', key: KEY }),
      format,
      body,
      tags: tag,
      test: true,
    });
    expect(response.status).toBe(201);
    const parsed = parseXml(response.body);
    if (!parsed.ok) throw new Error(`not XML: ${response.body}`);
    const text = (name: string) => findAll(parsed.root, name).map((e) => e.text);
    const outcomes = new Map(
      findAll(parsed.root, 'RegistrationResult').map((r) => [
        findAll(r, 'RegistrationId')[0]!.text,
        findAll(r, 'Outcome')[0]!.text,
      ]),
    );
    return { success: Number(text('Success')[0]), failure: Number(text('Failure')[0]), outcomes };
  };

  it('APNs: a known token is sent; an unregistered and an unknown one are invalid, and only the first is delivered', async () => {
    const known = await admin('apns', 'POST', '/__admin/devices', { bundleId: 'com.example.nh' });
    const gone = await admin('apns', 'POST', '/__admin/devices', { bundleId: 'com.example.nh' });
    const knownToken = (known.json as { token: string }).token;
    const goneToken = (gone.json as { token: string }).token;
    expect((await admin('apns', 'POST', `/__admin/devices/${goneToken}/unregister`, {})).status).toBe(200);
    const ids = {
      known: await register('apple', knownToken.toUpperCase(), 'apns-outcome'),
      gone: await register('apple', goneToken, 'apns-outcome'),
      unknown: await register('apple', 'ab'.repeat(32), 'apns-outcome'),
    };
    const outcome = await testSend('apple', '{"aps":{"alert":"outcome"}}', 'apns-outcome');
    expect(outcome.success).toBe(1);
    expect(outcome.failure).toBe(2);
    expect(Object.fromEntries([...Object.entries(ids)].map(([k, id]) => [k, outcome.outcomes.get(id)]))).toEqual({
      known: SENT,
      gone: INVALID,
      unknown: INVALID,
    });
    const inbox = await admin('apns', 'GET', '/__admin/inbox');
    expect((inbox.json as Array<{ device: string }>).map((m) => m.device)).toEqual([knownToken]);
  });

  it('FCM: an active token is sent; an unregistered and an unknown one are invalid', async () => {
    const active = await admin('fcm', 'POST', '/__admin/devices', { projectId: 'nh-project' });
    const uninstalled = await admin('fcm', 'POST', '/__admin/devices', {
      projectId: 'nh-project',
      state: 'unregistered',
    });
    const ids = {
      active: await register('fcmv1', (active.json as { token: string }).token, 'fcm-outcome'),
      uninstalled: await register('fcmv1', (uninstalled.json as { token: string }).token, 'fcm-outcome'),
      unknown: await register('fcmv1', 'never-issued:APA91bxyz', 'fcm-outcome'),
    };
    const outcome = await testSend('fcmv1', '{"message":{"notification":{"title":"outcome"}}}', 'fcm-outcome');
    expect({ success: outcome.success, failure: outcome.failure }).toEqual({ success: 1, failure: 2 });
    expect(Object.fromEntries([...Object.entries(ids)].map(([k, id]) => [k, outcome.outcomes.get(id)]))).toEqual({
      active: SENT,
      uninstalled: INVALID,
      unknown: INVALID,
    });
  });

  it('FCM v1 template without {"message": …}: Success 0, Failure 0 and no delivery; check fcmv1TemplateEnvelope off: delivered', async () => {
    const device = await admin('fcm', 'POST', '/__admin/devices', { projectId: 'nh-project' });
    const token = (device.json as { token: string }).token;
    const legacy = await register('fcmv1', token, 'fcm-template', '{"notification":{"title":"$(title)"}}');
    const wrapped = await register('fcmv1', token, 'fcm-wrapped', '{"message":{"notification":{"title":"$(title)"}}}');
    const fcmInbox = async () =>
      ((await admin('fcm', 'GET', '/__admin/inbox')).json as Array<{ payload: string }>).map((m) => m.payload);
    expect((await admin('fcm', 'DELETE', '/__admin/inbox')).status).toBe(200);

    const dropped = await testSend('template', '{"title":"legacy"}', 'fcm-template');
    expect({ success: dropped.success, failure: dropped.failure, results: dropped.outcomes.size }).toEqual({
      success: 0,
      failure: 0,
      results: 0,
    });
    const sent = await testSend('template', '{"title":"wrapped"}', 'fcm-wrapped');
    expect({ success: sent.success, outcome: sent.outcomes.get(wrapped) }).toEqual({ success: 1, outcome: SENT });
    expect(await fcmInbox()).toEqual(['{"message":{"notification":{"title":"wrapped"}}}']);

    expect((await admin('nhub', 'PUT', '/__admin/checks', { fcmv1TemplateEnvelope: false })).status).toBe(200);
    try {
      const passed = await testSend('template', '{"title":"legacy"}', 'fcm-template');
      expect({ success: passed.success, outcome: passed.outcomes.get(legacy) }).toEqual({ success: 1, outcome: SENT });
      expect(await fcmInbox()).toContain('{"notification":{"title":"legacy"}}');
    } finally {
      await admin('nhub', 'PUT', '/__admin/checks', { fcmv1TemplateEnvelope: true });
    }
  });
});
