import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { sendJson, type AnyRequest, type AnyResponse } from '../common/admin';
import type { Inbox } from '../common/inbox';
import { deliver, STORED_MESSAGE_MS } from './channel-route';
import { liveActivityDetails, receiveLiveActivityPush } from './live-activity-device';
import { apnsEnvironmentSchema, type ApnsStore, type DeviceRecord } from './store';

const bundleId = z.string().regex(/^[A-Za-z0-9.\-_]+$/, 'a bundle id like com.example.app');
/**
 * `POST /__admin/activities` `{ bundleId, environment?, attributesType?, label?, channelIds? }`: an
 * emulated Live Activity, running on an emulated device. Its token is the activity's update
 * token (a `liveactivity` token: it takes only the `.push-type.liveactivity` topic), and it is
 * subscribed to the channels named.
 */
export const activityBodySchema = z.object({
  bundleId,
  environment: apnsEnvironmentSchema.optional(),
  attributesType: z.string().min(1).max(200).optional(),
  label: z.string().max(200).optional(),
  channelIds: z.array(z.string().min(1).max(512)).max(100).optional(),
});
/**
 * `POST /__admin/push-to-start-tokens` `{ bundleId, attributesType, environment?, label? }`: the
 * app's push-to-start token for that attributes type (201 when made now, 200 when it had one).
 */
export const pushToStartBodySchema = z.object({
  bundleId,
  attributesType: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'the Swift name of an ActivityAttributes struct'),
  environment: apnsEnvironmentSchema.optional(),
  label: z.string().max(200).optional(),
});
/** `PUT /__admin/channel-limit` `{ limit }`: channels allowed per environment (Apple: 10,000). */
const limitBodySchema = z.object({ limit: z.number().int().min(0).max(1_000_000) });

/**
 * `POST /__admin/live-activity-pushes` `{ token, headers, payload, details? }`: a Live Activity
 * push another emulator hands on (FCM's `apns.live_activity_token`), taken by the emulated device
 * as a push on `/3/device/<token>` would be (a start on a push-to-start token, stale and ended
 * updates dropped) and filed in the inbox with the caller's `details`.
 */
const handedPushSchema = z.object({
  token: z.string().min(1).max(512),
  headers: z.record(z.string(), z.string()),
  payload: z.string().max(1_000_000),
  details: z.record(z.string(), z.unknown()).optional(),
});

export interface ActivityAdminParts {
  store: ApnsStore;
  inbox: Inbox;
  now: () => number;
  limit: { value: number };
}

/**
 * The admin routes of emulated Live Activities and broadcast channels: `POST|GET
 * /__admin/activities`, `POST /__admin/live-activity-pushes` (above), `POST|GET /__admin/push-to-start-tokens`, `POST
 * /__admin/activities/<id>/rotate` (a new update token; the old one answers 410), `POST /__admin/activities/<id>/channels` `{ channelId }` (subscribe; a
 * message stored on the channel within 8 hours is delivered at once, as a device gets it),
 * `DELETE /__admin/activities/<id>/channels/<channel id>`, `GET /__admin/channels` (every
 * channel, both environments) and `PUT|GET /__admin/channel-limit`. False when the path is none
 * of them.
 */
