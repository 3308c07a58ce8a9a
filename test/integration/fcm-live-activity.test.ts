import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import type { RunningApnsEmulator } from '../../main/emulators/apns';
import type { RunningFcmEmulator } from '../../main/emulators/fcm';
import { startEmulators, type EmulatorSet } from '../../main/emulators/run';
import { createFcmProvider } from '../../main/core/providers/fcm';
import { createTransport } from '../../main/core/transport';
import { createTestCore, importServiceAccount } from '../support/core-harness';
import { serviceAccountCredential } from '../support/fcm-harness';
import { adminJson } from '../support/nhub-raw-client';

/**
 * FCM's route to Live Activities end to end: the core's Sender (preflight with the activity's
 * history, the FCM provider, the transport) sends a v1 message with apns.live_activity_token to
 * the FCM emulator, which hands it to the APNs emulator's activity with that token, found over
 * APNs' admin API the way Notification Hubs finds its peers' devices.
 */
let dir: string;
let set: EmulatorSet;
let fcm: RunningFcmEmulator;
let apns: RunningApnsEmulator;
let core: Core;
let credentialId: string;
const PROJECT = 'live-project';
const T = Math.floor(Date.now() / 1000);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fcm-live-'));
  set = await startEmulators({ dataDir: join(dir, 'data'), only: ['apns', 'fcm'] });
  fcm = set.emulators.fcm as RunningFcmEmulator;
  apns = set.emulators.apns as RunningApnsEmulator;
  core = await createTestCore(dir);
  credentialId = (await importServiceAccount(core, await fcm.createServiceAccount(PROJECT))).id;
});
afterAll(async () => {
  await core.close();
  await set.close();
  await rm(dir, { recursive: true, force: true });
});

const send = (target: string, message: unknown, ignorePreflight = false) =>
  core.sender.send(
    {
      provider: 'fcm',
      credential: credentialId,
      environment: 'local',
      target,
      options: { targetKind: 'auto', validateOnly: false },
      payload: JSON.stringify(message),
    },
    { ignorePreflight },
  );

const toActivity = (token: string, aps: Record<string, unknown>, priority = '5') => ({
  apns: { live_activity_token: token, headers: { 'apns-priority': priority }, payload: { aps } },
});
const state = (status: string) => ({ status, eta: T - 978_307_200 + 600 });

