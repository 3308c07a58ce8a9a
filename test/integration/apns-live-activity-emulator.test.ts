import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signApnsJwt } from '../../main/core/providers/apns/jwt';
import { LocalCa } from '../../main/emulators/common/ca';
import { startApnsEmulator, type RunningApnsEmulator } from '../../main/emulators/apns';
import { adminJson, RawApnsClient } from '../support/apns-harness';

const BUNDLE = 'com.example.live';
const TOPIC = `${BUNDLE}.push-type.liveactivity`;
const T0 = 1_767_225_600;
let ca: LocalCa;
let emulator: RunningApnsEmulator;
let key: { keyId: string; teamId: string; keyPem: string };
let clients: RawApnsClient[] = [];
let auth = '';

interface Step {
  activityId: string | null;
  event: string | null;
  timestamp: number | null;
  outcome: string;
  dropKind?: string;
  dropped?: string;
  contentState: unknown;
  updateToken?: string;
  channelId?: string;
}
interface Activity {
  token: string;
  activityId: string;
  attributesType?: string;
  attributes?: unknown;
  contentState?: unknown;
  lastTimestamp?: number;
  endedAt?: number;
  startedBy?: string;
  channels?: string[];
}

const push = (token: string, aps: Record<string, unknown>, headers: Record<string, string> = {}) => {
  const c = new RawApnsClient(emulator.baseUrl, ca.certPem);
  clients.push(c);
  return c.push(
    token,
    { authorization: auth, 'apns-push-type': 'liveactivity', 'apns-topic': TOPIC, 'apns-priority': '10', ...headers },
    JSON.stringify({ aps }),
  );
};
const admin = (method: string, path: string, body?: unknown) =>
  adminJson(emulator.adminUrl, ca.certPem, method, path, body);
/** The step the device made of the last push to this token. */
const lastStep = (token: string): Step => {
  const list = emulator.inbox.list(token);
  return list[list.length - 1]!.details!['liveActivity'] as Step;
};
const activities = async () => (await admin('GET', '/__admin/activities')).json as Activity[];
const startAps = (timestamp = T0, extra: Record<string, unknown> = {}) => ({
  timestamp,
  event: 'start',
  'attributes-type': 'DeliveryAttributes',
  attributes: { orderId: '1024' },
  'content-state': { status: 'Preparing' },
  alert: { title: 'Order 1024', body: 'Being prepared' },
  'input-push-token': 1,
  ...extra,
});
const update = (timestamp: number, status: string) => ({
  timestamp,
  event: 'update',
  'content-state': { status },
});

/** A push-to-start token, a start on it, and the new activity's update token. */
async function started(extra: Record<string, unknown> = {}): Promise<{ startToken: string; step: Step }> {
  const startToken = emulator.pushToStartToken({ bundleId: BUNDLE, attributesType: 'DeliveryAttributes' }).token;
  const answer = await push(startToken, startAps(T0, extra));
  expect(answer.status).toBe(200);
  return { startToken, step: lastStep(startToken) };
}

beforeAll(async () => {
  ca = LocalCa.create();
  emulator = await startApnsEmulator({ ca });
  key = emulator.createKey({ teamId: 'TEAM000026' });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  auth = `bearer ${signApnsJwt(key.keyPem, key.keyId, key.teamId, Math.floor(Date.now() / 1000))}`;
  emulator.inbox.clear();
});
afterEach(() => {
  for (const c of clients) c.close();
  clients = [];
  emulator.setCheck('liveActivityTokenRole', false);
  emulator.setCheck('rotatedTokenExpired', true);
});

