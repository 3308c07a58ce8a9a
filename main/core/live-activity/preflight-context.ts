import { deviceKey, deviceKind, type Device } from '../../../shared/domain/device';
import type { SendRequest } from '../../../shared/domain/send-request';
import type { LiveActivityContract } from '../../../shared/live-activity/contract';
import type { PreflightContext, TargetDevice } from '../../../shared/live-activity/context';
import { broadcastChannel } from '../../../shared/providers/apns/broadcast';
import type { HistoryStore } from '../workspace/history/store';
import type { LiveActivityContractStore } from '../workspace/live-activity-contracts';
import { ACTIVITY_SENDS_MAX, activityHistory } from './activity-history';

export type PreflightContextSource = (request: SendRequest, withHistory: boolean) => Promise<PreflightContext>;

/**
 * Looks up what preflight needs beyond the request, for APNs: for a single send, the saved device
 * the target (or broadcast channel) is, so a Live Activity event sent to the wrong kind of token is
 * said in words; for Live Activity pushes, the workspace's contracts and, for a single send, the
 * target's history (a rotated update token's earlier tokens too). A bulk send skips both lookups:
 * reading them back per target would cost more than the send.
 */
export function preflightContextSource(deps: {
  contracts: LiveActivityContractStore;
  history: HistoryStore;
  devices?: { list(): Promise<Device[]> };
  now?: () => number;
}): PreflightContextSource {
  const now = deps.now ?? (() => Date.now());
  return async (request, withHistory) => {
    if (request.provider !== 'apns') return {};
    const target = broadcastChannel(request) ?? request.target.trim();
    const saved = withHistory && deps.devices && target ? await findDevice(deps.devices, target) : undefined;
    const targetDevice = saved === undefined ? {} : { targetDevice: saved ? describe(saved) : null };
    if (request.options.pushType !== 'liveactivity') return targetDevice;
    // A contracts file someone broke by hand must not stop sends; preflight just checks less.
    const contracts: LiveActivityContract[] = await deps.contracts.list().catch(() => []);
    const targets = [target, ...(saved?.previousTargets ?? [])];
    const records =
      withHistory && target
        ? (await Promise.all(targets.map((t) => deps.history.sendsTo(t, ACTIVITY_SENDS_MAX)))).flat()
        : null;
    const at = now();
    return {
      ...targetDevice,
      liveActivity: { contracts, history: records ? activityHistory(records, at) : null, now: at },
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