describe('FCM hands a Live Activity message to the APNs emulator', () => {
  it('updates and ends the activity with that token; its inbox entries say they came through FCM', async () => {
    const activity = apns.createActivity({ bundleId: 'com.example.live', attributesType: 'DeliveryAttributes' });
    const app = await fcm.registerDevice({ projectId: PROJECT, platform: 'ios' });
    const update = { timestamp: T, event: 'update', 'content-state': state('On the way') };
    const first = await send(app.token, toActivity(activity.token.toUpperCase(), update));
    expect(first.preflight.filter((i) => i.severity !== 'info')).toEqual([]);
    expect(first.result).toMatchObject({ outcome: 'accepted', status: 200 });

    const end = { timestamp: T + 60, event: 'end', 'content-state': state('Delivered'), 'dismissal-date': T + 120 };
    const ended = await send(app.token, toActivity(activity.token, end, '10'));
    expect(ended.result.outcome).toBe('accepted');

    const received = apns.inbox.list(activity.token);
    expect(received.map((d) => JSON.parse(d.payload))).toEqual([{ aps: update }, { aps: end }]);
    expect(received[0]!.headers).toEqual({
      'apns-push-type': 'liveactivity',
      'apns-priority': '5',
      'apns-topic': 'com.example.live.push-type.liveactivity',
    });
    expect(received[1]!.headers['apns-priority']).toBe('10');
    expect(received[0]!.details).toMatchObject({
      via: 'fcm',
      fcmToken: app.token,
      activityId: activity.activityId,
      environment: 'sandbox',
    });
    expect(received[0]!.details?.['name']).toBe(first.result.messageIds['name']);
    // The activity got it, not the app's FCM instance.
    expect(fcm.inbox.list(app.token)).toEqual([]);
  });

  it('the activity takes it as the device takes an APNs push: a stale update is dropped, a start on a push-to-start token starts one', async () => {
    const activity = apns.createActivity({ bundleId: 'com.example.live', attributesType: 'DeliveryAttributes' });
    const app = await fcm.registerDevice({ projectId: PROJECT, platform: 'ios' });
    const fresh = { timestamp: T, event: 'update', 'content-state': state('Fresh') };
    const stale = { timestamp: T - 60, event: 'update', 'content-state': state('Stale') };
    expect((await send(app.token, toActivity(activity.token, fresh))).result.outcome).toBe('accepted');
    // FCM (like APNs) accepts it; the device drops it.
    expect((await send(app.token, toActivity(activity.token, stale))).result.outcome).toBe('accepted');
    const [first, second] = apns.inbox.list(activity.token);
    expect(first!.details?.['liveActivity']).toMatchObject({ outcome: 'updated', contentState: state('Fresh') });
    expect(second!.details?.['liveActivity']).toMatchObject({ outcome: 'dropped', dropKind: 'stale' });
    expect(second!.details?.['via']).toBe('fcm');
    const listed = (await adminJson(apns.adminUrl, set.ca.certPem, 'GET', '/__admin/activities')).json as Array<{
      activityId: string;
      contentState?: unknown;
    }>;
    expect(listed.find((a) => a.activityId === activity.activityId)?.contentState).toEqual(state('Fresh'));

    const pushToStart = apns.pushToStartToken({ bundleId: 'com.example.live', attributesType: 'DeliveryAttributes' });
    const start = {
      timestamp: T,
      event: 'start',
      'attributes-type': 'DeliveryAttributes',
      attributes: { orderId: '1024' },
      'content-state': state('Preparing'),
      alert: { title: 'Order 1024', body: 'Preparing' },
    };
    const started = await send(app.token, toActivity(pushToStart.token, start, '10'));
    expect(started.result.outcome).toBe('accepted');
    const [entry] = apns.inbox.list(pushToStart.token);
    expect(entry!.details?.['liveActivity']).toMatchObject({ outcome: 'started', contentState: state('Preparing') });
    expect(entry!.details?.['liveActivity']).toHaveProperty('updateToken');
  });

  it('preflight reads the activity’s history through FCM: an older timestamp is called stale', async () => {
    const activity = apns.createActivity({ bundleId: 'com.example.live' });
    const app = await fcm.registerDevice({ projectId: PROJECT, platform: 'ios' });
    await send(app.token, toActivity(activity.token, { timestamp: T, event: 'update', 'content-state': state('a') }));
    const older = await send(
      app.token,
      toActivity(activity.token, { timestamp: T - 300, event: 'update', 'content-state': state('b') }),
    );
    const stale = older.preflight.find((i) => i.code === 'apns.liveactivity.timestamp-stale');
    expect(stale).toMatchObject({ severity: 'warning', path: '/apns/payload/aps/timestamp' });
    expect(stale!.message).toContain('5 minutes older than the last one sent to this activity');
  });

  it('answers a token the APNs emulator never issued as APNs’ BadDeviceToken, carried in an ApnsError', async () => {
    const app = await fcm.registerDevice({ projectId: PROJECT, platform: 'ios' });
    const unknown = 'cd'.repeat(40);
    const { result } = await send(
      app.token,
      toActivity(unknown, { timestamp: T, event: 'update', 'content-state': state('x') }),
    );
    expect(result).toMatchObject({ outcome: 'rejected', status: 400, reason: 'INVALID_ARGUMENT' });
    expect(result.explanation).toBe(
      'APNs refused apns.live_activity_token. APNs answered 400 BadDeviceToken. The app’s FCM registration token is not the problem.',
    );
    expect(result.hint).toMatch(/^Use a token ActivityKit gave this app for a Live Activity/);
    const cause = result.diagnosis!.causes[0]!;
    expect(cause.id).toBe('fcm.invalid-argument.live-activity-token');
    expect(cause.evidence.map((e) => `${e.name}: ${e.quote}`)).toEqual([
      'error.details[0].errorCode: INVALID_ARGUMENT',
      'ApnsError: 400 BadDeviceToken',
      `message.apns.live_activity_token: ${unknown.slice(0, 39)}…`,
    ]);
    expect(apns.inbox.list(unknown)).toEqual([]);
  });

  it('answers an ended (unregistered) activity’s token as UNREGISTERED with APNs’ 410', async () => {
    const activity = apns.createActivity({ bundleId: 'com.example.live' });
    apns.unregisterDevice(activity.token);
    const app = await fcm.registerDevice({ projectId: PROJECT, platform: 'ios' });
    const { result } = await send(
      app.token,
      toActivity(activity.token, { timestamp: T, event: 'update', 'content-state': state('x') }),
    );
    expect(result).toMatchObject({ outcome: 'rejected', status: 404, reason: 'UNREGISTERED' });
    expect(result.explanation).toBe(
      'The Live Activity’s token is no longer valid: the activity ended, or its push token changed. APNs answered 410 Unregistered. The app’s FCM registration token is fine.',
    );
    expect(result.diagnosis!.causes.map((c) => c.id).slice(0, 2)).toEqual([
      'fcm.unregistered.live-activity',
      'fcm.unregistered',
    ]);
    // The evidence is APNs' answer inside FCM's, and the activity's token that was sent.
    expect(result.diagnosis!.causes[0]!.evidence.map((e) => `${e.name}: ${e.quote}`)).toEqual([
      'error.details[0].errorCode: UNREGISTERED',
      'ApnsError: 410 Unregistered',
      `message.apns.live_activity_token: ${activity.token.slice(0, 39)}…`,
    ]);
    // The app's FCM token is not the one that is gone.
    expect(result.deviceStateChange).toBeNull();
    const gone = await fcm.registerDevice({ projectId: PROJECT, platform: 'ios', state: 'unregistered' });
    const plain = await send(gone.token, { notification: { title: 'x' } });
    expect(plain.result.deviceStateChange).toMatchObject({ state: 'gone' });
  });

  it('refuses an app’s own (PushKit) token as not a Live Activity’s', async () => {
    const voip = apns.createDevice({ bundleId: 'com.example.live', tokenFor: 'voip' });
    const app = await fcm.registerDevice({ projectId: PROJECT, platform: 'ios' });
    const { result } = await send(
      app.token,
      toActivity(voip.token, { timestamp: T, event: 'update', 'content-state': state('x') }),
    );
    expect(result).toMatchObject({ status: 400, reason: 'INVALID_ARGUMENT' });
    expect(result.explanation).toContain('APNs answered 400 DeviceTokenNotForTopic.');
  });

  it('validate_only checks the token and delivers nothing', async () => {
    const activity = apns.createActivity({ bundleId: 'com.example.live' });
    const app = await fcm.registerDevice({ projectId: PROJECT, platform: 'ios' });
    const aps = { timestamp: T, event: 'update', 'content-state': state('x') };
    const dry = { message: { ...toActivity(activity.token, aps) }, validate_only: true };
    expect((await send(app.token, dry)).result.outcome).toBe('accepted');
    expect(apns.inbox.list(activity.token)).toEqual([]);
    const bad = { message: toActivity('ef'.repeat(40), aps), validate_only: true };
    expect((await send(app.token, bad)).result.reason).toBe('INVALID_ARGUMENT');
  });

  it('PUT /__admin/checks switches liveActivityTokens, and refuses a name it does not know', async () => {
    const app = await fcm.registerDevice({ projectId: PROJECT, platform: 'ios' });
    const token = '9a'.repeat(40);
    const message = toActivity(token, { timestamp: T, event: 'update', 'content-state': state('x') });
    const off = await adminJson(fcm.adminUrl, set.ca.certPem, 'PUT', '/__admin/checks', { liveActivityTokens: false });
    expect(off.json).toMatchObject({ liveActivityTokens: false, acceptFid: true });
    try {
      expect((await send(app.token, message)).result.outcome).toBe('accepted');
      expect(apns.inbox.list(token)).toHaveLength(1);
    } finally {
      await adminJson(fcm.adminUrl, set.ca.certPem, 'PUT', '/__admin/checks', { liveActivityTokens: true });
    }
    expect((await send(app.token, message)).result.reason).toBe('INVALID_ARGUMENT');
    const typo = await adminJson(fcm.adminUrl, set.ca.certPem, 'PUT', '/__admin/checks', { liveActivityToken: false });
    expect(typo.status).toBe(400);
  });

  it('an Android instance has no use for apns: FCM delivers to it as ever', async () => {
    const android = await fcm.registerDevice({ projectId: PROJECT, platform: 'android' });
    const unknown = 'ab'.repeat(40);
    const message = toActivity(unknown, { timestamp: T, event: 'update', 'content-state': state('x') });
    expect((await send(android.token, message)).result.outcome).toBe('accepted');
    expect(fcm.inbox.list(android.token)).toHaveLength(1);
    expect(apns.inbox.list(unknown)).toEqual([]);
  });
});

