import type { DeviceKind } from '../domain/device';
import type { LiveActivityContract } from './contract';

/**
 * What preflight can know about a Live Activity send beyond the request, looked up by main: the
 * workspace's contracts and what history holds for the target (a token or a channel id).
 */
export interface LiveActivityHistory {
  /** The highest `aps.timestamp` of an accepted Live Activity push to this target. */
  lastTimestamp: number | null;
  /** Accepted Live Activity pushes at priority 10 (or no priority, which APNs takes as 10) in the last hour. */
  priority10LastHour: number;
  /** All accepted Live Activity pushes to this target in the last hour. */
  sendsLastHour: number;
}

export interface LiveActivityContext {
  contracts: readonly LiveActivityContract[];
  history: LiveActivityHistory | null;
  /** Milliseconds since 1970; tests fix it. */
  now: number;
}

/** The saved device a single send goes to (found by its target or channel id), for the rules about its kind. */
export interface TargetDevice {
  label: string;
  kind: DeviceKind;
  attributesType?: string | undefined;
  activityId?: string | undefined;
}

export interface PreflightContext {
  liveActivity?: LiveActivityContext;
  /** Null: no saved device has the target; absent: not looked up (a bulk send's items). */
  targetDevice?: TargetDevice | null;
}
