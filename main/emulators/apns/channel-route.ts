import { randomUUID } from 'node:crypto';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import { setTimeout as sleep } from 'node:timers/promises';
import { APNS_ID_PATTERN, bundleIdOfTopic } from '../../../shared/providers/apns/push-types';
import { APNS_BROADCAST_PAYLOAD_LIMIT, isChannelId } from '../../../shared/providers/apns/channels';
import { readBody } from '../common/admin';
import { dropConnection } from '../common/drop';
import { applyToActivity, liveActivityDetails, readAps } from './live-activity-device';
import { first, readPeer, type PushContext } from './push-route';
import type { ChannelRecord, DeviceRecord } from './store';

export const BROADCAST_PREFIX = '/4/broadcasts/apps/';
/** A stored message lives up to 8 hours (protocols.md §1.6). */
export const STORED_MESSAGE_MS = 8 * 60 * 60_000;

export interface ChannelContext extends PushContext {
  /** Channels allowed per environment: Apple's 10,000, lower in tests. */
  channelLimit: () => number;
}

type Reply = (status: number, reason: string | null, body?: unknown, headers?: Record<string, string>) => void;

function replier(req: Http2ServerRequest, res: Http2ServerResponse, ctx: ChannelContext): Reply & { id: string } {
  const given = first(req, 'apns-request-id');
  // Echoed when it is a UUID, made otherwise (protocols.md §1.6).
  const id = given && new RegExp(APNS_ID_PATTERN.source, 'i').test(given) ? given : randomUUID();
  const reply = (status: number, reason: string | null, body?: unknown, headers: Record<string, string> = {}) => {
    const out: Record<string, string> = { 'apns-request-id': id, date: new Date(ctx.now()).toUTCString(), ...headers };
    const value = reason !== null ? { reason } : body;
    if (value === undefined) {
      res.writeHead(status, out);
      res.end();
      return;
    }
    const text = JSON.stringify(value);
    res.writeHead(status, {
      ...out,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(text)),
    });
    res.end(text);
  };
  return Object.assign(reply, { id });
}

/**
 * The provider's auth (the certificate, else the provider token, with the device push's rules),
 * whether the app has the capability, and whether the credential covers the bundle id. The reason
 * to answer, or null when all is well.
 */
function authorize(req: Http2ServerRequest, ctx: ChannelContext, bundleId: string): [number, string] | null {
  const connection = ctx.connection(req);
  const peer = readPeer(req, connection);
  if (peer && !peer.authorized) return [403, 'BadCertificate'];
  let covered: string[] | undefined;
  if (peer) {
    if (ctx.environment === 'sandbox' ? !peer.sandbox : !peer.production) return [403, 'BadCertificateEnvironment'];
    covered = (peer.topics.length ? peer.topics : peer.bundleId ? [peer.bundleId] : []).map(bundleIdOfTopic);
  } else {
    const verified = ctx.jwts.verify(first(req, 'authorization'), ctx.environment, connection, ctx.now(), ctx.checks);
    if ('status' in verified) return [verified.status, verified.reason];
    covered = verified.key.topics;
  }
  connection.opened = true;
  if (!ctx.checks.broadcastCapability) return [400, 'FeatureNotEnabled'];
  if (covered && !covered.includes(bundleId)) return [403, 'TopicMismatch'];
  const requestId = first(req, 'apns-request-id');
  if (requestId !== undefined && !new RegExp(APNS_ID_PATTERN.source, 'i').test(requestId)) return [400, 'BadMessageId'];
  return null;
}

/** A fault rule for the path, applied as on the push host; true when it answered. */
async function fault(req: Http2ServerRequest, reply: Reply, ctx: ChannelContext, path: string): Promise<boolean> {
  const picked = ctx.faults.pick({ path, device: first(req, 'apns-channel-id') ?? '' });
  if (!picked) return false;
  if (picked.kind === 'delay') {
    await sleep(picked.ms);
    return false;
  }
  if (picked.kind === 'status') {
    reply(picked.status, picked.reason ?? (picked.status >= 500 ? 'InternalServerError' : 'BadRequestParams'));
    return true;
  }
  if (picked.kind === 'reset' && picked.scope === 'connection') dropConnection(req);
  else req.stream.close();
  return true;
}

