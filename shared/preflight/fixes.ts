import { stringifyFcmData } from '../providers/fcm/preflight';

/** The parts of a draft a fix may change. */
export interface FixInput {
  payload: string;
  options: Record<string, unknown>;
  target: string;
}

export type FixResult = { ok: true; draft: FixInput } | { ok: false; message: string };

type Fix = (input: FixInput) => FixResult;

/** Four weeks: long enough for a device that is off over a holiday, under Mozilla's 30-day cap. */
export const WEBPUSH_DEFAULT_TTL_SECONDS = 28 * 24 * 60 * 60;

/** The installation id placeholder the composer selects for the user to overwrite. */
export const INSTALLATION_ID_PLACEHOLDER = 'my-installation-id';

const done = (draft: FixInput): FixResult => ({ ok: true, draft });

/**
 * Every fix a preflight rule may offer (`PreflightIssue.fix.id`), as a pure function of the draft.
 * A rule that offers a fix without an entry here is a bug; a unit test reads the rules to catch it.
 */
export const PREFLIGHT_FIXES: Readonly<Record<string, Fix>> = {
  'apns.priority-5': (input) => done({ ...input, options: { ...input.options, priority: 5 } }),
  'fcm.stringify-data': (input) => {
    if (!isJson(input.payload)) {
      return { ok: false, message: 'The payload is not valid JSON, so its data values cannot be rewritten.' };
    }
    return done({ ...input, payload: stringifyFcmData(input.payload) });
  },
  'webpush.ttl.default': (input) => done({ ...input, options: { ...input.options, ttl: WEBPUSH_DEFAULT_TTL_SECONDS } }),
  'nhub.format.fcmv1': (input) => {
    const payload = gcmToFcmV1(input.payload);
    if (payload === null) {
      return { ok: false, message: 'The payload is not a JSON object, so it cannot be rewritten for fcmv1.' };
    }
    return done({ ...input, payload, options: { ...input.options, format: 'fcmv1' } });
  },
  'nhub.target.installation-tag': (input) =>
    done({
      ...input,
      target: `$InstallationId:{${INSTALLATION_ID_PLACEHOLDER}}`,
      options: { ...input.options, targetKind: 'tags' },
    }),
};

/** Applies the fix with this id; an unknown id or a payload it cannot rewrite gets a human message. */
export function applyPreflightFix(id: string, input: FixInput): FixResult {
  const fix = PREFLIGHT_FIXES[id];
  if (!fix) return { ok: false, message: `No automatic fix is known for “${id}”.` };
  return fix(input);
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

// Legacy GCM notification keys that FCM v1 keeps under android.notification (title, body and
// image stay in the cross-platform notification).
const ANDROID_NOTIFICATION_KEYS: Record<string, string> = {
  icon: 'icon',
  sound: 'sound',
  tag: 'tag',
  color: 'color',
  click_action: 'click_action',
  body_loc_key: 'body_loc_key',
  body_loc_args: 'body_loc_args',
  title_loc_key: 'title_loc_key',
  title_loc_args: 'title_loc_args',
  android_channel_id: 'channel_id',
};

/**
 * A legacy GCM body (`{"notification", "data", "priority", "time_to_live", "collapse_key"}`) as
 * the FCM v1 envelope `{"message": {…}}`; a payload that already is an envelope is kept.
 */
export function gcmToFcmV1(payload: string): string | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const legacy = value as Record<string, unknown>;
  if (typeof legacy['message'] === 'object' && legacy['message'] !== null) return payload;
  const message: Record<string, unknown> = {};
  const android: Record<string, unknown> = {};
  const legacyNotification = legacy['notification'];
  if (typeof legacyNotification === 'object' && legacyNotification !== null) {
    const notification: Record<string, unknown> = {};
    const androidNotification: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(legacyNotification)) {
      if (key === 'title' || key === 'body' || key === 'image') notification[key] = field;
      else if (ANDROID_NOTIFICATION_KEYS[key]) androidNotification[ANDROID_NOTIFICATION_KEYS[key]] = field;
    }
    if (Object.keys(notification).length > 0) message['notification'] = notification;
    if (Object.keys(androidNotification).length > 0) android['notification'] = androidNotification;
  }
  const data = legacy['data'];
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
    message['data'] = Object.fromEntries(
      Object.entries(data).map(([key, field]) => [key, typeof field === 'string' ? field : JSON.stringify(field)]),
    );
  }
  if (legacy['priority'] === 'high' || legacy['priority'] === 'normal') {
    android['priority'] = legacy['priority'] === 'high' ? 'HIGH' : 'NORMAL';
  }
  if (typeof legacy['time_to_live'] === 'number') android['ttl'] = `${legacy['time_to_live']}s`;
  if (typeof legacy['collapse_key'] === 'string') android['collapse_key'] = legacy['collapse_key'];
  if (Object.keys(android).length > 0) message['android'] = android;
  return JSON.stringify({ message }, null, 2);
}
