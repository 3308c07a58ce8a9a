import { randomUUID } from 'node:crypto';
import type { ApnsStore, DeviceRecord } from './store';

/** Why an emulated device dropped a Live Activity push APNs had accepted. */
export type DropKind = 'stale' | 'ended' | 'token' | 'invalid';

/**
 * What an emulated device did with one Live Activity push: recorded as the inbox entry's
 * `details.liveActivity`, so the inbox can show each activity's start, updates and end in order.
 */
export interface LiveActivityStep {
  /** The activity it belongs to; null when no activity took it (a dropped push to a push-to-start token). */
  activityId: string | null;
  event: string | null;
  timestamp: number | null;
  outcome: 'started' | 'updated' | 'ended' | 'dropped';
  /** A dropped push: why, as a kind and in words. */
  dropKind?: DropKind;
  dropped?: string;
  /** The content-state the activity shows after this push (unchanged when it was dropped). */
  contentState: unknown;
  /** A start: the activity's attributes type, attributes and new update token. */
  attributesType?: string;
  attributes?: unknown;
  updateToken?: string;
  /** A broadcast: the channel it came on; a start with `input-push-channel`: the channel the activity now listens to. */
  channelId?: string;
}

export interface LiveActivityChecks {
  liveActivityTokenRole: boolean;
}

/** An inbox entry's details for a step: the step itself, and its activity as the broadcasts name it. */
export function liveActivityDetails(step: LiveActivityStep): Record<string, unknown> {
  return { liveActivity: step, ...(step.activityId ? { activityId: step.activityId } : {}) };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The payload's `aps`, or null when the payload is not a JSON object with one. */
export function readAps(payload: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(payload);
    return isObject(value) && isObject(value['aps']) ? value['aps'] : null;
  } catch {
    return null;
  }
}

const eventOf = (aps: Record<string, unknown> | null) => (typeof aps?.['event'] === 'string' ? aps['event'] : null);
const timestampOf = (aps: Record<string, unknown> | null) =>
  typeof aps?.['timestamp'] === 'number' ? aps['timestamp'] : null;

function drop(
  activity: DeviceRecord | null,
  aps: Record<string, unknown> | null,
  dropKind: DropKind,
  dropped: string,
): LiveActivityStep {
  return {
    activityId: activity?.activityId ?? null,
    event: eventOf(aps),
    timestamp: timestampOf(aps),
    outcome: 'dropped',
    dropKind,
    dropped,
    contentState: activity?.contentState ?? null,
  };
}

/**
 * With `liveActivityTokenRole` on, the reason APNs answers when the event does not fit the token
 * (a start to an update token, an update or end to a push-to-start token); null otherwise.
 */
export function liveActivityRefusal(device: DeviceRecord, payload: string, checks: LiveActivityChecks): string | null {
  if (!checks.liveActivityTokenRole || (!device.pushToStart && !device.activityId)) return null;
  const isStart = eventOf(readAps(payload)) === 'start';
  return Boolean(device.pushToStart) !== isStart ? 'BadDeviceToken' : null;
}

/**
 * A `liveactivity` push to one of the emulator's tokens, as the device takes it: a start on a
 * push-to-start token makes an emulated activity; an update or end on an activity's update token
 * changes it. What a device would ignore is still delivered (APNs answered 200) but marked
 * dropped. Null when the token is neither kind (a bare `liveactivity` token).
 */
export function receiveLiveActivityPush(
  store: ApnsStore,
  device: DeviceRecord,
  payload: string,
  now: number,
): LiveActivityStep | null {
  if (!device.pushToStart && !device.activityId) return null;
  const aps = readAps(payload);
  const event = eventOf(aps);
  if (device.pushToStart) {
    if (event === 'start') return start(store, device, aps);
    return drop(
      null,
      aps,
      'token',
      `${event === null ? 'A push without an event' : `An ${event}`} sent to a push-to-start token: the device only starts activities with it; send updates to the activity’s update token`,
    );
  }
  if (event === 'start') {
    return drop(
      device,
      aps,
      'token',
      'A start sent to an activity’s update token: activities start only from the push-to-start token',
    );
  }
  return applyToActivity(store, device, aps, now);
}

