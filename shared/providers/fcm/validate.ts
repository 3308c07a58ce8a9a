/**
 * The structural rules of an FCM v1 `message` (protocols.md §2.3), shared by preflight and the
 * local emulator so both speak of the same field paths. Proto3 JSON accepts lowerCamel names
 * too, so keys are compared in snake_case. Targets and size are checked by the callers, since
 * the composer keeps the target outside the payload.
 */
import { parseFcmCondition } from './condition';
import { FCM_TOPIC_PATTERN } from './target';

export interface FieldViolation {
  /** FCM's own field path, e.g. `message.data[0].value`. */
  field: string;
  /** JSON pointer into the message, e.g. `/data/count`. */
  pointer: string;
  description: string;
  kind: 'unknown-field' | 'type' | 'value';
}

const FIELDS: Record<string, readonly string[]> = {
  message: [
    'name',
    'token',
    'topic',
    'condition',
    'fid',
    'data',
    'notification',
    'android',
    'webpush',
    'apns',
    'fcm_options',
  ],
  notification: ['title', 'body', 'image'],
  android: [
    'collapse_key',
    'priority',
    'ttl',
    'restricted_package_name',
    'data',
    'notification',
    'fcm_options',
    'direct_boot_ok',
    'bandwidth_constrained_ok',
    'restricted_satellite_ok',
  ],
  'android.notification': [
    'title',
    'body',
    'icon',
    'color',
    'sound',
    'tag',
    'click_action',
    'body_loc_key',
    'body_loc_args',
    'title_loc_key',
    'title_loc_args',
    'channel_id',
    'ticker',
    'sticky',
    'event_time',
    'local_only',
    'notification_priority',
    'default_sound',
    'default_vibrate_timings',
    'default_light_settings',
    'vibrate_timings',
    'visibility',
    'notification_count',
    'light_settings',
    'image',
    'bypass_proxy_notification',
    'proxy',
  ],
  'android.fcm_options': ['analytics_label'],
  webpush: ['headers', 'data', 'notification', 'fcm_options'],
  'webpush.fcm_options': ['link', 'analytics_label'],
  apns: ['headers', 'payload', 'fcm_options', 'live_activity_token'],
  'apns.fcm_options': ['analytics_label', 'image'],
  fcm_options: ['analytics_label'],
};

const STRING_MAPS = ['data', 'android.data', 'webpush.data', 'webpush.headers', 'apns.headers'];
export const FCM_MAX_TTL_SECONDS = 2_419_200;
const DURATION = /^(\d+)(\.\d{1,9})?s$/;

