import type { DeviceKind } from '../../domain/device';
import { isChannelId } from './channels';

/**
 * The kinds of APNs target a device can be (ActivityKit, "Starting and updating Live Activities
 * with ActivityKit push notifications"; broadcast channels, protocols.md §1.6). A push-to-start
 * token is one per app and attributes type; an update token is one per activity and rotates; a
 * channel id is the base64 text the channel management host returned.
 */
export const DEVICE_KIND_WORDS: Readonly<Record<DeviceKind, string>> = {
  token: 'Device token',
  'push-to-start': 'Push-to-start token',
  update: 'Update token',
  channel: 'Broadcast channel',
};

/** The same words inside a sentence ("Sandbox iPhone is an update token"). */
export const DEVICE_KIND_NOUNS: Readonly<Record<DeviceKind, string>> = {
  token: 'an ordinary device token',
  'push-to-start': 'a push-to-start token',
  update: 'an update token',
  channel: 'a broadcast channel',
};

/** What each kind is for, under the editor's choice. */
export const DEVICE_KIND_HELP: Readonly<Record<DeviceKind, string>> = {
  token: 'The app’s device token: alerts, background pushes and every push type but Live Activities.',
  'push-to-start':
    'From Activity<…>.pushToStartTokenUpdates (iOS 17.2+): starts a Live Activity of this attributes type; one per app and type.',
  update:
    'From activity.pushTokenUpdates: updates and ends that one activity. It rotates; paste the new one here and the device keeps its name and history.',
  channel:
    'A broadcast channel id (iOS 18), base64 as the channel management host returned it: updates and ends every activity subscribed to it.',
};

/** Swift type names, possibly nested (`Outer.DeliveryAttributes`). */
const SWIFT_TYPE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;

export interface KindFields {
  kind?: DeviceKind | undefined;
  attributesType?: string | undefined;
  activityId?: string | undefined;
}

export interface KindProblem {
  field: 'kind' | 'attributesType' | 'activityId';
  reason: string;
}

/** Why these kind fields do not fit together, in words for the editor and imports, or null. */
export function apnsKindProblem(fields: KindFields): KindProblem | null {
  const kind = fields.kind ?? 'token';
  const type = fields.attributesType?.trim() ?? '';
  const activity = fields.activityId?.trim() ?? '';
  if (kind === 'token') {
    if (type)
      return {
        field: 'attributesType',
        reason: 'An ordinary device token has no attributes type; choose the Live Activity kind this token is.',
      };
    if (activity)
      return { field: 'activityId', reason: 'Only an update token belongs to one activity; this is a device token.' };
    return null;
  }
  if (!type)
    return {
      field: 'attributesType',
      reason: `${DEVICE_KIND_WORDS[kind]}s belong to one ActivityAttributes type; enter its Swift name (e.g. DeliveryAttributes).`,
    };
  if (!SWIFT_TYPE_NAME.test(type))
    return {
      field: 'attributesType',
      reason: `"${type}" is not a Swift type name (letters, digits and _, not starting with a digit).`,
    };
  if (kind === 'update') {
    if (!activity)
      return {
        field: 'activityId',
        reason: 'An update token belongs to one activity; enter its activity id (ActivityKit’s activity.id).',
      };
    if (/\s/.test(activity)) return { field: 'activityId', reason: 'An activity id has no spaces.' };
    return null;
  }
  if (activity)
    return {
      field: 'activityId',
      reason: `Only an update token belongs to one activity; ${DEVICE_KIND_NOUNS[kind]} has no activity id.`,
    };
  return null;
}

/** Why this trimmed, non-empty text cannot be a broadcast channel id, or null. */
export function channelIdProblem(target: string): string | null {
  if (/^[0-9a-f]{64,}$/i.test(target))
    return 'This is a hex device token, not a channel id: a channel id is the base64 text the channel management host returned (e.g. dHN0LXNydnItY2hubA==).';
  if (!isChannelId(target))
    return 'A channel id is base64 (letters, digits, + / or - _, then up to two =), as the channel management host returned it.';
  return null;
}
