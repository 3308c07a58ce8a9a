import { randomInt } from 'node:crypto';
import { fcmMessageSize, FCM_MAX_BYTES, FCM_MAX_TOPIC_BYTES } from '../../../shared/providers/fcm/build';
import { evaluateFcmCondition, parseFcmCondition } from '../../../shared/providers/fcm/condition';
import { validateFcmMessage } from '../../../shared/providers/fcm/validate';
import { fcmLiveActivityParts } from '../../../shared/providers/fcm/live-activity';
import type { Inbox } from '../common/inbox';
import type { FcmTokenIssuer } from './oauth';
import {
  badRequest,
  fcmError,
  missingCredential,
  quotaFailure,
  rpcError,
  unauthenticated,
  type RpcAnswer,
} from './rpc';
import type { DeviceRegistration, FcmRegistry } from './state';
import { deliverLiveActivity, routeLiveActivity, type LiveActivityPeers } from './live-activity';

/** What a registration token looks like: instance id, colon, long opaque part (base64url). */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{10,}:[A-Za-z0-9_-]{20,}$|^[A-Za-z0-9_-]{100,}$/;

export interface SendChecks {
  /** Accept the new `fid` target (protocols.md marks it new; default on). */
  acceptFid: boolean;
  /** Reject `from`, `message_type`, `google*`, `gcm*` data keys. */
  reservedDataKeys: boolean;
  /**
   * A message's `apns.live_activity_token` must be a token the APNs emulator issued (else APNs'
   * BadDeviceToken comes back as an ApnsError). Off: any token is handed on.
   */
  liveActivityTokens: boolean;
}

export interface SendDeps {
  registry: FcmRegistry;
  issuer: FcmTokenIssuer;
  inbox: Inbox;
  checks: SendChecks;
  /** Per project: sends counted in the current quota window. */
  quota: Map<string, { windowStart: number; count: number }>;
  /** The APNs emulator, for messages to a Live Activity; absent: they land in FCM's own inbox. */
  liveActivity?: LiveActivityPeers;
}

/**
 * POST /v1/projects/{project}/messages:send, enforcing the rules in protocols.md §2. A message to
 * an iOS app's token with `apns.live_activity_token` goes on to that activity in the APNs
 * emulator (`live-activity.ts`), as FCM hands it to APNs.
 */