describe('APNs emulator: push-to-start tokens', () => {
  it('keeps one per app and attributes type (201 when made, 200 with the same token after)', async () => {
    const made = await admin('POST', '/__admin/push-to-start-tokens', {
      bundleId: 'com.example.one',
      attributesType: 'RideAttributes',
    });
    expect(made.status).toBe(201);
    const again = await admin('POST', '/__admin/push-to-start-tokens', {
      bundleId: 'com.example.one',
      attributesType: 'RideAttributes',
    });
    expect(again.status).toBe(200);
    expect((again.json as Activity).token).toBe((made.json as Activity).token);
    const other = await admin('POST', '/__admin/push-to-start-tokens', {
      bundleId: 'com.example.one',
      attributesType: 'ScoreAttributes',
    });
    expect((other.json as Activity).token).not.toBe((made.json as Activity).token);
    const listed = (await admin('GET', '/__admin/push-to-start-tokens')).json as Activity[];
    expect(listed.map((t) => t.token)).toEqual(
      expect.arrayContaining([(made.json as Activity).token, (other.json as Activity).token]),
    );
    expect(
      (await admin('POST', '/__admin/push-to-start-tokens', { bundleId: 'com.example.one', attributesType: 'a b' }))
        .status,
    ).toBe(400);
  });

  it('a start on it makes an activity with its attributes and content-state, and hands out the update token', async () => {
    const { startToken, step } = await started();
    expect(step).toMatchObject({
      event: 'start',
      outcome: 'started',
      timestamp: T0,
      attributesType: 'DeliveryAttributes',
      attributes: { orderId: '1024' },
      contentState: { status: 'Preparing' },
    });
    expect(step.updateToken).toMatch(/^[0-9a-f]{64}$/);
    const entry = emulator.inbox.list(startToken)[0]!;
    expect(entry.details!['activityId']).toBe(step.activityId);
    const activity = (await activities()).find((a) => a.activityId === step.activityId)!;
    expect(activity).toMatchObject({
      token: step.updateToken,
      attributesType: 'DeliveryAttributes',
      attributes: { orderId: '1024' },
      contentState: { status: 'Preparing' },
      lastTimestamp: T0,
      startedBy: startToken,
    });
    // The update token works at once: an update changes what the activity shows.
    expect((await push(step.updateToken!, update(T0 + 60, 'On the way'))).status).toBe(200);
    expect(lastStep(step.updateToken!)).toMatchObject({ outcome: 'updated', contentState: { status: 'On the way' } });
  });

  it('a start with input-push-channel subscribes the new activity to that channel', async () => {
    const { step } = await started({ 'input-push-channel': 'dHN0LXNydnItY2hubA==' });
    expect(step.channelId).toBe('dHN0LXNydnItY2hubA==');
    const activity = (await activities()).find((a) => a.activityId === step.activityId)!;
    expect(activity.channels).toEqual(['dHN0LXNydnItY2hubA==']);
  });

  it('a start the device cannot take starts nothing: another attributes type, no alert, no attributes', async () => {
    const before = (await activities()).length;
    const startToken = emulator.pushToStartToken({ bundleId: BUNDLE, attributesType: 'DeliveryAttributes' }).token;
    expect((await push(startToken, startAps(T0, { 'attributes-type': 'ScoreAttributes' }))).status).toBe(200);
    expect(lastStep(startToken)).toMatchObject({ outcome: 'dropped', dropKind: 'token', activityId: null });
    expect(lastStep(startToken).dropped).toContain('for DeliveryAttributes, and the start names ScoreAttributes');
    expect((await push(startToken, startAps(T0, { alert: undefined }))).status).toBe(200);
    expect(lastStep(startToken)).toMatchObject({ outcome: 'dropped', dropKind: 'invalid' });
    expect((await push(startToken, startAps(T0, { attributes: undefined }))).status).toBe(200);
    expect(lastStep(startToken).dropped).toContain('without an "attributes" object');
    expect((await activities()).length).toBe(before);
  });
});

describe('APNs emulator: the event must fit the token', () => {
  it('by default APNs takes an update to a push-to-start token or a start to an update token (200), and the device drops it', async () => {
    const { startToken, step } = await started();
    expect((await push(startToken, update(T0 + 10, 'x'))).status).toBe(200);
    expect(lastStep(startToken)).toMatchObject({ outcome: 'dropped', dropKind: 'token', activityId: null });
    expect((await push(step.updateToken!, startAps(T0 + 20))).status).toBe(200);
    expect(lastStep(step.updateToken!)).toMatchObject({
      outcome: 'dropped',
      dropKind: 'token',
      activityId: step.activityId,
      contentState: { status: 'Preparing' },
    });
  });

  it('with liveActivityTokenRole on, both get 400 BadDeviceToken and nothing is delivered', async () => {
    const { startToken, step } = await started();
    emulator.inbox.clear();
    emulator.setCheck('liveActivityTokenRole', true);
    const toStart = await push(startToken, { timestamp: T0 + 10, event: 'end' });
    expect([toStart.status, toStart.reason]).toEqual([400, 'BadDeviceToken']);
    const toUpdate = await push(step.updateToken!, startAps(T0 + 20));
    expect([toUpdate.status, toUpdate.reason]).toEqual([400, 'BadDeviceToken']);
    expect(emulator.inbox.size).toBe(0);
    // What fits the token still goes through.
    expect((await push(step.updateToken!, update(T0 + 30, 'Fine'))).status).toBe(200);
  });
});

