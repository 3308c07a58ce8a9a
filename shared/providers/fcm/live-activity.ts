/**
 * FCM's route to Live Activities (protocols.md §7; Firebase's "Get started with Live Activity"):
 * a v1 message sent to the app's FCM registration token whose `apns.live_activity_token` is the
 * activity's push-to-start token (start, iOS 17.2+) or its push token (update, end), with the
 * ActivityKit payload in `apns.payload.aps`. FCM hands that to APNs, so the payload is checked
 * with the same rules as a direct APNs Live Activity push (`apns/live-activity.ts`).
 */
import type { LiveActivityContext } from '../../live-activity/context';
import type { PreflightIssue } from '../../preflight/types';
import { liveActivityIssues } from '../apns/live-activity';
import { APNS_TOPIC_SUFFIX, HEX_TOKEN_PATTERN, topicSuffix } from '../apns/push-types';
import { parseFcmPayload } from './build';
import type { FcmTarget } from './target';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Proto3 JSON takes `liveActivityToken` as well as `live_activity_token`; the last one named wins. */
function field(node: Record<string, unknown>, snake: string): unknown {
  const camel = snake.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
  return node[snake] !== undefined ? node[snake] : node[camel];
}

/** What a message says of a Live Activity: the token (undefined when none), the aps and the priority header. */
export interface FcmLiveActivityParts {
  token: unknown;
  aps: unknown;
  headers: Record<string, unknown>;
  /** apns-priority as a number; undefined when absent (FCM's backend then uses 10). */
  priority: number | undefined;
}

export function fcmLiveActivityParts(message: Record<string, unknown>): FcmLiveActivityParts | null {
  const apns = message['apns'];
  if (!isObject(apns)) return null;
  const headers = isObject(apns['headers']) ? apns['headers'] : {};
  const payload = apns['payload'];
  const raw = headers['apns-priority'];
  const priority = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : undefined;
  return {
    token: field(apns, 'live_activity_token'),
    aps: isObject(payload) ? payload['aps'] : undefined,
    headers,
    priority,
  };
}

/** The Live Activity token a send's payload names (trimmed), or null: for history and the context lookup. */
export function fcmLiveActivityToken(payload: string): string | null {
  const parsed = parseFcmPayload(payload);
  if (!parsed.ok) return null;
  const token = fcmLiveActivityParts(parsed.message)?.token;
  return typeof token === 'string' && token.trim() !== '' ? token.trim() : null;
}

function issue(severity: PreflightIssue['severity'], code: string, message: string, path: string): PreflightIssue {
  return { severity, code, message, path };
}

/** The APNs rules' paths point into an APNs payload or its options; here they live under `apns`. */
function relocate(found: PreflightIssue): PreflightIssue {
  const path = found.path;
  if (path === 'options.priority') return { ...found, path: '/apns/headers/apns-priority' };
  if (path?.startsWith('/aps')) return { ...found, path: `/apns/payload${path}` };
  return found;
}

/**
 * Every rule for a message carrying `apns.live_activity_token`, and the one for a message that
 * looks like a Live Activity push but names no such token. Empty for any other message.
 */
export function fcmLiveActivityIssues(
  message: Record<string, unknown>,
  target: FcmTarget,
  context: LiveActivityContext | undefined,
): PreflightIssue[] {
  const parts = fcmLiveActivityParts(message);
  if (!parts) return [];
  if (parts.token === undefined) return withoutToken(parts);
  const issues: PreflightIssue[] = [...tokenIssues(parts.token), ...messageIssues(message, target, parts)];
  if (!isObject(parts.aps)) {
    issues.push(
      issue(
        'error',
        'fcm.liveactivity.no-aps',
        parts.aps === undefined
          ? 'A Live Activity message needs apns.payload.aps with "event", "timestamp" and "content-state"'
          : 'apns.payload.aps must be a JSON object',
        '/apns/payload/aps',
      ),
    );
    return issues;
  }
  return [...issues, ...liveActivityIssues(parts.aps, parts.priority, context).map(relocate)];
}

