import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signApnsJwt } from '../../main/core/providers/apns/jwt';
import { LocalCa } from '../../main/emulators/common/ca';
import { startApnsEmulator, type RunningApnsEmulator } from '../../main/emulators/apns';
import { RawApnsClient } from '../support/apns-harness';

const BUNDLE = 'com.example.live';
const UPDATE = '{"aps":{"timestamp":1,"event":"update","content-state":{"score":1}}}';
let ca: LocalCa;
let emulator: RunningApnsEmulator;
let key: { keyId: string; teamId: string; keyPem: string };
let clients: RawApnsClient[] = [];
let auth = '';

const client = (url: string, identity?: { cert: string; key: string }) => {
  const c = new RawApnsClient(url, ca.certPem, identity);
  clients.push(c);
  return c;
};
const manage = (
  method: string,
  resource: 'channels' | 'all-channels',
  headers: Record<string, string> = {},
  body = '',
  bundle = BUNDLE,
  c = client(emulator.channelsUrl),
) => c.push('', { authorization: auth, ...headers }, body, method, `/1/apps/${bundle}/${resource}`);
const create = async (policy: 0 | 1 = 0) => {
  const answer = await manage(
    'POST',
    'channels',
    {},
    JSON.stringify({ 'message-storage-policy': policy, 'push-type': 'LiveActivity' }),
  );
  expect(answer.status).toBe(201);
  return String(answer.headers['apns-channel-id']);
};
const broadcast = (
  channelId: string | undefined,
  headers: Record<string, string> = {},
  body = UPDATE,
  bundle = BUNDLE,
) =>
  client(emulator.baseUrl).push(
    '',
    {
      authorization: auth,
      'apns-push-type': 'liveactivity',
      'apns-priority': '10',
      'apns-expiration': '0',
      ...(channelId === undefined ? {} : { 'apns-channel-id': channelId }),
      ...headers,
    },
    body,
    'POST',
    `/4/broadcasts/apps/${bundle}`,
  );

beforeAll(async () => {
  ca = LocalCa.create();
  emulator = await startApnsEmulator({ ca, channelLimit: 3 });
  key = emulator.createKey({ teamId: 'TEAM000025' });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  auth = `bearer ${signApnsJwt(key.keyPem, key.keyId, key.teamId, Math.floor(Date.now() / 1000))}`;
  emulator.inbox.clear();
  emulator.setCheck('broadcastCapability', true);
  emulator.setCheck('broadcastPushTypeCase', false);
});
afterEach(async () => {
  for (const c of clients) c.close();
  clients = [];
  // Every test starts with no channels, whatever it left.
  emulator.setCheck('broadcastCapability', true);
  const list = await manage('GET', 'all-channels');
  for (const id of JSON.parse(list.body).channels as string[])
    await manage('DELETE', 'channels', { 'apns-channel-id': id });
});