/** The channel a request names, or the reason it names none this app has here. */
function namedChannel(req: Http2ServerRequest, ctx: ChannelContext, bundleId: string): ChannelRecord | string {
  const id = first(req, 'apns-channel-id');
  if (id === undefined || id === '') return 'MissingChannelId';
  if (!isChannelId(id)) return 'BadChannelId';
  const channel = ctx.store.channels.get(id);
  if (!channel || channel.bundleId !== bundleId || channel.environment !== ctx.environment)
    return 'ChannelNotRegistered';
  return channel;
}

const pushTypeIs = (given: string, wanted: string, exact: boolean) =>
  exact ? given === wanted : given.toLowerCase() === wanted.toLowerCase();

/**
 * The channel management host (`api-manage-broadcast[.sandbox].push.apple.com`): create, read,
 * delete `/1/apps/<bundle>/channels` and list `/1/apps/<bundle>/all-channels`.
 */
export async function handleChannelManagement(
  req: Http2ServerRequest,
  res: Http2ServerResponse,
  ctx: ChannelContext,
): Promise<void> {
  const reply = replier(req, res, ctx);
  const path = (req.url ?? '').split('?')[0]!;
  if (await fault(req, reply, ctx, path)) return;
  const match = /^\/1\/apps\/([A-Za-z0-9.\-_]+)\/(channels|all-channels)$/.exec(path);
  if (!match) return reply(404, 'BadPath');
  const [, bundleId, resource] = match as unknown as [string, string, 'channels' | 'all-channels'];
  const method = req.method ?? 'GET';
  const allowed = resource === 'channels' ? ['POST', 'GET', 'DELETE'] : ['GET'];
  if (!allowed.includes(method)) return reply(405, 'MethodNotAllowed');
  const body = await readBody(req, 64 * 1024).catch(() => null);
  if (body === null) return reply(413, 'PayloadTooLarge');
  const refused = authorize(req, ctx, bundleId);
  if (refused) return reply(refused[0], refused[1]);
  if (resource === 'all-channels') {
    return reply(200, null, { channels: ctx.store.channelsOf(bundleId, ctx.environment).map((c) => c.channelId) });
  }
  if (method === 'POST') return createChannel(body, bundleId, reply, ctx);
  const channel = namedChannel(req, ctx, bundleId);
  if (typeof channel === 'string') return reply(400, channel);
  if (method === 'DELETE') {
    ctx.store.deleteChannel(channel.channelId);
    return reply(204, null);
  }
  reply(200, null, { 'message-storage-policy': channel.storagePolicy, 'push-type': 'LiveActivity' });
}

function createChannel(body: Buffer, bundleId: string, reply: Reply, ctx: ChannelContext): void {
  if (body.length === 0) return reply(400, 'PayloadEmpty');
  let settings: unknown;
  try {
    settings = JSON.parse(body.toString('utf8'));
  } catch {
    return reply(400, 'BadRequestPayload');
  }
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings))
    return reply(400, 'BadRequestPayload');
  const fields = settings as Record<string, unknown>;
  if (Object.keys(fields).some((key) => key !== 'message-storage-policy' && key !== 'push-type')) {
    return reply(400, 'BadRequestParams');
  }
  const pushType = fields['push-type'];
  if (pushType === undefined) return reply(400, 'MissingPushType');
  if (typeof pushType !== 'string' || !pushTypeIs(pushType, 'LiveActivity', ctx.checks.broadcastPushTypeCase)) {
    return reply(400, 'InvalidPushType');
  }
  const policy = fields['message-storage-policy'];
  if (policy !== 0 && policy !== 1) return reply(400, 'BadRequestParams');
  if (ctx.store.countChannels(ctx.environment) >= ctx.channelLimit()) return reply(400, 'CannotCreateChannelConfig');
  const channel = ctx.store.createChannel({ bundleId, environment: ctx.environment, storagePolicy: policy });
  reply(201, null, undefined, { 'apns-channel-id': channel.channelId });
}