describe('FCM Live Activity tokens with the liveActivityTokens check off', () => {
  let loose: EmulatorSet;
  beforeAll(async () => {
    loose = await startEmulators({
      dataDir: join(dir, 'loose'),
      only: ['apns', 'fcm'],
      checks: { liveActivityTokens: false },
    });
  });
  afterAll(async () => {
    await loose.close();
  });

  it('hands any token on to the APNs inbox', async () => {
    const looseFcm = loose.emulators.fcm as RunningFcmEmulator;
    const looseApns = loose.emulators.apns as RunningApnsEmulator;
    const account = await looseFcm.createServiceAccount('loose-project');
    const app = await looseFcm.registerDevice({ projectId: 'loose-project', platform: 'ios' });
    const token = 'fe'.repeat(40);
    const response = await fetchFcm(loose, account, app.token, toActivity(token, { timestamp: T, event: 'end' }));
    expect(response.status).toBe(200);
    const [delivery] = looseApns.inbox.list(token);
    expect(delivery!.details).toMatchObject({ via: 'fcm', fcmToken: app.token });
    // No APNs device to take an app's bundle id from: the topic is left for the message to say.
    expect(delivery!.headers['apns-topic']).toBeUndefined();
  });
});

/** One send through the core's FCM provider alone (no Sender, so no preflight), to the loose set's emulators. */
async function fetchFcm(
  emulators: EmulatorSet,
  account: Record<string, string>,
  token: string,
  message: Record<string, unknown>,
): Promise<{ status: number | null }> {
  const transport = createTransport();
  const provider = createFcmProvider();
  try {
    const result = await provider.send(
      {
        provider: 'fcm',
        credential: 'loose',
        environment: 'local',
        target: token,
        options: { targetKind: 'token', validateOnly: false },
        payload: JSON.stringify(message),
      },
      { transport, local: emulators.environment, credential: serviceAccountCredential(account, 'loose') },
    );
    return { status: result.status };
  } finally {
    await transport.close();
  }
}
