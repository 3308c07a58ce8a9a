import { buildFcmMessage, fcmMessageSize, fcmSizeLimit } from './build';
import { parseFcmCondition } from './condition';
import type { FcmSendRequest } from './message';
import { FCM_TOPIC_PATTERN } from './target';
import { targetMismatch } from '../detect-target';
import { validateFcmMessage, type FieldViolation } from './validate';
import { formatBytes, type PreflightIssue } from '../../preflight/types';
import type { PreflightContext } from '../../live-activity/context';
import { fcmLiveActivityIssues } from './live-activity';

export const FCM_STRINGIFY_DATA_FIX = { id: 'fcm.stringify-data', label: 'Turn data values into strings' } as const;

/**
 * Checks an FCM send before it leaves: one target, topic and condition syntax, string-only data,
 * known fields, TTL format, the 4,096 / 2,048 byte limits, and a Live Activity message's rules
 * (`live-activity.ts`, with the context's contracts and history). Runs as the user types.
 */
export function preflightFcm(
  request: Pick<FcmSendRequest, 'target' | 'options' | 'payload'>,
  context: PreflightContext = {},
): PreflightIssue[] {
  const built = buildFcmMessage(request);
  if (!built.ok) {
    return [
      {
        severity: 'error',
        code: built.code,
        message: built.error,
        ...(built.code.startsWith('fcm.target') ? { path: 'target' } : {}),
        ...(built.at ? { path: 'payload', at: built.at } : {}),
      },
    ];
  }
  const issues: PreflightIssue[] = [];
  const { message, target } = built;
  if (target.field === 'topic' && !FCM_TOPIC_PATTERN.test(target.value)) {
    issues.push({
      severity: 'error',
      code: 'fcm.topic.invalid',
      message: `"${target.value}" is not a valid topic name: use letters, digits and -_.~% only`,
      path: 'target',
    });
  }
  if (target.field === 'condition') {
    const parsed = parseFcmCondition(target.value);
    if (!parsed.ok)
      issues.push({ severity: 'error', code: 'fcm.condition.invalid', message: parsed.message, path: 'target' });
  }
  const elsewhere = target.field === 'token' ? targetMismatch('fcm', target.value) : null;
  if (elsewhere) {
    issues.push({ severity: 'warning', code: 'fcm.token.other-provider', message: elsewhere, path: 'target' });
  } else if (target.field === 'token' && /[\s"']/.test(target.value)) {
    issues.push({
      severity: 'error',
      code: 'fcm.token.invalid',
      message: 'The registration token contains spaces or quotes; FCM will call it not a valid registration token',
      path: 'target',
    });
  }
  for (const violation of validateFcmMessage(message)) {
    if (['/token', '/topic', '/condition', '/fid'].includes(violation.pointer)) continue;
    issues.push(toIssue(violation));
  }
  const size = fcmMessageSize(message);
  const limit = fcmSizeLimit(target);
  if (size > limit) {
    issues.push({
      severity: 'error',
      code: 'fcm.payload.too-large',
      message: `Message is ${formatBytes(size)} bytes; FCM allows ${formatBytes(limit)}${target.field === 'token' ? '' : ' for topic messages'}`,
    });
  }
  issues.push(...fcmLiveActivityIssues(message, target, context.liveActivity));
  issues.push(...advice(message));
  return issues;
}

function toIssue(violation: FieldViolation): PreflightIssue {
  if (violation.kind === 'type' && /\[\d+\]\.value'/.test(violation.description) && /data/.test(violation.field)) {
    const key = violation.pointer.split('/').pop() ?? '';
    return {
      severity: 'error',
      code: 'fcm.data.not-string',
      message: `Data value "${key}" must be a string; FCM rejects numbers, booleans and objects`,
      path: violation.pointer,
      fix: { ...FCM_STRINGIFY_DATA_FIX },
    };
  }
  const code =
    violation.kind === 'unknown-field'
      ? 'fcm.field.unknown'
      : violation.description.startsWith('Invalid data payload key')
        ? 'fcm.data.reserved-key'
        : violation.field === 'message.android.ttl'
          ? 'fcm.android.ttl-invalid'
          : 'fcm.field.invalid';
  const message =
    code === 'fcm.field.unknown'
      ? `FCM does not know the field "${violation.pointer.split('/').pop()}" in ${violation.field}`
      : code === 'fcm.data.reserved-key'
        ? `Data key "${violation.pointer.split('/').pop()}" is reserved (from, message_type, google*, gcm*)`
        : code === 'fcm.android.ttl-invalid' && violation.description.startsWith('Invalid value')
          ? 'android.ttl must be a duration in seconds like "3600s" or "3.5s"'
          : violation.description;
  return { severity: 'error', code, message, path: violation.pointer };
}

/** Not errors, but the usual reasons a message is accepted and then never seen. */
function advice(message: Record<string, unknown>): PreflightIssue[] {
  const issues: PreflightIssue[] = [];
  const apns = message['apns'] as
    { headers?: Record<string, unknown>; payload?: { aps?: Record<string, unknown> } } | undefined;
  const dataOnly = message['notification'] === undefined && message['data'] !== undefined;
  const apnsAlert = apns?.payload?.aps?.['alert'] !== undefined;
  if (dataOnly && !apnsAlert && apns?.headers?.['apns-priority'] === '10') {
    issues.push({
      severity: 'warning',
      code: 'fcm.apns.data-only-priority',
      message: 'Data-only messages to iOS must use apns-priority "5"; Apple rejects priority 10 without an alert',
      path: '/apns/headers/apns-priority',
    });
  }
  const android = message['android'] as Record<string, unknown> | undefined;
  if (
    android?.['priority'] === 'HIGH' &&
    message['notification'] === undefined &&
    android['notification'] === undefined &&
    message['data'] === undefined &&
    android['data'] === undefined
  ) {
    issues.push({
      severity: 'info',
      code: 'fcm.android.empty-high-priority',
      message: 'A high-priority message with neither notification nor data shows nothing on Android',
      path: '/android/priority',
    });
  }
  return issues;
}

/** The stringify fix: every non-string value in data, android.data and webpush.data becomes its JSON text. */
export function stringifyFcmData(payload: string): string {
  let root: unknown;
  try {
    root = JSON.parse(payload);
  } catch {
    return payload;
  }
  if (typeof root !== 'object' || root === null) return payload;
  const record = root as Record<string, unknown>;
  const message = (
    typeof record['message'] === 'object' && record['message'] !== null ? record['message'] : record
  ) as Record<string, unknown>;
  const fix = (map: unknown) => {
    if (typeof map !== 'object' || map === null || Array.isArray(map)) return;
    for (const [key, value] of Object.entries(map)) {
      if (typeof value !== 'string') (map as Record<string, unknown>)[key] = JSON.stringify(value) ?? '';
    }
  };
  fix(message['data']);
  fix((message['android'] as Record<string, unknown> | undefined)?.['data']);
  fix((message['webpush'] as Record<string, unknown> | undefined)?.['data']);
  return JSON.stringify(root, null, 2);
}