export async function handleSend(
  deps: SendDeps,
  project: string,
  authorization: string | undefined,
  bodyText: string,
): Promise<RpcAnswer> {
  if (authorization === undefined || authorization.trim() === '') return missingCredential();
  const auth = deps.issuer.authenticate(authorization);
  if (!auth) return unauthenticated();
  // Project settings (APNs key, quota) are those of the account that authenticated.
  const account = deps.registry.accounts.get(auth.clientEmail);
  if (!account || (project !== account.projectId && project !== account.projectNumber)) {
    return rpcError(
      403,
      `Permission 'cloudmessaging.messages.create' denied on resource '//cloudresourcemanager.googleapis.com/projects/${project}' (or it may not exist).`,
      [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'IAM_PERMISSION_DENIED',
          domain: 'cloudresourcemanager.googleapis.com',
        },
      ],
    );
  }
  if (!account.messagingApiEnabled) {
    const number = account.projectNumber ?? account.projectId;
    return rpcError(
      403,
      `Firebase Cloud Messaging API has not been used in project ${number} before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/fcm.googleapis.com/overview?project=${number} then retry.`,
      [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'SERVICE_DISABLED', domain: 'googleapis.com' }],
    );
  }
  let body: Record<string, unknown>;
  try {
    const parsed = JSON.parse(bodyText) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    body = parsed as Record<string, unknown>;
  } catch (error) {
    const description = `Invalid JSON payload received. ${(error as Error).message}`;
    return badRequest([{ field: '', description }]);
  }
  for (const key of Object.keys(body)) {
    if (!['message', 'validate_only', 'validateOnly'].includes(key)) {
      return badRequest([
        { field: '', description: `Invalid JSON payload received. Unknown name "${key}": Cannot find field.` },
      ]);
    }
  }
  const validateOnly = (body['validate_only'] ?? body['validateOnly']) === true;
  const message = body['message'];
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return fcmError(400, 'INVALID_ARGUMENT', 'Recipient of the message is not set.');
  }
  const msg = message as Record<string, unknown>;
  const violations = validateFcmMessage(msg).filter(
    (v) => deps.checks.reservedDataKeys || !v.description.startsWith('Invalid data payload key'),
  );
  const schemaViolations = violations.filter((v) => v.kind !== 'value');
  if (schemaViolations.length)
    return badRequest(schemaViolations.map(({ field, description }) => ({ field, description })));
  if (violations.length) {
    return fcmError(400, 'INVALID_ARGUMENT', violations[0]!.description, [
      {
        '@type': 'type.googleapis.com/google.rpc.BadRequest',
        fieldViolations: violations.map(({ field, description }) => ({ field, description })),
      },
    ]);
  }
  const targets = ['token', 'topic', 'condition', ...(deps.checks.acceptFid ? ['fid'] : [])].filter(
    (f) => msg[f] !== undefined,
  );
  if (!deps.checks.acceptFid && msg['fid'] !== undefined) {
    return badRequest([
      {
        field: 'message',
        description: 'Invalid JSON payload received. Unknown name "fid" at \'message\': Cannot find field.',
      },
    ]);
  }
  if (targets.length === 0) return fcmError(400, 'INVALID_ARGUMENT', 'Recipient of the message is not set.');
  if (targets.length > 1) {
    return badRequest([
      {
        field: 'message',
        description: `Invalid value at 'message' (oneof field 'target' is already set. Cannot set '${targets[1]}')`,
      },
    ]);
  }
  const field = targets[0]!;
  const size = fcmMessageSize(msg);
  const limit = field === 'token' || field === 'fid' ? FCM_MAX_BYTES : FCM_MAX_TOPIC_BYTES;
  if (size > limit)
    return fcmError(400, 'INVALID_ARGUMENT', `Message is too big: ${size} bytes; the limit is ${limit}.`);
  let recipients: DeviceRegistration[];
  const value = String(msg[field]);
  if (field === 'token' || field === 'fid') {
    if (!TOKEN_SHAPE.test(value)) {
      return fcmError(400, 'INVALID_ARGUMENT', 'The registration token is not a valid FCM registration token');
    }
    const device = deps.registry.devices.get(value);
    if (!device || device.state === 'unregistered') return fcmError(404, 'UNREGISTERED');
    // FCM's "no more information" code, with the INVALID_ARGUMENT status it comes with.
    if (device.state === 'unspecified-error')
      return fcmError(400, 'UNSPECIFIED_ERROR', 'Request contains an invalid argument.');
    if (device.projectId !== account.projectId) return fcmError(403, 'SENDER_ID_MISMATCH');
    // FCM's v1 API has an ApnsError detail type only: a web push service's refusal comes bare.
    if (device.platform === 'web' && !account.webPushConfigured) return fcmError(401, 'THIRD_PARTY_AUTH_ERROR');
    if (device.platform === 'ios' && !account.apnsConfigured) {
      return fcmError(401, 'THIRD_PARTY_AUTH_ERROR', undefined, [
        {
          '@type': 'type.googleapis.com/google.firebase.fcm.v1.ApnsError',
          statusCode: 403,
          reason: 'InvalidProviderToken',
        },
      ]);
    }
    recipients = [device];
  } else if (field === 'topic') {
    recipients = activeDevices(deps, account.projectId).filter((d) => d.topics.includes(value));
  } else {
    const parsed = parseFcmCondition(value);
    if (!parsed.ok)
      return fcmError(400, 'INVALID_ARGUMENT', `Invalid condition expression provided. ${parsed.message}`);
    recipients = activeDevices(deps, account.projectId).filter((d) =>
      evaluateFcmCondition(parsed.ast, new Set(d.topics)),
    );
  }
  const overQuota = chargeQuota(deps, account.projectId, account.messagesPerMinute);
  if (overQuota !== null) {
    const answer = fcmError(429, 'QUOTA_EXCEEDED', undefined, [quotaFailure()]);
    return { ...answer, headers: { 'retry-after': String(overQuota) } };
  }
  const liveToken = field === 'token' || field === 'fid' ? liveActivityToken(msg) : null;
  // Android and web instances have no use for the apns part; FCM delivers to them as ever.
  const route =
    liveToken !== null && recipients[0]?.platform === 'ios' && deps.liveActivity
      ? await routeLiveActivity(liveToken, deps.liveActivity, deps.checks.liveActivityTokens)
      : null;
  if (route?.kind === 'refused') return route.answer;
  if (validateOnly) return { status: 200, body: { name: `projects/${account.projectId}/messages/fake_message_id` } };
  const id =
    field === 'token' || field === 'fid'
      ? `0:${Date.now()}${randomInt(1e6)}%${randomInt(1e9).toString(16)}`
      : `${Date.now()}${randomInt(1e6)}`;
  const name = `projects/${account.projectId}/messages/${id}`;
  if (route?.kind === 'forward' && deps.liveActivity) {
    // FCM's answer for APNs being unreachable, as when the device lookup fails.
    if (!(await deliverLiveActivity(route, msg, { name, fcmToken: value }, deps.liveActivity)))
      return fcmError(503, 'UNAVAILABLE');
  } else deliver(deps, msg, field, value, name, recipients);
  return { status: 200, body: { name } };
}