export function handleActivityAdmin(
  req: AnyRequest,
  res: AnyResponse,
  path: string,
  body: unknown,
  parts: ActivityAdminParts,
): boolean {
  const method = req.method ?? 'GET';
  const { store } = parts;
  const invalid = (error: z.ZodError) => {
    sendJson(res, 400, { error: 'invalid body', issues: error.issues });
    return true;
  };
  if (path === '/__admin/activities' && method === 'POST') {
    const parsed = activityBodySchema.safeParse(body);
    if (!parsed.success) return invalid(parsed.error);
    sendJson(res, 201, createActivity(parts, parsed.data));
    return true;
  }
  if (path === '/__admin/activities' && method === 'GET') {
    sendJson(
      res,
      200,
      [...store.devices.values()].filter((d) => d.activityId),
    );
    return true;
  }
  if (path === '/__admin/live-activity-pushes' && method === 'POST') {
    const parsed = handedPushSchema.safeParse(body);
    if (!parsed.success) return invalid(parsed.error);
    const { token, headers, payload, details } = parsed.data;
    const device = store.device(token);
    const step = device ? receiveLiveActivityPush(store, device, payload, parts.now()) : null;
    const liveActivity = step ? liveActivityDetails(step) : {};
    parts.inbox.record({
      provider: 'apns',
      device: token.toLowerCase(),
      headers,
      payload,
      details: { ...details, ...liveActivity },
    });
    sendJson(res, 200, liveActivity);
    return true;
  }
  if (path === '/__admin/push-to-start-tokens' && method === 'POST') {
    const parsed = pushToStartBodySchema.safeParse(body);
    if (!parsed.success) return invalid(parsed.error);
    const { record, created } = store.pushToStartToken(parsed.data);
    sendJson(res, created ? 201 : 200, record);
    return true;
  }
  if (path === '/__admin/push-to-start-tokens' && method === 'GET') {
    sendJson(
      res,
      200,
      [...store.devices.values()].filter((d) => d.pushToStart),
    );
    return true;
  }
  const rotate = /^\/__admin\/activities\/([^/]+)\/rotate$/.exec(path);
  if (rotate && method === 'POST') {
    const rotated = rotateToken(parts, decodeURIComponent(rotate[1]!));
    sendJson(res, rotated ? 200 : 404, rotated ?? { error: 'no such activity' });
    return true;
  }
  const channels = /^\/__admin\/activities\/([^/]+)\/channels(?:\/([^/]+))?$/.exec(path);
  if (channels && method === 'POST' && channels[2] === undefined) {
    const parsed = z.object({ channelId: z.string().min(1).max(512) }).safeParse(body);
    if (!parsed.success) return invalid(parsed.error);
    const activity = subscribe(parts, decodeURIComponent(channels[1]!), parsed.data.channelId);
    sendJson(res, activity ? 200 : 404, activity ?? { error: 'no such activity' });
    return true;
  }
  if (channels && method === 'DELETE' && channels[2] !== undefined) {
    const activity = store.activity(decodeURIComponent(channels[1]!));
    if (activity) store.subscribe(activity, decodeURIComponent(channels[2]), false);
    sendJson(res, activity ? 200 : 404, activity ?? { error: 'no such activity' });
    return true;
  }
  if (path === '/__admin/channels' && method === 'GET') {
    sendJson(
      res,
      200,
      [...store.channels.values()].map(({ stored: _stored, ...channel }) => channel),
    );
    return true;
  }
  if (path === '/__admin/channel-limit' && method === 'PUT') {
    const parsed = limitBodySchema.safeParse(body);
    if (!parsed.success) return invalid(parsed.error);
    parts.limit.value = parsed.data.limit;
    sendJson(res, 200, { limit: parts.limit.value });
    return true;
  }
  if (path === '/__admin/channel-limit' && method === 'GET') {
    sendJson(res, 200, { limit: parts.limit.value });
    return true;
  }
  return false;
}

/** An emulated activity with its update token, subscribed to the channels named. */
export function createActivity(parts: ActivityAdminParts, input: z.input<typeof activityBodySchema>): DeviceRecord {
  const { channelIds, ...rest } = activityBodySchema.parse(input);
  const activity = parts.store.createDevice({ ...rest, tokenFor: 'liveactivity', activityId: randomUUID() });
  for (const channelId of channelIds ?? []) subscribe(parts, activity.activityId!, channelId);
  return activity;
}

/** The activity's new update token and the one it replaced (which now answers 410), or undefined. */
export function rotateToken(
  parts: Pick<ActivityAdminParts, 'store' | 'now'>,
  activityId: string,
): { activityId: string; token: string; previousToken: string } | undefined {
  const activity = parts.store.activity(activityId);
  if (!activity) return undefined;
  const rotated = parts.store.rotate(activity, parts.now());
  return { activityId, token: rotated.token, previousToken: activity.token };
}

/** Subscribes the activity; the channel's stored message (policy 1, under 8 hours old) arrives at once. */
function subscribe(parts: ActivityAdminParts, activityId: string, channelId: string) {
  const activity = parts.store.activity(activityId);
  if (!activity) return undefined;
  parts.store.subscribe(activity, channelId);
  const channel = parts.store.channels.get(channelId);
  const stored = channel?.stored;
  if (channel && stored && parts.now() - stored.at < STORED_MESSAGE_MS) {
    deliver(
      { inbox: parts.inbox, environment: channel.environment, store: parts.store, now: parts.now },
      activity,
      channel,
      stored.payload,
      stored.headers,
      randomUUID(),
      true,
    );
  }
  return activity;
}
