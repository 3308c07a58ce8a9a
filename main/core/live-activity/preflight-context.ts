import type { SendRequest } from '../../../shared/domain/send-request';
import type { LiveActivityContract } from '../../../shared/live-activity/contract';
import type { PreflightContext } from '../../../shared/live-activity/context';
import { fcmLiveActivityToken } from '../../../shared/providers/fcm/live-activity';
import type { HistoryStore } from '../workspace/history/store';
import type { LiveActivityContractStore } from '../workspace/live-activity-contracts';
import { ACTIVITY_SENDS_MAX, activityHistory } from './activity-history';

export type PreflightContextSource = (request: SendRequest, withHistory: boolean) => Promise<PreflightContext>;

/**
 * Looks up what preflight needs beyond the request, for Live Activity pushes only: the
 * workspace's contracts and, for a single send, the target's history. A bulk send skips history:
 * reading it back per target would cost more than the send.
 */
export function preflightContextSource(deps: {
  contracts: LiveActivityContractStore;
  history: HistoryStore;
  now?: () => number;
}): PreflightContextSource {
  const now = deps.now ?? (() => Date.now());
  return async (request, withHistory) => {
    const activity = activityOf(request);
    if (!activity) return {};
    // A contracts file someone broke by hand must not stop sends; preflight just checks less.
    const contracts: LiveActivityContract[] = await deps.contracts.list().catch(() => []);
    const records = withHistory && activity.token ? await sendsToActivity(deps.history, activity) : null;
    const at = now();
    return {
      liveActivity: {
        contracts,
        history: records ? activityHistory(records, at, activity.token) : null,
        now: at,
      },
    };
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
    return request.options.pushType === 'liveactivity' ? { token: request.target } : null;
  if (request.provider !== 'fcm') return null;
  const token = fcmLiveActivityToken(request.payload);
  return token === null ? null : { token, fcmTarget: request.target.trim() };
}

/** The activity's sends both ways: straight to its token through APNs, and through FCM to the app's token. */
async function sendsToActivity(history: HistoryStore, activity: ActivityTarget) {
  const direct = await history.sendsTo(activity.token, ACTIVITY_SENDS_MAX);
  const viaFcm =
    activity.fcmTarget && activity.fcmTarget !== activity.token
      ? await history.sendsTo(activity.fcmTarget, ACTIVITY_SENDS_MAX)
      : [];
  return [...direct, ...viaFcm];
}