/** `collapseKey` → `collapse_key`; snake_case stays as is. */
export function snakeKey(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function isReservedDataKey(key: string): boolean {
  return key === 'from' || key === 'message_type' || /^(google|gcm)/i.test(key);
}

/** Seconds of a proto Duration string ("3.5s"), or null when the text is not one. */
export function parseDuration(text: string): number | null {
  const match = DURATION.exec(text);
  return match ? Number(match[1]) + Number(match[2] ?? 0) : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  return Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
}

export function validateFcmMessage(message: unknown): FieldViolation[] {
  const out: FieldViolation[] = [];
  if (!isObject(message)) {
    return [
      {
        field: 'message',
        pointer: '',
        description: `The message must be a JSON object, not ${typeName(message)}.`,
        kind: 'type',
      },
    ];
  }
  walk(message, 'message', '', out);
  return out;
}

function walk(node: Record<string, unknown>, scope: string, pointer: string, out: FieldViolation[]): void {
  const allowed = FIELDS[scope];
  const fieldBase = scope === 'message' ? 'message' : `message.${scope}`;
  for (const [rawKey, value] of Object.entries(node)) {
    const key = snakeKey(rawKey);
    const path = scope === 'message' ? key : `${scope}.${key}`;
    const at = `${pointer}/${rawKey}`;
    if (allowed && !allowed.includes(key)) {
      out.push({
        field: fieldBase,
        pointer: at,
        description: `Invalid JSON payload received. Unknown name "${rawKey}" at '${fieldBase}': Cannot find field.`,
        kind: 'unknown-field',
      });
      continue;
    }
    if (STRING_MAPS.includes(path)) {
      checkStringMap(value, path, at, out);
      continue;
    }
    if (FIELDS[path]) {
      if (!isObject(value)) {
        out.push({
          field: `message.${path}`,
          pointer: at,
          description: `Invalid value at 'message.${path}' (type.googleapis.com/google.firebase.fcm.v1.${path}), ${JSON.stringify(value)}`,
          kind: 'type',
        });
        continue;
      }
      walk(value, path, at, out);
      continue;
    }
    checkLeaf(path, value, at, out);
  }
}

function checkStringMap(value: unknown, path: string, pointer: string, out: FieldViolation[]): void {
  if (!isObject(value)) {
    out.push({
      field: `message.${path}`,
      pointer,
      description: `'message.${path}' must be an object of strings, not ${typeName(value)}.`,
      kind: 'type',
    });
    return;
  }
  Object.entries(value).forEach(([key, item], index) => {
    if (typeof item !== 'string') {
      out.push({
        field: `message.${path}[${index}].value`,
        pointer: `${pointer}/${key}`,
        description: `Invalid value at 'message.${path}[${index}].value' (TYPE_STRING), ${JSON.stringify(item)}`,
        kind: 'type',
      });
    }
    if (path.endsWith('data') && isReservedDataKey(key)) {
      out.push({
        field: `message.${path}`,
        pointer: `${pointer}/${key}`,
        description: `Invalid data payload key: ${key}`,
        kind: 'value',
      });
    }
  });
}

function checkLeaf(path: string, value: unknown, pointer: string, out: FieldViolation[]): void {
  const bad = (description: string, kind: FieldViolation['kind'] = 'value'): void => {
    out.push({ field: `message.${path}`, pointer, description, kind });
  };
  const stringFields = ['token', 'topic', 'condition', 'fid', 'name'];
  if (stringFields.includes(path) && typeof value !== 'string')
    return bad(`Invalid value at 'message.${path}' (TYPE_STRING), ${JSON.stringify(value)}`, 'type');
  if (path === 'topic' && !FCM_TOPIC_PATTERN.test(String(value))) return bad(`Invalid topic name: "${String(value)}"`);
  if (path === 'condition') {
    const parsed = parseFcmCondition(String(value));
    if (!parsed.ok) return bad(`Invalid condition expression provided: ${parsed.message}`);
  }
  if (path === 'android.priority' && !['NORMAL', 'HIGH', 'normal', 'high'].includes(String(value))) {
    return bad(
      `Invalid value at 'message.android.priority' (type.googleapis.com/google.firebase.fcm.v1.AndroidMessagePriority), ${JSON.stringify(value)}`,
    );
  }
  if (path === 'android.ttl') {
    const seconds = typeof value === 'string' ? parseDuration(value) : null;
    if (seconds === null)
      return bad(
        `Invalid value at 'message.android.ttl' (type.googleapis.com/google.protobuf.Duration), ${JSON.stringify(value)}`,
      );
    if (seconds > FCM_MAX_TTL_SECONDS)
      return bad(`TTL ${value} is longer than the maximum of ${FCM_MAX_TTL_SECONDS}s (4 weeks)`);
  }
  if (path === 'android.direct_boot_ok' && typeof value !== 'boolean')
    return bad(`Invalid value at 'message.android.direct_boot_ok' (TYPE_BOOL), ${JSON.stringify(value)}`, 'type');
  if (path === 'android.collapse_key' && typeof value !== 'string')
    return bad(`Invalid value at 'message.android.collapse_key' (TYPE_STRING), ${JSON.stringify(value)}`, 'type');
  if (path === 'android.notification.color' && !/^#[0-9a-fA-F]{6}$/.test(String(value)))
    return bad(`Invalid color "${String(value)}": use #RRGGBB`);
  if (path.endsWith('analytics_label') && !/^[a-zA-Z0-9-_.~%]{1,50}$/.test(String(value)))
    return bad(`Invalid analytics label "${String(value)}": up to 50 letters, digits or -_.~%`);
  if (path === 'webpush.fcm_options.link' && !/^https:\/\//i.test(String(value)))
    return bad(`Link "${String(value)}" must be an HTTPS URL`);
  if (path === 'apns.live_activity_token' && typeof value !== 'string')
    return bad(`Invalid value at 'message.apns.live_activity_token' (TYPE_STRING), ${JSON.stringify(value)}`, 'type');
  if (path === 'apns.payload' && !isObject(value))
    return bad(`'message.apns.payload' must be an object, not ${typeName(value)}`, 'type');
  if (['notification.title', 'notification.body', 'notification.image'].includes(path) && typeof value !== 'string') {
    return bad(`Invalid value at 'message.${path}' (TYPE_STRING), ${JSON.stringify(value)}`, 'type');
  }
  return undefined;
}