function liveActivityToken(message: Record<string, unknown>): string | null {
  const token = fcmLiveActivityParts(message)?.token;
  return typeof token === 'string' && token.trim() !== '' ? token : null;
}

function activeDevices(deps: SendDeps, projectId: string): DeviceRegistration[] {
  return [...deps.registry.devices.values()].filter((d) => d.projectId === projectId && d.state === 'active');
}

/** Seconds until the window ends when over quota; null when the send may go. */
function chargeQuota(deps: SendDeps, projectId: string, perMinute: number | undefined): number | null {
  if (!perMinute) return null;
  const now = Date.now();
  const entry = deps.quota.get(projectId);
  const window = entry && now - entry.windowStart < 60_000 ? entry : { windowStart: now, count: 0 };
  deps.quota.set(projectId, window);
  if (window.count >= perMinute) return Math.max(1, Math.ceil((window.windowStart + 60_000 - now) / 1000));
  window.count += 1;
  return null;
}

function deliver(
  deps: SendDeps,
  message: Record<string, unknown>,
  field: string,
  value: string,
  name: string,
  recipients: DeviceRegistration[],
): void {
  const { token: _t, topic: _p, condition: _c, fid: _f, ...content } = message;
  const payload = JSON.stringify(content);
  const android = (content['android'] ?? {}) as Record<string, unknown>;
  const headers: Record<string, string> = {};
  if (typeof android['priority'] === 'string') headers['android-priority'] = android['priority'];
  if (typeof android['ttl'] === 'string') headers['android-ttl'] = android['ttl'];
  if (typeof android['collapse_key'] === 'string') headers['collapse-key'] = android['collapse_key'];
  const via = field === 'token' || field === 'fid' ? {} : { [field]: value };
  if (field === 'topic') {
    deps.inbox.record({
      provider: 'fcm',
      device: `/topics/${value}`,
      headers,
      payload,
      details: { name, recipients: recipients.length },
    });
  }
  for (const device of recipients) {
    deps.inbox.record({
      provider: 'fcm',
      device: device.token,
      headers,
      payload,
      details: { name, platform: device.platform, ...via },
    });
  }
}
