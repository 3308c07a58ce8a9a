import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApnsProvider } from '../../main/core/providers/apns';
import { ApnsChannelsClient, type ChannelContext } from '../../main/core/providers/apns/channels';
import { ApnsJwtCache } from '../../main/core/providers/apns/jwt';
import { createTransport } from '../../main/core/transport';
import type { Transport } from '../../main/core/transport/types';
import { LocalCa } from '../../main/emulators/common/ca';
import { startApnsEmulator, type RunningApnsEmulator } from '../../main/emulators/apns';
import type { Exchange } from '../../shared/domain/exchange';
import { isAppError } from '../../shared/errors';
import { apnsSendSchema } from '../../shared/providers/apns/message';
import { apnsLocalEnv, certificateCredential, tokenCredential } from '../support/apns-harness';

const BUNDLE = 'com.example.broadcast';
const UPDATE = JSON.stringify({ aps: { timestamp: 1, event: 'update', 'content-state': { score: 2 } } });
let ca: LocalCa;
let emulator: RunningApnsEmulator;
let key: { keyId: string; teamId: string; keyPem: string };
let transport: Transport;
let exchanges: Exchange[];
const client = new ApnsChannelsClient(new ApnsJwtCache(() => Date.now()));
const provider = createApnsProvider();

const local = () => ({ ...apnsLocalEnv(emulator.baseUrl, ca.certPem), channels: { apns: emulator.channelsUrl } });
const ctx = (credential = tokenCredential(key, 'channels-key')): ChannelContext => ({
  transport,
  credential,
  environment: 'local',
  local: local(),
});

async function refusal(work: Promise<unknown>): Promise<{ code: string; message: string; hint?: string }> {
  try {
    await work;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message, hint: error.hint ?? '' };
    throw error;
  }
  throw new Error('expected a refusal');
}

const broadcast = (
  channelId: string,
  options: Record<string, unknown> = {},
  credential = tokenCredential(key, 'channels-key'),
) =>
  provider.send(
    apnsSendSchema.parse({
      provider: 'apns',
      credential: credential.meta.id,
      environment: 'local',
      target: channelId,
      options: { pushType: 'liveactivity', topic: BUNDLE, channelId, ...options },
      payload: UPDATE,
    }),
    { transport, credential, local: local() },
  );

beforeAll(async () => {
  ca = LocalCa.create();
  emulator = await startApnsEmulator({ ca, channelLimit: 2 });
  key = emulator.createKey({ teamId: 'TEAMCHANNL' });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  exchanges = [];
  transport = createTransport({ onExchange: (exchange) => exchanges.push(exchange) });
  emulator.faults.clear();
  emulator.inbox.clear();
  emulator.setCheck('broadcastCapability', true);
  for (const id of await client.list(ctx(), BUNDLE)) await client.delete(ctx(), BUNDLE, id);
  exchanges = [];
});

describe('APNs channels client against the emulator', () => {
  it('creates, reads, lists and deletes, each call an exchange with the provider token redacted', async () => {
    const { channel, requestId } = await client.create(ctx(), BUNDLE, 1);
    expect(channel).toMatchObject({ storagePolicy: 1, pushType: 'LiveActivity' });
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await client.get(ctx(), BUNDLE, channel.channelId)).toEqual(channel);
    expect(await client.list(ctx(), BUNDLE)).toEqual([channel.channelId]);
    await client.delete(ctx(), BUNDLE, channel.channelId);
    expect(await client.list(ctx(), BUNDLE)).toEqual([]);
    const calls = exchanges.map((x) => `${x.method} ${new URL(x.url).pathname} ${x.status}`);
    expect(calls).toEqual([
      `POST /1/apps/${BUNDLE}/channels 201`,
      `GET /1/apps/${BUNDLE}/channels 200`,
      `GET /1/apps/${BUNDLE}/all-channels 200`,
      `DELETE /1/apps/${BUNDLE}/channels 204`,
      `GET /1/apps/${BUNDLE}/all-channels 200`,
    ]);
    expect(exchanges.every((x) => x.purpose === 'other' && x.provider === 'apns')).toBe(true);
    expect(exchanges[0]!.redactions.length).toBeGreaterThan(0);
    const auth = exchanges[0]!.requestHeaders.find(([name]) => name === 'authorization')?.[1] ?? '';
    expect(auth).not.toMatch(/^bearer ey[\w-]+\.[\w-]+\.[\w-]{20,}$/);
  });

  it('works with certificate auth too', async () => {
    const cert = emulator.issueCertificate({ bundleId: BUNDLE });
    const credential = certificateCredential(cert, 'channels-cert');
    const { channel } = await client.create(ctx(credential), BUNDLE, 0);
    expect(await client.list(ctx(credential), BUNDLE)).toEqual([channel.channelId]);
  });

  it('says each refusal in words: CannotCreateChannelConfig, ChannelNotRegistered, BadChannelId, MissingChannelId', async () => {
    await client.create(ctx(), BUNDLE, 0);
    await client.create(ctx(), BUNDLE, 0);
    const full = await refusal(client.create(ctx(), BUNDLE, 0));
    expect(full.message).toBe(
      `APNs refused to create a channel for ${BUNDLE} (400 CannotCreateChannelConfig): The app already has the most channels APNs allows in this environment (10,000).`,
    );
    expect(full.hint).toContain('Delete channels');
    const unknown = await refusal(client.get(ctx(), BUNDLE, Buffer.from('gone').toString('base64')));
    expect(unknown.code).toBe('NOT_FOUND');
    expect(unknown.message).toContain(
      'ChannelNotRegistered): There is no such channel for this app in this environment',
    );
    expect((await refusal(client.delete(ctx(), BUNDLE, 'not base64!'))).message).toContain(
      'BadChannelId): The apns-channel-id is not a valid channel id.',
    );
    expect((await refusal(client.get(ctx(), BUNDLE, ''))).message).toContain('MissingChannelId');
  });

  it('says TopicMismatch and FeatureNotEnabled in words', async () => {
    const narrow = emulator.createKey({ teamId: 'TEAMNARROW', topics: ['com.example.other'] });
    // Its own connection: APNs refuses another team's key on a connection (UnrelatedKeyIdInToken).
    const own = { ...ctx(tokenCredential(narrow, 'narrow')), transport: createTransport() };
    const mismatch = await refusal(client.list(own, BUNDLE));
    expect(mismatch.code).toBe('FORBIDDEN');
    expect(mismatch.message).toContain('(403 TopicMismatch): The key or certificate does not cover this bundle id.');
    emulator.setCheck('broadcastCapability', false);
    const disabled = await refusal(client.list(ctx(), BUNDLE));
    expect(disabled.message).toContain('FeatureNotEnabled): Broadcast push is not enabled for this app.');
    expect(disabled.hint).toContain('developer portal');
  });

  it('refuses to talk to a local emulator that publishes no channel host', async () => {
    const noChannels = { ...ctx(), local: apnsLocalEnv(emulator.baseUrl, ca.certPem) };
    expect((await refusal(client.list(noChannels, BUNDLE))).message).toContain('channel management host');
  });
});

