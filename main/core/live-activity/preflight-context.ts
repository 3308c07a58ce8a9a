import { deviceKey, deviceKind, type Device } from '../../../shared/domain/device';
import type { SendRequest } from '../../../shared/domain/send-request';
import type { LiveActivityContract } from '../../../shared/live-activity/contract';
import type { PreflightContext, TargetDevice } from '../../../shared/live-activity/context';
import { broadcastChannel } from '../../../shared/providers/apns/broadcast';
import { fcmLiveActivityToken } from '../../../shared/providers/fcm/live-activity';
import type { HistoryStore } from '../workspace/history/store';
import type { LiveActivityContractStore } from '../workspace/live-activity-contracts';
import { ACTIVITY_SENDS_MAX, activityHistory } from './activity-history';

export type PreflightContextSource = (request: SendRequest, withHistory: boolean) => Promise<PreflightContext>;

/**
 * Looks up what preflight needs beyond the request. For APNs and a single send, the saved device
 * the target (or broadcast channel) is, so a Live Activity event sent to the wrong kind of token is
 * said in words. For Live Activity pushes (APNs liveactivity, or an FCM message with
 * apns.live_activity_token), the workspace's contracts and, for a single send, the activity's
 * history (a rotated update token's earlier tokens too, and its sends through FCM). A bulk send
 * skips both lookups: reading them back per target would cost more than the send.
 */
export function preflightContextSource(deps: {
  contracts: LiveActivityContractStore;
  history: HistoryStore;
  devices?: { list(): Promise<Device[]> };
  now?: () => number;
}): PreflightContextSource {
  const now = deps.now ?? (() => Date.now());
  return async (request, withHistory) => {
    const activity = activityOf(request);
    const target = request.provider === 'apns' ? (broadcastChannel(request) ?? request.target.trim()) : '';
    const saved = withHistory && deps.devices && target ? await findDevice(deps.devices, target) : undefined;
    const targetDevice = saved === undefined ? {} : { targetDevice: saved ? describe(saved) : null };
    if (!activity) return targetDevice;
    // A contracts file someone broke by hand must not stop sends; preflight just checks less.
    const contracts: LiveActivityContract[] = await deps.contracts.list().catch(() => []);
    const records =
      withHistory && activity.token
        ? await sendsToActivity(deps.history, activity, saved?.previousTargets ?? [])
        : null;
    const at = now();
    return {
      ...targetDevice,
      liveActivity: {
        contracts,
        history: records ? activityHistory(records, at, activity.token) : null,
        now: at,
      },
    };
  };
}

/** The active APNs device with this target, null when none; a broken devices file only means no kind checks. */
async function findDevice(devices: { list(): Promise<Device[]> }, target: string): Promise<Device | null> {
  const key = deviceKey('apns', target);
  const all = await devices.list().catch(() => [] as Device[]);
  return all.find((d) => d.provider === 'apns' && d.state === 'active' && deviceKey('apns', d.target) === key) ?? null;
}

function describe(device: Device): TargetDevice {
  return {
    label: device.label,
    kind: deviceKind(device),
    ...(device.attributesType ? { attributesType: device.attributesType } : {}),
    ...(device.activityId ? { activityId: device.activityId } : {}),
  };
}

interface ActivityTarget {
  /** The activity's token (or channel id) as APNs sees it; '' when none is given yet. */
  token: string;
  /** FCM's route: the app's registration token the message is addressed to. */
  fcmTarget?: string;
}

/** Which Live Activity a send is for: an APNs liveactivity push's target, or an FCM message's apns.live_activity_token. */
function activityOf(request: SendRequest): ActivityTarget | null {
  if (request.provider === 'apns')
    return request.options.pushType === 'liveactivity'
      ? { token: broadcastChannel(request) ?? request.target.trim() }
      : null;
  if (request.provider !== 'fcm') return null;
  const token = fcmLiveActivityToken(request.payload);
  return token === null ? null : { token, fcmTarget: request.target.trim() };
}

/**
 * The activity's sends both ways: straight to its token (and the update tokens it had before a
 * rotation) through APNs, and through FCM to the app's token.
 */
async function sendsToActivity(history: HistoryStore, activity: ActivityTarget, earlier: readonly string[]) {
  const tokens = [activity.token, ...earlier];
  const direct = (await Promise.all(tokens.map((token) => history.sendsTo(token, ACTIVITY_SENDS_MAX)))).flat();
  const viaFcm =
    activity.fcmTarget && activity.fcmTarget !== activity.token
      ? await history.sendsTo(activity.fcmTarget, ACTIVITY_SENDS_MAX)
      : [];
  return [...direct, ...viaFcm];
}
