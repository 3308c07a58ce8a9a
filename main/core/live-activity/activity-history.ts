import type { SendRequest } from '../../../shared/domain/send-request';
import type { SendResult } from '../../../shared/domain/send-result';
import type { LiveActivityHistory } from '../../../shared/live-activity/context';

/** Sends read back per target: enough for an hour of frequent updates to one activity. */
export const ACTIVITY_SENDS_MAX = 200;
const HOUR_MS = 3_600_000;

interface SentRecord {
  result: SendResult;
  request: SendRequest | null;
}

/**
 * What history says of the Live Activity at one token or channel: the highest timestamp the
 * device has been sent (it drops anything older), and the accepted priority-10 pushes of the last
 * hour, which count against the activity's budget.
 */
export function activityHistory(records: readonly SentRecord[], now: number): LiveActivityHistory {
  let lastTimestamp: number | null = null;
  let priority10LastHour = 0;
  let sendsLastHour = 0;
  for (const { result, request } of records) {
    if (result.outcome !== 'accepted' || request?.provider !== 'apns') continue;
    if (request.options.pushType !== 'liveactivity') continue;
    const timestamp = apsTimestamp(request.payload);
    if (timestamp !== null && (lastTimestamp === null || timestamp > lastTimestamp)) lastTimestamp = timestamp;
    if (now - Date.parse(result.startedAt) > HOUR_MS) continue;
    sendsLastHour++;
    // APNs takes a missing apns-priority as 10.
    if ((request.options.priority ?? 10) === 10) priority10LastHour++;
  }
  return { lastTimestamp, priority10LastHour, sendsLastHour };
}

function apsTimestamp(payload: string): number | null {
  try {
    const aps = (JSON.parse(payload) as { aps?: { timestamp?: unknown } }).aps;
    return typeof aps?.timestamp === 'number' && Number.isFinite(aps.timestamp) ? aps.timestamp : null;
  } catch {
    return null;
  }
}