/** `POST /4/broadcasts/apps/<bundle>` on the push host: every activity subscribed to the channel gets it. */
export async function handleBroadcast(
  req: Http2ServerRequest,
  res: Http2ServerResponse,
  ctx: ChannelContext,
): Promise<void> {
  const reply = replier(req, res, ctx);
  const path = (req.url ?? '').split('?')[0]!;
  if (await fault(req, reply, ctx, path)) return;
  if (req.method !== 'POST') return reply(405, 'MethodNotAllowed');
  const bundleId = decodeURIComponent(path.slice(BROADCAST_PREFIX.length));
  if (!/^[A-Za-z0-9.\-_]+$/.test(bundleId)) return reply(404, 'BadPath');
  const body = await readBody(req, APNS_BROADCAST_PAYLOAD_LIMIT).catch(() => null);
  if (body === null) return reply(413, 'PayloadTooLarge');
  const refused = authorize(req, ctx, bundleId);
  if (refused) return reply(refused[0], refused[1]);
  // "Don't send apns-topic": the app is in the path.
  if (first(req, 'apns-topic') !== undefined) return reply(400, 'TopicDisallowed');
  const pushType = first(req, 'apns-push-type');
  if (pushType === undefined || pushType === '') return reply(400, 'MissingPushType');
  if (!pushTypeIs(pushType, 'liveactivity', ctx.checks.broadcastPushTypeCase)) return reply(400, 'InvalidPushType');
  const priority = first(req, 'apns-priority');
  if (priority === undefined || !['10', '5', '1'].includes(priority)) return reply(400, 'BadPriority');
  const channel = namedChannel(req, ctx, bundleId);
  if (typeof channel === 'string') return reply(400, channel);
  const expiration = first(req, 'apns-expiration');
  if (expiration === undefined || !/^\d+$/.test(expiration)) return reply(400, 'BadExpirationDate');
  if (channel.storagePolicy === 0 && expiration !== '0') return reply(400, 'BadExpirationDate');
  if (body.length === 0) return reply(400, 'PayloadEmpty');
  try {
    JSON.parse(body.toString('utf8'));
  } catch {
    return reply(400, 'BadRequestPayload');
  }
  const headers = { 'apns-push-type': 'liveactivity', 'apns-priority': priority, 'apns-expiration': expiration };
  const payload = body.toString('utf8');
  for (const activity of ctx.store.subscribers(channel)) deliver(ctx, activity, channel, payload, headers, reply.id);
  if (channel.storagePolicy === 1) ctx.store.storeMessage(channel, { payload, headers, at: ctx.now() });
  const extra: Record<string, string> = ctx.environment === 'sandbox' ? { 'apns-unique-id': randomUUID() } : {};
  reply(200, null, undefined, extra);
}

/** A broadcast reaching one subscribed activity: the device takes it as any update (stale ones dropped). */
export function deliver(
  ctx: Pick<PushContext, 'inbox' | 'environment' | 'store' | 'now'>,
  activity: DeviceRecord,
  channel: ChannelRecord,
  payload: string,
  headers: Record<string, string>,
  requestId: string,
  stored = false,
): void {
  const step = activity.activityId ? applyToActivity(ctx.store, activity, readAps(payload), ctx.now()) : null;
  ctx.inbox.record({
    provider: 'apns',
    device: activity.token,
    headers: { ...headers, 'apns-channel-id': channel.channelId },
    payload,
    details: {
      broadcast: true,
      channelId: channel.channelId,
      requestId,
      environment: ctx.environment,
      ...(activity.activityId ? { activityId: activity.activityId } : {}),
      ...(stored ? { storedMessage: true } : {}),
      ...(step ? liveActivityDetails({ ...step, channelId: channel.channelId }) : {}),
    },
  });
}
