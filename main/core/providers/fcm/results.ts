import type { Header } from '../../../../shared/domain/exchange';
import { headerValue } from '../../transport/types';
import type { MappedResult } from '../results';

export const FCM_ERROR_TYPE = 'type.googleapis.com/google.firebase.fcm.v1.FcmError';
export const BAD_REQUEST_TYPE = 'type.googleapis.com/google.rpc.BadRequest';
export const QUOTA_FAILURE_TYPE = 'type.googleapis.com/google.rpc.QuotaFailure';
export const APNS_ERROR_TYPE = 'type.googleapis.com/google.firebase.fcm.v1.ApnsError';

export type { MappedResult } from '../results';

interface Explained {
  explanation: string;
  hint: string;
  retryable: boolean;
}

/** Every FcmError code and google.rpc status FCM answers with (protocols.md §2.4). */
export const FCM_REASONS: Record<string, Explained> = {
  UNREGISTERED: {
    explanation:
      'The registration token is no longer valid: the app was uninstalled, the token expired, or it was never registered.',
    hint: 'Stop sending to this token and delete it; the app will register a new one.',
    retryable: false,
  },
  INVALID_ARGUMENT: {
    explanation:
      'FCM rejected a field of the request: a malformed token, a bad package name, a message that is too big, a reserved data key or a bad TTL.',
    hint: 'Fix the fields listed below; sending the same request again will fail the same way.',
    retryable: false,
  },
  SENDER_ID_MISMATCH: {
    explanation: "The token belongs to a different Firebase project than this service account's.",
    hint: 'Use a service account from the project the app registered with, or a token from this project.',
    retryable: false,
  },
  QUOTA_EXCEEDED: {
    explanation: 'A sending quota was exceeded: the project, device or topic message rate.',
    hint: 'Back off exponentially, starting at no less than a minute (or the Retry-After given).',
    retryable: true,
  },
  UNAVAILABLE: {
    explanation: 'FCM is overloaded and could not process the message in time.',
    hint: 'Retry after the Retry-After delay, with exponential backoff and jitter (1 s, 2 s, 4 s …).',
    retryable: true,
  },
  INTERNAL: {
    explanation: 'FCM hit an unknown internal error.',
    hint: 'Retry with exponential backoff, as for UNAVAILABLE.',
    retryable: true,
  },
  THIRD_PARTY_AUTH_ERROR: {
    explanation:
      'FCM could not authenticate with Apple or the web push service: the APNs key or certificate, or the web push key, uploaded to Firebase is invalid or missing.',
    hint: "Check the APNs authentication key (and its environment) in the Firebase console's Cloud Messaging settings.",
    retryable: false,
  },
  UNSPECIFIED_ERROR: {
    explanation: 'FCM gave no further information about this error.',
    hint: 'Check the response body in the exchange for clues.',
    retryable: false,
  },
  UNAUTHENTICATED: {
    explanation: 'FCM did not accept the OAuth access token (invalid, expired or for another scope).',
    hint: 'Check that the service account is valid and has the firebase.messaging scope; a fresh token was already tried.',
    retryable: false,
  },
  PERMISSION_DENIED: {
    explanation: 'The service account may not send for this project, or the FCM API is disabled for it.',
    hint: 'Enable the Firebase Cloud Messaging API for the project and give the account the Firebase Messaging role.',
    retryable: false,
  },
  NOT_FOUND: {
    explanation: 'FCM did not find what was addressed (usually the project id in the URL).',
    hint: 'Check the project id in the service account JSON.',
    retryable: false,
  },
  RESOURCE_EXHAUSTED: {
    explanation: 'A quota was exhausted.',
    hint: 'Back off exponentially, starting at no less than a minute.',
    retryable: true,
  },
};

interface RpcStatus {
  code?: number;
  message?: string;
  status?: string;
  details?: Array<Record<string, unknown>>;
}

/** Maps an HTTP answer from messages:send to outcome, reason, explanation and hint. */
export function mapFcmResponse(status: number, headers: Header[], bodyText: string): MappedResult {
  const body = safeJson(bodyText);
  if (status === 200) {
    const name = typeof (body as { name?: unknown })?.name === 'string' ? (body as { name: string }).name : null;
    return {
      outcome: 'accepted',
      status,
      reason: null,
      explanation: name?.endsWith('/fake_message_id')
        ? 'Dry run: FCM validated the message and the target and delivered nothing.'
        : null,
      hint: null,
      messageIds: name ? { name, messageId: name.split('/').pop()! } : {},
      retryable: false,
      retryAfterSeconds: null,
      deviceStateChange: null,
    };
  }
  const error = ((body as { error?: RpcStatus } | null)?.error ?? null) as RpcStatus | null;
  const details = error?.details ?? [];
  const fcmError = details.find((d) => d['@type'] === FCM_ERROR_TYPE)?.['errorCode'];
  const reason = typeof fcmError === 'string' ? fcmError : (error?.status ?? `HTTP ${status}`);
  const known = FCM_REASONS[reason] ?? FCM_REASONS[error?.status ?? ''];
  const retryAfter = parseRetryAfter(headerValue(headers, 'retry-after'));
  const extra: Record<string, unknown> = {};
  if (error?.message) extra['message'] = error.message;
  if (error?.status) extra['status'] = error.status;
  const violations = details
    .filter((d) => d['@type'] === BAD_REQUEST_TYPE)
    .flatMap((d) =>
      Array.isArray(d['fieldViolations']) ? (d['fieldViolations'] as Array<Record<string, unknown>>) : [],
    );
  if (violations.length) extra['fieldViolations'] = violations;
  const quota = details
    .filter((d) => d['@type'] === QUOTA_FAILURE_TYPE)
    .flatMap((d) => (d['violations'] as unknown[]) ?? []);
  if (quota.length) extra['quotaViolations'] = quota;
  const apns = details.find((d) => d['@type'] === APNS_ERROR_TYPE);
  if (apns) extra['apnsError'] = { statusCode: apns['statusCode'], reason: apns['reason'] };
  const retryable = known?.retryable ?? status >= 500;
  return {
    outcome: 'rejected',
    status,
    reason,
    explanation: describe(known, error, violations, apns, status),
    hint:
      known?.hint ??
      (status >= 500 ? 'Retry later with exponential backoff.' : 'Check the response body in the exchange.'),
    messageIds: {},
    retryable,
    retryAfterSeconds: retryable ? retryAfter : null,
    deviceStateChange:
      reason === 'UNREGISTERED'
        ? { state: 'gone', at: new Date().toISOString(), reason: 'FCM answered UNREGISTERED' }
        : null,
    ...(Object.keys(extra).length ? { details: extra } : {}),
  };
}

function describe(
  known: Explained | undefined,
  error: RpcStatus | null,
  violations: Array<Record<string, unknown>>,
  apns: Record<string, unknown> | undefined,
  status: number,
): string {
  const base =
    known?.explanation ??
    (error?.message ? `FCM said: ${error.message}` : `FCM answered HTTP ${status} without an error body.`);
  const parts = [base];
  if (violations.length) {
    parts.push(violations.map((v) => `${String(v['field'] ?? '?')}: ${String(v['description'] ?? '')}`).join('; '));
  } else if (known && error?.message && error.message !== base) {
    parts.push(`FCM said: ${error.message}`);
  }
  if (apns) parts.push(`APNs answered ${String(apns['statusCode'])} ${String(apns['reason'])}.`);
  return parts.join(' ');
}

/** Seconds from a Retry-After header, delta-seconds or HTTP-date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
