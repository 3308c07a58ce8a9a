import type { Core } from '../core';
import { ACTIVITY_SENDS_MAX, activityHistory } from '../live-activity/activity-history';
import type { Handlers } from './dispatcher';

type LiveActivityCalls =
  | 'liveActivity.contracts.list'
  | 'liveActivity.contracts.save'
  | 'liveActivity.contracts.delete'
  | 'liveActivity.activity';

export function liveActivityHandlers(core: Core): Pick<Handlers, LiveActivityCalls> {
  return {
    'liveActivity.contracts.list': () => core.liveActivityContracts.list(),
    'liveActivity.contracts.save': (contract) => core.liveActivityContracts.save(contract),
    'liveActivity.contracts.delete': async ({ attributesType }) => {
      await core.liveActivityContracts.remove(attributesType);
      return { ok: true as const };
    },
    'liveActivity.activity': async ({ target }) =>
      activityHistory(await core.history.sendsTo(target, ACTIVITY_SENDS_MAX), Date.now()),
  };
}