describe('APNs emulator: stale updates and the end', () => {
  it('drops an update whose timestamp is not newer (200, marked stale, content-state kept), ends, then drops all', async () => {
    const { step } = await started();
    const token = step.updateToken!;
    expect((await push(token, update(T0 + 60, 'On the way'))).status).toBe(200);
    const stale = await push(token, update(T0 + 60, 'Old news'));
    expect(stale.status).toBe(200);
    expect(lastStep(token)).toMatchObject({
      outcome: 'dropped',
      dropKind: 'stale',
      timestamp: T0 + 60,
      contentState: { status: 'On the way' },
    });
    expect(lastStep(token).dropped).toBe(
      `Stale: timestamp ${T0 + 60} is not newer than ${T0 + 60}, the last one the activity took, so the device dropped it`,
    );
    expect((await push(token, update(T0 + 30, 'Older'))).status).toBe(200);
    expect(lastStep(token).dropKind).toBe('stale');
    // An end that is not newer is dropped too: the activity still runs.
    expect((await push(token, { timestamp: T0 + 10, event: 'end' })).status).toBe(200);
    expect(lastStep(token)).toMatchObject({ outcome: 'dropped', dropKind: 'stale' });
    const end = await push(token, { timestamp: T0 + 120, event: 'end', 'content-state': { status: 'Delivered' } });
    expect(end.status).toBe(200);
    expect(lastStep(token)).toMatchObject({ outcome: 'ended', contentState: { status: 'Delivered' } });
    const activity = (await activities()).find((a) => a.activityId === step.activityId)!;
    expect(activity).toMatchObject({ lastTimestamp: T0 + 120, contentState: { status: 'Delivered' } });
    expect(activity.endedAt).toEqual(expect.any(Number));
    expect((await push(token, update(T0 + 300, 'Too late'))).status).toBe(200);
    expect(lastStep(token)).toMatchObject({
      outcome: 'dropped',
      dropKind: 'ended',
      contentState: { status: 'Delivered' },
    });
    expect(emulator.inbox.list(token).map((d) => (d.details!['liveActivity'] as Step).outcome)).toEqual([
      'updated',
      'dropped',
      'dropped',
      'dropped',
      'ended',
      'dropped',
    ]);
  });

  it('drops an update without a timestamp or content-state', async () => {
    const { step } = await started();
    expect((await push(step.updateToken!, { event: 'update', 'content-state': { status: 'x' } })).status).toBe(200);
    expect(lastStep(step.updateToken!)).toMatchObject({ outcome: 'dropped', dropKind: 'invalid' });
    expect((await push(step.updateToken!, { event: 'update', timestamp: T0 + 5 })).status).toBe(200);
    expect(lastStep(step.updateToken!).dropped).toContain('without a content-state');
  });
});

describe('APNs emulator: broadcasts reach activities as updates', () => {
  it('a broadcast to the channel a push-to-start activity listens to updates it; an older one is dropped as stale', async () => {
    const channels = new RawApnsClient(emulator.channelsUrl, ca.certPem);
    clients.push(channels);
    const made = await channels.push(
      '',
      { authorization: auth },
      '{"message-storage-policy":0,"push-type":"LiveActivity"}',
      'POST',
      `/1/apps/${BUNDLE}/channels`,
    );
    const channelId = String(made.headers['apns-channel-id']);
    const { step } = await started({ 'input-push-channel': channelId });
    const broadcast = (aps: Record<string, unknown>) =>
      new RawApnsClient(emulator.baseUrl, ca.certPem).push(
        '',
        {
          authorization: auth,
          'apns-push-type': 'liveactivity',
          'apns-priority': '10',
          'apns-expiration': '0',
          'apns-channel-id': channelId,
        },
        JSON.stringify({ aps }),
        'POST',
        `/4/broadcasts/apps/${BUNDLE}`,
      );
    expect((await broadcast(update(T0 + 60, 'Goal'))).status).toBe(200);
    expect(lastStep(step.updateToken!)).toMatchObject({
      outcome: 'updated',
      channelId,
      contentState: { status: 'Goal' },
    });
    expect((await broadcast(update(T0 + 30, 'Earlier'))).status).toBe(200);
    expect(lastStep(step.updateToken!)).toMatchObject({ outcome: 'dropped', dropKind: 'stale', channelId });
    expect((await broadcast(startAps(T0 + 90))).status).toBe(200);
    expect(lastStep(step.updateToken!).dropped).toBe(
      'A broadcast cannot start an activity; the running one ignores it',
    );
  });
});

