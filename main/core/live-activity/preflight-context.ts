import type { SendRequest } from '../../../shared/domain/send-request';
import type { LiveActivityContract } from '../../../shared/live-activity/contract';
import type { PreflightContext } from '../../../shared/live-activity/context';
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
    if (request.provider !== 'apns' || request.options.pushType !== 'liveactivity') return {};
    // A contracts file someone broke by hand must not stop sends; preflight just checks less.
    const contracts: LiveActivityContract[] = await deps.contracts.list().catch(() => []);
    const records =
      withHistory && request.target ? await deps.history.sendsTo(request.target, ACTIVITY_SENDS_MAX) : null;
    const at = now();
    return { liveActivity: { contracts, history: records ? activityHistory(records, at) : null, now: at } };
  };
}
