import type { SendRequest } from '../../../shared/domain/send-request';
import type { SendResult } from '../../../shared/domain/send-result';
import type { LiveActivityHistory } from '../../../shared/live-activity/context';
import { parseFcmPayload } from '../../../shared/providers/fcm/build';
import { fcmLiveActivityParts } from '../../../shared/providers/fcm/live-activity';

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
 * hour, which count against the activity's budget. An FCM send counts when its
 * `apns.live_activity_token` is `token` (FCM's route to the same activity).
 */
export function activityHistory(records: readonly SentRecord[], now: number, token?: string): LiveActivityHistory {
  let lastTimestamp: number | null = null;
  let priority10LastHour = 0;
  let sendsLastHour = 0;
  for (const { result, request } of records) {
    if (result.outcome !== 'accepted' || !request) continue;
    const push = livePush(request, token);
    if (!push) continue;
    const { timestamp, priority } = push;
    if (timestamp !== null && (lastTimestamp === null || timestamp > lastTimestamp)) lastTimestamp = timestamp;
    if (now - Date.parse(result.startedAt) > HOUR_MS) continue;
    sendsLastHour++;
    // APNs takes a missing apns-priority as 10, and FCM's backend sets 10 when none is given.
    if ((priority ?? 10) === 10) priority10LastHour++;
  }
  return { lastTimestamp, priority10LastHour, sendsLastHour };
}

/** A Live Activity push's timestamp and priority; null for any other send. */
function livePush(
  request: SendRequest,
  token: string | undefined,
): { timestamp: number | null; priority: number | undefined } | null {
  if (request.provider === 'apns') {
    if (request.options.pushType !== 'liveactivity') return null;
    return { timestamp: apsTimestamp(readAps(request.payload)), priority: request.options.priority };
  }
  if (request.provider !== 'fcm' || token === undefined) return null;
  const parsed = parseFcmPayload(request.payload);
  const parts = parsed.ok ? fcmLiveActivityParts(parsed.message) : null;
  if (typeof parts?.token !== 'string' || parts.token.trim().toLowerCase() !== token.toLowerCase()) return null;
  return { timestamp: apsTimestamp(parts.aps), priority: parts.priority };
}

function readAps(payload: string): unknown {
  try {
    return (JSON.parse(payload) as { aps?: unknown }).aps;
  } catch {
    return undefined;
  }
}

function apsTimestamp(aps: unknown): number | null {
  const timestamp = (aps as { timestamp?: unknown } | undefined)?.timestamp;
  return typeof timestamp === 'number' && Number.isFinite(timestamp) ? timestamp : null;
}