describe('APNs emulator: token rotation', () => {
  it('gives the activity a new update token; the old one answers 410 ExpiredToken with the time', async () => {
    const { step } = await started();
    const rotated = await admin('POST', `/__admin/activities/${step.activityId}/rotate`);
    expect(rotated.status).toBe(200);
    const { token, previousToken } = rotated.json as { token: string; previousToken: string };
    expect(previousToken).toBe(step.updateToken);
    expect(token).not.toBe(previousToken);
    const old = await push(previousToken, update(T0 + 60, 'x'));
    expect([old.status, old.reason]).toEqual([410, 'ExpiredToken']);
    expect(JSON.parse(old.body).timestamp).toEqual(expect.any(Number));
    // The activity kept its state under the new token.
    expect((await push(token, update(T0 + 60, 'After rotation'))).status).toBe(200);
    expect(lastStep(token)).toMatchObject({ activityId: step.activityId, outcome: 'updated' });
    const listed = (await activities()).filter((a) => a.activityId === step.activityId);
    expect(listed.map((a) => a.token)).toEqual([token]);
    expect((await admin('POST', '/__admin/activities/no-such/rotate')).status).toBe(404);
  });

  it('with rotatedTokenExpired off, the old token answers 410 Unregistered', async () => {
    const { step } = await started();
    const rotated = emulator.rotateActivityToken(step.activityId!)!;
    emulator.setCheck('rotatedTokenExpired', false);
    const old = await push(rotated.previousToken, update(T0 + 60, 'x'));
    expect([old.status, old.reason]).toEqual([410, 'Unregistered']);
  });
});

describe('APNs emulator: Live Activity state is kept', () => {
  it('an activity started by push-to-start survives a restart with its content-state and timestamp', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'apns-la-'));
    try {
      const first = await startApnsEmulator({ ca, stateDir });
      const k = first.createKey({ teamId: 'TEAM000027' });
      const startToken = first.pushToStartToken({ bundleId: BUNDLE, attributesType: 'DeliveryAttributes' }).token;
      const c = new RawApnsClient(first.baseUrl, ca.certPem);
      const headers = {
        authorization: `bearer ${signApnsJwt(k.keyPem, k.keyId, k.teamId, Math.floor(Date.now() / 1000))}`,
        'apns-push-type': 'liveactivity',
        'apns-topic': TOPIC,
      };
      expect((await c.push(startToken, headers, JSON.stringify({ aps: startAps() }))).status).toBe(200);
      c.close();
      const updateToken = (first.inbox.list(startToken)[0]!.details!['liveActivity'] as Step).updateToken!;
      await first.close();
      const second = await startApnsEmulator({ ca, stateDir });
      const again = new RawApnsClient(second.baseUrl, ca.certPem);
      const stale = await again.push(updateToken, headers, JSON.stringify({ aps: update(T0, 'Same time') }));
      again.close();
      expect(stale.status).toBe(200);
      const [entry] = second.inbox.list(updateToken);
      expect(entry!.details!['liveActivity']).toMatchObject({
        dropKind: 'stale',
        contentState: { status: 'Preparing' },
      });
      expect(second.pushToStartToken({ bundleId: BUNDLE, attributesType: 'DeliveryAttributes' }).token).toBe(
        startToken,
      );
      await second.close();
    } finally {
      await rm(stateDir, { recursive: true, force: true });
    }
  });
});