describe('APNs broadcast send through the provider', () => {
  it('broadcasts to every subscribed activity, without apns-topic and with apns-expiration 0', async () => {
    const { channel } = await client.create(ctx(), BUNDLE, 0);
    const a = emulator.createActivity({ bundleId: BUNDLE, channelIds: [channel.channelId] });
    const b = emulator.createActivity({ bundleId: BUNDLE, channelIds: [channel.channelId] });
    exchanges = [];
    const result = await broadcast(channel.channelId);
    expect(result).toMatchObject({ outcome: 'accepted', status: 200 });
    expect(result.messageIds['apns-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(
      emulator.inbox
        .list()
        .map((d) => d.device)
        .sort(),
    ).toEqual([a.token, b.token].sort());
    const sent = exchanges[0]!;
    expect(new URL(sent.url).pathname).toBe(`/4/broadcasts/apps/${BUNDLE}`);
    expect(sent.purpose).toBe('send');
    const names = sent.requestHeaders.map(([name]) => name);
    expect(names).not.toContain('apns-topic');
    expect(sent.requestHeaders).toContainEqual(['apns-expiration', '0']);
    expect(sent.requestHeaders).toContainEqual(['apns-channel-id', channel.channelId]);
  });

  it('maps BadExpirationDate on a no-storage channel, and ChannelNotRegistered, to channel words', async () => {
    const { channel } = await client.create(ctx(), BUNDLE, 0);
    const late = await broadcast(channel.channelId, { expiration: Math.floor(Date.now() / 1000) + 600 });
    expect(late).toMatchObject({ outcome: 'rejected', status: 400, reason: 'BadExpirationDate' });
    expect(late.explanation).toBe(
      'The apns-expiration is not allowed for this channel: a channel that stores no message takes only 0.',
    );
    await client.delete(ctx(), BUNDLE, channel.channelId);
    const gone = await broadcast(channel.channelId);
    expect(gone.reason).toBe('ChannelNotRegistered');
    expect(gone.hint).toContain('cannot be shared between sandbox and production');
  });

  it('says TopicDisallowed, which it never causes itself, in words when APNs answers it', async () => {
    const { channel } = await client.create(ctx(), BUNDLE, 0);
    emulator.faults.add({
      match: { path: '/4/broadcasts/' },
      action: { kind: 'status', status: 400, reason: 'TopicDisallowed' },
    });
    const result = await broadcast(channel.channelId);
    expect(result.reason).toBe('TopicDisallowed');
    expect(result.explanation).toBe('A broadcast must not carry apns-topic: the app is named in the path.');
  });

  it('preflight: a broadcast needs no device token but the liveactivity push type and a base64 channel id', () => {
    const issues = (options: Record<string, unknown>) =>
      provider
        .preflight(
          apnsSendSchema.parse({
            provider: 'apns',
            credential: 'x',
            environment: 'local',
            target: '',
            options: { topic: BUNDLE, ...options },
            payload: UPDATE,
          }),
          null,
        )
        .map((issue) => issue.code);
    expect(issues({ pushType: 'liveactivity', channelId: 'dHN0LXNyY2gtY2hubA==' })).not.toContain('apns.token.missing');
    expect(issues({ pushType: 'alert', channelId: 'dHN0LXNyY2gtY2hubA==' })).toContain('apns.broadcast.push-type');
    expect(issues({ pushType: 'liveactivity', channelId: 'no spaces!' })).toContain('apns.broadcast.channel-id');
    expect(issues({ pushType: 'liveactivity' })).toContain('apns.token.missing');
  });
});