/**
 * An update or end reaching a running activity (on its token or a channel it listens to). A
 * timestamp not newer than the last one taken is stale and dropped, as ActivityKit drops it; after
 * an end every push is dropped.
 */
export function applyToActivity(
  store: ApnsStore,
  activity: DeviceRecord,
  aps: Record<string, unknown> | null,
  now: number,
): LiveActivityStep {
  const event = eventOf(aps);
  const timestamp = timestampOf(aps);
  if (activity.endedAt !== undefined) {
    return drop(activity, aps, 'ended', 'The activity has ended: the device ignores every later push to it');
  }
  // Only a broadcast gets here with a start (a token's start is handled before).
  if (event === 'start') {
    return drop(activity, aps, 'invalid', 'A broadcast cannot start an activity; the running one ignores it');
  }
  if (event !== 'update' && event !== 'end') {
    return drop(activity, aps, 'invalid', `The device ignores a push whose "event" is ${JSON.stringify(event)}`);
  }
  if (timestamp === null) {
    return drop(activity, aps, 'invalid', 'No aps.timestamp (UNIX seconds): the device cannot order it and ignores it');
  }
  if (activity.lastTimestamp !== undefined && timestamp <= activity.lastTimestamp) {
    return drop(
      activity,
      aps,
      'stale',
      `Stale: timestamp ${timestamp} is not newer than ${activity.lastTimestamp}, the last one the activity took, so the device dropped it`,
    );
  }
  const state = aps?.['content-state'];
  if (event === 'update' && !isObject(state)) {
    return drop(activity, aps, 'invalid', 'An update without a content-state object: nothing for the activity to show');
  }
  store.updateActivity(activity, {
    lastTimestamp: timestamp,
    ...(isObject(state) ? { contentState: state } : {}),
    ...(event === 'end' ? { endedAt: now } : {}),
  });
  return {
    activityId: activity.activityId ?? null,
    event,
    timestamp,
    outcome: event === 'end' ? 'ended' : 'updated',
    contentState: activity.contentState ?? null,
  };
}

/** A start on a push-to-start token: a new emulated activity with its own update token. */
function start(store: ApnsStore, token: DeviceRecord, aps: Record<string, unknown> | null): LiveActivityStep {
  const type = aps?.['attributes-type'];
  const attributes = aps?.['attributes'];
  const state = aps?.['content-state'];
  const timestamp = timestampOf(aps);
  if (typeof type !== 'string') return drop(null, aps, 'invalid', 'A start without "attributes-type": nothing started');
  if (token.attributesType && type !== token.attributesType) {
    return drop(
      null,
      aps,
      'token',
      `This push-to-start token is for ${token.attributesType}, and the start names ${type}: nothing started`,
    );
  }
  if (!isObject(attributes))
    return drop(null, aps, 'invalid', 'A start without an "attributes" object: nothing started');
  if (!isObject(state)) return drop(null, aps, 'invalid', 'A start without a "content-state" object: nothing started');
  if (aps?.['alert'] === undefined) {
    return drop(null, aps, 'invalid', 'A start without an "alert": the device starts no activity without one');
  }
  if (timestamp === null) return drop(null, aps, 'invalid', 'A start without aps.timestamp: nothing started');
  const channel = aps?.['input-push-channel'];
  const channelId = typeof channel === 'string' && channel !== '' ? channel : undefined;
  const activity = store.createDevice({
    bundleId: token.bundleId,
    environment: token.environment,
    tokenFor: 'liveactivity',
    activityId: randomUUID(),
    attributesType: type,
    label: `${type} (push-to-start)`,
    channels: channelId ? [channelId] : undefined,
    activity: { attributes, contentState: state, lastTimestamp: timestamp, startedBy: token.token },
  });
  return {
    activityId: activity.activityId!,
    event: 'start',
    timestamp,
    outcome: 'started',
    contentState: state,
    attributesType: type,
    attributes,
    updateToken: activity.token,
    ...(channelId ? { channelId } : {}),
  };
}