function tokenIssues(token: unknown): PreflightIssue[] {
  const path = '/apns/live_activity_token';
  // Not text at all is FCM's own 400, which validate.ts reports.
  if (typeof token !== 'string') return [];
  if (token.trim() === '') {
    return [
      issue(
        'warning',
        'fcm.liveactivity.token',
        'apns.live_activity_token is empty, so FCM sends to the app’s own device token: give the activity’s push token, or its push-to-start token to start one',
        path,
      ),
    ];
  }
  // ActivityKit hands tokens over as Data; every server (and FCM's guide) sends them as hex text.
  if (!HEX_TOKEN_PATTERN.test(token) || token.length % 2 !== 0) {
    return [
      issue(
        'warning',
        'fcm.liveactivity.token-format',
        'apns.live_activity_token is not hex: send ActivityKit’s pushToken or pushToStartToken as hex text (2 digits per byte), not base64 or with spaces',
        path,
      ),
    ];
  }
  return [];
}

function messageIssues(
  message: Record<string, unknown>,
  target: FcmTarget,
  parts: FcmLiveActivityParts,
): PreflightIssue[] {
  const issues: PreflightIssue[] = [];
  if (target.field !== 'token') {
    issues.push(
      issue(
        'warning',
        'fcm.liveactivity.target',
        `Firebase sends a Live Activity message to one app’s FCM registration token; a ${target.field} reaches many apps that do not hold this activity’s token`,
        'target',
      ),
    );
  }
  const pushType = parts.headers['apns-push-type'];
  if (pushType !== undefined && pushType !== 'liveactivity') {
    issues.push(
      issue(
        'error',
        'fcm.liveactivity.push-type',
        `apns-push-type is ${JSON.stringify(pushType)}, but a Live Activity token takes only "liveactivity" (or leave the header out, as Firebase’s examples do)`,
        '/apns/headers/apns-push-type',
      ),
    );
  }
  const topic = parts.headers['apns-topic'];
  if (typeof topic === 'string' && topic !== '' && topicSuffix(topic) !== APNS_TOPIC_SUFFIX.liveactivity) {
    issues.push(
      issue(
        'error',
        'fcm.liveactivity.topic',
        `apns-topic "${topic}" needs the "${APNS_TOPIC_SUFFIX.liveactivity}" suffix for a Live Activity; leave it out and FCM uses the app’s`,
        '/apns/headers/apns-topic',
      ),
    );
  }
  if (message['notification'] !== undefined) {
    issues.push(
      issue(
        'info',
        'fcm.liveactivity.notification',
        'On iOS, FCM turns "notification" into aps.alert: on a Live Activity update that makes it an alerting update. Put the alert in apns.payload.aps.alert to say so plainly, or leave it out',
        '/notification',
      ),
    );
  }
  for (const part of ['android', 'webpush'] as const) {
    if (message[part] === undefined) continue;
    issues.push(
      issue(
        'info',
        `fcm.liveactivity.${part}`,
        `"${part}" is not used: a Live Activity message goes through APNs to the activity on one iOS device`,
        `/${part}`,
      ),
    );
  }
  return issues;
}

/** A liveactivity push type or ActivityKit keys without a token go to the app's own device token, which refuses them. */
function withoutToken(parts: FcmLiveActivityParts): PreflightIssue[] {
  const aps = isObject(parts.aps) ? parts.aps : {};
  const looksLive = parts.headers['apns-push-type'] === 'liveactivity' || aps['event'] !== undefined;
  if (!looksLive) return [];
  return [
    issue(
      'warning',
      'fcm.liveactivity.token-missing',
      'This reads as a Live Activity push but names no apns.live_activity_token: without it FCM sends to the app’s own device token, not to the activity. Add the activity’s push token (or push-to-start token)',
      '/apns/live_activity_token',
    ),
  ];
}
