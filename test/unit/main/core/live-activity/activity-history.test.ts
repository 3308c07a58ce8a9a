import { describe, expect, it } from 'vitest';
import { activityHistory } from '../../../../../main/core/live-activity/activity-history';
import { sendRequestSchema } from '../../../../../shared/domain/send-request';
import { makeResult } from '../../../../support/history-fixtures';

const NOW = Date.UTC(2026, 11, 4, 12, 0, 0);
const minutesAgo = (m: number) => new Date(NOW - m * 60_000).toISOString();

function sent(
  i: number,
  at: string,
  aps: Record<string, unknown>,
  options: Record<string, unknown> = {},
  outcome: 'accepted' | 'rejected' = 'accepted',
) {
  return {
    result: makeResult(i, { provider: 'apns', outcome, startedAt: at }),
    request: sendRequestSchema.parse({
      provider: 'apns',
      credential: 'c',
      environment: 'sandbox',
      target: 'ab'.repeat(32),
      options: { pushType: 'liveactivity', ...options },
      payload: JSON.stringify({ aps }),
    }),
  };
}

describe('activityHistory', () => {
  it('keeps the highest timestamp of accepted Live Activity pushes, however old', () => {
    const history = activityHistory(
      [
        sent(1, minutesAgo(5), { timestamp: 200 }, { priority: 5 }),
        sent(2, minutesAgo(10), { timestamp: 300 }, { priority: 5 }, 'rejected'),
        sent(3, minutesAgo(600), { timestamp: 250 }, { priority: 5 }),
        sent(4, minutesAgo(1), { timestamp: 999 }, { pushType: 'alert' }),
      ],
      NOW,
    );
    expect(history.lastTimestamp).toBe(250);
  });

  it('counts priority 10 (and no priority, which APNs takes as 10) in the last hour only', () => {
    const history = activityHistory(
      [
        sent(1, minutesAgo(1), { timestamp: 5 }, { priority: 10 }),
        sent(2, minutesAgo(2), { timestamp: 4 }),
        sent(3, minutesAgo(3), { timestamp: 3 }, { priority: 5 }),
        sent(4, minutesAgo(59), { timestamp: 2 }, { priority: 10 }),
        sent(5, minutesAgo(61), { timestamp: 1 }, { priority: 10 }),
        sent(6, minutesAgo(4), { timestamp: 6 }, { priority: 10 }, 'rejected'),
      ],
      NOW,
    );
    expect(history).toEqual({ lastTimestamp: 5, priority10LastHour: 3, sendsLastHour: 4 });
  });

  it('knows nothing from sends it cannot read', () => {
    const broken = { ...sent(1, minutesAgo(1), {}), request: null };
    expect(activityHistory([broken], NOW)).toEqual({ lastTimestamp: null, priority10LastHour: 0, sendsLastHour: 0 });
  });

  it('counts FCM sends whose apns.live_activity_token is this activity’s, with FCM’s default priority 10', () => {
    const token = 'ab'.repeat(40);
    const viaFcm = (i: number, at: string, aps: Record<string, unknown>, apns: Record<string, unknown>) => ({
      result: makeResult(i, { provider: 'fcm', outcome: 'accepted', startedAt: at }),
      request: sendRequestSchema.parse({
        provider: 'fcm',
        credential: 'c',
        environment: 'local',
        target: 'fcm-app-token',
        payload: JSON.stringify({ apns: { payload: { aps }, ...apns } }),
      }),
    });
    const history = activityHistory(
      [
        viaFcm(1, minutesAgo(1), { timestamp: 40 }, { live_activity_token: token.toUpperCase() }),
        viaFcm(2, minutesAgo(2), { timestamp: 30 }, { liveActivityToken: token, headers: { 'apns-priority': '5' } }),
        viaFcm(3, minutesAgo(3), { timestamp: 90 }, { live_activity_token: 'cd'.repeat(40) }),
        viaFcm(4, minutesAgo(4), { timestamp: 95 }, {}),
        sent(5, minutesAgo(5), { timestamp: 50 }, { priority: 10 }),
      ],
      NOW,
      token,
    );
    expect(history).toEqual({ lastTimestamp: 50, priority10LastHour: 2, sendsLastHour: 3 });
    // Without the activity's token, FCM sends say nothing of it.
    expect(activityHistory([viaFcm(1, minutesAgo(1), { timestamp: 40 }, { live_activity_token: token })], NOW)).toEqual(
      { lastTimestamp: null, priority10LastHour: 0, sendsLastHour: 0 },
    );
  });
});
