import type { DeviceKind } from '../../domain/device';
import type { TargetDevice } from '../../live-activity/context';
import type { PreflightIssue } from '../../preflight/types';
import { DEVICE_KIND_NOUNS } from './device-kinds';

/** What a Live Activity payload asks of its target: the event and, when the payload names one, the attributes type. */
export interface LiveActivityAsk {
  event: 'start' | 'update' | 'end' | null;
  attributesType: string | null;
}

/** Reads `aps.event` and `aps.attributes-type`; anything unreadable asks nothing. */
export function liveActivityAsk(payload: string): LiveActivityAsk {
  let aps: unknown;
  try {
    aps = (JSON.parse(payload) as { aps?: unknown } | null)?.aps;
  } catch {
    return { event: null, attributesType: null };
  }
  if (typeof aps !== 'object' || aps === null) return { event: null, attributesType: null };
  const { event, 'attributes-type': type } = aps as Record<string, unknown>;
  return {
    event: event === 'start' || event === 'update' || event === 'end' ? event : null,
    attributesType: typeof type === 'string' && type.trim() !== '' ? type.trim() : null,
  };
}

/**
 * The kinds of target each event goes to (Apple's "Starting and updating Live Activities with
 * ActivityKit push notifications"): a start to a push-to-start token, an update or end to the
 * activity's own update token or, as a broadcast (iOS 18), to a channel it is subscribed to.
 */
export function kindsFor(event: LiveActivityAsk['event']): readonly DeviceKind[] {
  if (event === 'start') return ['push-to-start'];
  if (event === 'update' || event === 'end') return ['update', 'channel'];
  return ['push-to-start', 'update', 'channel'];
}

/** Whether a saved device is one the composer should offer for this payload. */
export function fitsLiveActivity(device: Pick<TargetDevice, 'kind' | 'attributesType'>, ask: LiveActivityAsk): boolean {
  if (!kindsFor(ask.event).includes(device.kind)) return false;
  return ask.attributesType === null || !device.attributesType || device.attributesType === ask.attributesType;
}

const WANTS: Record<'start' | 'update' | 'end', string> = {
  start: 'A start needs a push-to-start token',
  update: 'An update needs the activity’s update token or a broadcast channel',
  end: 'An end needs the activity’s update token or a broadcast channel',
};

function issue(severity: PreflightIssue['severity'], message: string): PreflightIssue {
  return { severity, code: 'apns.liveactivity.target-kind', message, path: 'target' };
}

/**
 * Whether the saved device the send goes to is the kind of target its push asks for, in words
 * naming the device ("A start needs a push-to-start token; Sandbox iPhone is an update token").
 * `device` is null when no saved device has the target: then only a broadcast start is known wrong.
 */
export function targetKindIssues(input: {
  pushType: string;
  payload: string;
  broadcast: boolean;
  device: TargetDevice | null;
}): PreflightIssue[] {
  const { device, broadcast } = input;
  if (input.pushType !== 'liveactivity') {
    if (!device || device.kind === 'token') return [];
    return [
      issue(
        'warning',
        `${device.label} is ${DEVICE_KIND_NOUNS[device.kind]}: it takes Live Activity pushes only (push type liveactivity), not ${input.pushType}`,
      ),
    ];
  }
  // Nothing to compare against: skip reading the payload (a bulk send's items get here per target).
  if (!device && !broadcast) return [];
  const ask = liveActivityAsk(input.payload);
  if (ask.event === null) return [];
  if (broadcast && ask.event === 'start')
    return [issue('error', `${WANTS.start}; a broadcast channel carries only update and end`)];
  if (!device) return [];
  const kind = broadcast ? 'channel' : device.kind;
  if (!kindsFor(ask.event).includes(kind))
    return [issue('error', `${WANTS[ask.event]}; ${device.label} is ${DEVICE_KIND_NOUNS[device.kind]}`)];
  if (device.kind === 'channel' && !broadcast)
    return [
      issue(
        'error',
        `${device.label} is a broadcast channel: send to it as a broadcast, with its id as the channel (apns-channel-id)`,
      ),
    ];
  if (ask.attributesType && device.attributesType && ask.attributesType !== device.attributesType)
    return [
      issue(
        'warning',
        `${device.label} is for ${device.attributesType}; this ${ask.event}’s attributes-type is ${ask.attributesType}, so the device will not show it`,
      ),
    ];
  return [];
}