describe('APNs emulator: channel management host', () => {
  it('creates (201 with apns-channel-id and apns-request-id), reads, lists and deletes (204) a channel', async () => {
    const requestId = '0a1b2c3d-0000-4000-8000-00000000abcd';
    const made = await manage(
      'POST',
      'channels',
      { 'apns-request-id': requestId },
      JSON.stringify({ 'message-storage-policy': 1, 'push-type': 'LiveActivity' }),
    );
    expect(made.status).toBe(201);
    expect(made.headers['apns-request-id']).toBe(requestId);
    const id = String(made.headers['apns-channel-id']);
    expect(Buffer.from(id, 'base64').toString('base64')).toBe(id);
    const read = await manage('GET', 'channels', { 'apns-channel-id': id });
    expect(read.status).toBe(200);
    expect(JSON.parse(read.body)).toEqual({ 'message-storage-policy': 1, 'push-type': 'LiveActivity' });
    expect(read.headers['apns-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const list = await manage('GET', 'all-channels');
    expect(JSON.parse(list.body)).toEqual({ channels: [id] });
    const deleted = await manage('DELETE', 'channels', { 'apns-channel-id': id });
    expect(deleted.status).toBe(204);
    expect((await manage('GET', 'channels', { 'apns-channel-id': id })).reason).toBe('ChannelNotRegistered');
  });

  it('refuses a channel past the limit with CannotCreateChannelConfig (limit 3 here; Apple 10,000)', async () => {
    await create();
    await create();
    await create(1);
    const fourth = await manage(
      'POST',
      'channels',
      {},
      JSON.stringify({ 'message-storage-policy': 0, 'push-type': 'LiveActivity' }),
    );
    expect([fourth.status, fourth.reason]).toEqual([400, 'CannotCreateChannelConfig']);
  });

  it('answers MissingChannelId, BadChannelId and ChannelNotRegistered (unknown id, or another app)', async () => {
    const id = await create();
    expect((await manage('GET', 'channels')).reason).toBe('MissingChannelId');
    expect((await manage('DELETE', 'channels', { 'apns-channel-id': 'not base64!' })).reason).toBe('BadChannelId');
    const unknown = await manage('GET', 'channels', { 'apns-channel-id': Buffer.from('nope').toString('base64') });
    expect([unknown.status, unknown.reason]).toEqual([400, 'ChannelNotRegistered']);
    const otherApp = await manage('GET', 'channels', { 'apns-channel-id': id }, '', 'com.example.other');
    expect(otherApp.reason).toBe('ChannelNotRegistered');
  });

  it('checks the create body: PayloadEmpty, BadRequestPayload, BadRequestParams, MissingPushType, InvalidPushType', async () => {
    expect((await manage('POST', 'channels')).reason).toBe('PayloadEmpty');
    expect((await manage('POST', 'channels', {}, '{nope')).reason).toBe('BadRequestPayload');
    const extra = JSON.stringify({ 'message-storage-policy': 0, 'push-type': 'LiveActivity', ttl: 5 });
    expect((await manage('POST', 'channels', {}, extra)).reason).toBe('BadRequestParams');
    const policy = JSON.stringify({ 'message-storage-policy': 2, 'push-type': 'LiveActivity' });
    expect((await manage('POST', 'channels', {}, policy)).reason).toBe('BadRequestParams');
    expect((await manage('POST', 'channels', {}, '{"message-storage-policy":0}')).reason).toBe('MissingPushType');
    const alert = JSON.stringify({ 'message-storage-policy': 0, 'push-type': 'alert' });
    expect((await manage('POST', 'channels', {}, alert)).reason).toBe('InvalidPushType');
  });

  it('answers BadPath, MethodNotAllowed, MissingProviderToken and BadMessageId', async () => {
    const c = client(emulator.channelsUrl);
    expect((await c.push('', { authorization: auth }, '', 'GET', '/1/apps/x/nothing')).reason).toBe('BadPath');
    expect((await manage('DELETE', 'all-channels')).reason).toBe('MethodNotAllowed');
    const noAuth = await c.push('', {}, '', 'GET', `/1/apps/${BUNDLE}/all-channels`);
    expect([noAuth.status, noAuth.reason]).toEqual([403, 'MissingProviderToken']);
    expect((await manage('GET', 'all-channels', { 'apns-request-id': 'nope' })).reason).toBe('BadMessageId');
  });

  it('answers TopicMismatch (403) for a key or certificate that does not cover the app', async () => {
    const narrow = emulator.createKey({ teamId: 'TEAM000026', topics: ['com.example.other'] });
    const narrowAuth = `bearer ${signApnsJwt(narrow.keyPem, narrow.keyId, narrow.teamId, Math.floor(Date.now() / 1000))}`;
    const byKey = await manage('GET', 'all-channels', { authorization: narrowAuth });
    expect([byKey.status, byKey.reason]).toEqual([403, 'TopicMismatch']);
    const cert = emulator.issueCertificate({ bundleId: 'com.example.other' });
    const byCert = await client(emulator.channelsUrl, { cert: cert.certPem, key: cert.keyPem }).push(
      '',
      {},
      '',
      'GET',
      `/1/apps/${BUNDLE}/all-channels`,
    );
    expect([byCert.status, byCert.reason]).toEqual([403, 'TopicMismatch']);
    const own = emulator.issueCertificate({ bundleId: BUNDLE });
    const allowed = await client(emulator.channelsUrl, { cert: own.certPem, key: own.keyPem }).push(
      '',
      {},
      '',
      'GET',
      `/1/apps/${BUNDLE}/all-channels`,
    );
    expect(allowed.status).toBe(200);
  });

  it('answers FeatureNotEnabled on every channel call and broadcast while the capability is switched off', async () => {
    const id = await create();
    emulator.setCheck('broadcastCapability', false);
    expect((await manage('GET', 'all-channels')).reason).toBe('FeatureNotEnabled');
    expect(
      (await manage('POST', 'channels', {}, '{"message-storage-policy":0,"push-type":"LiveActivity"}')).reason,
    ).toBe('FeatureNotEnabled');
    expect((await broadcast(id)).reason).toBe('FeatureNotEnabled');
  });
});

describe('APNs emulator: broadcast', () => {
  it('delivers to every activity subscribed to the channel, and to no other', async () => {
    const id = await create();
    const first = emulator.createActivity({ bundleId: BUNDLE, channelIds: [id], label: 'Lock screen A' });
    const second = emulator.createActivity({ bundleId: BUNDLE, channelIds: [id], attributesType: 'MatchAttributes' });
    const other = emulator.createActivity({ bundleId: BUNDLE });
    const answer = await broadcast(id, { 'apns-request-id': '11111111-2222-4333-8444-555555555555' });
    expect(answer.status).toBe(200);
    expect(answer.headers['apns-request-id']).toBe('11111111-2222-4333-8444-555555555555');
    expect(answer.headers['apns-unique-id']).toMatch(/^[0-9a-f-]{36}$/);
    const devices = emulator.inbox.list().map((d) => d.device);
    expect(devices.sort()).toEqual([first.token, second.token].sort());
    expect(emulator.inbox.list(first.token)[0]).toMatchObject({
      payload: UPDATE,
      headers: { 'apns-push-type': 'liveactivity', 'apns-channel-id': id },
      details: { broadcast: true, channelId: id, activityId: first.activityId },
    });
    expect(emulator.inbox.list(other.token)).toEqual([]);
  });

  it('answers TopicDisallowed when apns-topic is sent', async () => {
    const id = await create();
    const answer = await broadcast(id, { 'apns-topic': `${BUNDLE}.push-type.liveactivity` });
    expect([answer.status, answer.reason]).toEqual([400, 'TopicDisallowed']);
    expect(emulator.inbox.size).toBe(0);
  });

  it('takes only apns-expiration 0 on a no-storage channel (BadExpirationDate), any time on a storing one', async () => {
    const none = await create(0);
    const later = String(Math.floor(Date.now() / 1000) + 3600);
    expect((await broadcast(none, { 'apns-expiration': later })).reason).toBe('BadExpirationDate');
    expect((await broadcast(none, { 'apns-expiration': 'soon' })).reason).toBe('BadExpirationDate');
    const stored = await create(1);
    expect((await broadcast(stored, { 'apns-expiration': later })).status).toBe(200);
  });

  it('answers MissingChannelId, BadChannelId and ChannelNotRegistered (a deleted channel)', async () => {
    expect((await broadcast(undefined)).reason).toBe('MissingChannelId');
    expect((await broadcast('%%%')).reason).toBe('BadChannelId');
    const id = await create();
    await manage('DELETE', 'channels', { 'apns-channel-id': id });
    expect((await broadcast(id)).reason).toBe('ChannelNotRegistered');
  });

  it('checks push type, priority and body: MissingPushType, InvalidPushType, BadPriority, PayloadTooLarge', async () => {
    const id = await create();
    expect((await broadcast(id, { 'apns-push-type': '' })).reason).toBe('MissingPushType');
    expect((await broadcast(id, { 'apns-push-type': 'alert' })).reason).toBe('InvalidPushType');
    expect((await broadcast(id, { 'apns-priority': '7' })).reason).toBe('BadPriority');
    const big = JSON.stringify({ aps: { event: 'update', 'content-state': { text: 'x'.repeat(5200) } } });
    const tooLarge = await broadcast(id, {}, big);
    expect([tooLarge.status, tooLarge.reason]).toEqual([413, 'PayloadTooLarge']);
  });

  it('takes the push type in any case unless broadcastPushTypeCase is on', async () => {
    const id = await create();
    expect((await broadcast(id, { 'apns-push-type': 'LiveActivity' })).status).toBe(200);
    emulator.setCheck('broadcastPushTypeCase', true);
    expect((await broadcast(id, { 'apns-push-type': 'LiveActivity' })).reason).toBe('InvalidPushType');
    expect((await broadcast(id)).status).toBe(200);
  });

  it('hands a storing channel’s last broadcast to an activity that subscribes later', async () => {
    const id = await create(1);
    expect((await broadcast(id)).status).toBe(200);
    const late = emulator.createActivity({ bundleId: BUNDLE, channelIds: [id] });
    expect(emulator.inbox.list(late.token)).toMatchObject([{ payload: UPDATE, details: { storedMessage: true } }]);
    const none = await create(0);
    expect((await broadcast(none)).status).toBe(200);
    const another = emulator.createActivity({ bundleId: BUNDLE, channelIds: [none] });
    expect(emulator.inbox.list(another.token)).toEqual([]);
  });
});
