/** google.rpc.Status error bodies exactly as FCM answers them (protocols.md §2.2, §2.4). */

export interface RpcAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** The FcmError code FCM pairs with each HTTP status (ErrorCode table). */
const DEFAULT_FCM_CODES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  403: 'SENDER_ID_MISMATCH',
  404: 'UNREGISTERED',
  429: 'QUOTA_EXCEEDED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

const DEFAULT_MESSAGES: Record<string, string> = {
  INVALID_ARGUMENT: 'Request contains an invalid argument.',
  UNREGISTERED: 'Requested entity was not found.',
  SENDER_ID_MISMATCH: 'SenderId mismatch',
  QUOTA_EXCEEDED: "Quota exceeded for quota metric 'Send requests' and limit 'Send requests per minute'.",
  UNAVAILABLE: 'The service is currently unavailable.',
  INTERNAL: 'Internal error encountered.',
  THIRD_PARTY_AUTH_ERROR: 'Auth error from APNS or Web Push Service',
};

/** What Google answers a request with no Authorization header at all. */
export const MISSING_CREDENTIAL_MESSAGE =
  'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';

export const UNAUTHENTICATED_MESSAGE =
  'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';

export function statusName(status: number): string {
  return STATUS_NAMES[status] ?? 'UNKNOWN';
}

export function rpcError(
  status: number,
  message: string,
  details: Array<Record<string, unknown>> = [],
  headers?: Record<string, string>,
): RpcAnswer {
  const error: Record<string, unknown> = { code: status, message, status: statusName(status) };
  if (details.length) error['details'] = details;
  return { status, body: { error }, ...(headers ? { headers } : {}) };
}

export function fcmError(
  status: number,
  errorCode: string,
  message?: string,
  extra: Array<Record<string, unknown>> = [],
): RpcAnswer {
  return rpcError(status, message ?? DEFAULT_MESSAGES[errorCode] ?? statusName(status), [
    { '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode },
    ...extra,
  ]);
}

/** Proto3 JSON leaves out fields at their default, so a violation with no field has no `field`. */
export function badRequest(violations: Array<{ field: string; description: string }>): RpcAnswer {
  const fieldViolations = violations.map(({ field, description }) =>
    field ? { field, description } : { description },
  );
  return rpcError(400, violations[0]?.description ?? 'Request contains an invalid argument.', [
    { '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations },
  ]);
}

/** No Authorization header: Google's missing-credential answer, not the invalid-token one. */
export function missingCredential(): RpcAnswer {
  return rpcError(401, MISSING_CREDENTIAL_MESSAGE, [
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'CREDENTIALS_MISSING',
      domain: 'googleapis.com',
      metadata: { method: 'google.firebase.fcm.v1.FcmService.SendMessage', service: 'fcm.googleapis.com' },
    },
  ]);
}

export function unauthenticated(): RpcAnswer {
  return rpcError(401, UNAUTHENTICATED_MESSAGE, [
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'ACCESS_TOKEN_TYPE_UNSUPPORTED',
      domain: 'googleapis.com',
    },
  ]);
}

/** A `status` fault rendered the way FCM itself would have answered. */
export function faultAnswer(
  status: number,
  reason: string | undefined,
  retryAfterSeconds: number | undefined,
): RpcAnswer {
  const headers = retryAfterSeconds !== undefined ? { 'retry-after': String(retryAfterSeconds) } : undefined;
  const code = reason ?? DEFAULT_FCM_CODES[status];
  if (code === 'UNAUTHENTICATED' || (status === 401 && !reason))
    return { ...unauthenticated(), ...(headers ? { headers } : {}) };
  const answer = code ? fcmError(status, code) : rpcError(status, statusName(status));
  if (code === 'QUOTA_EXCEEDED') {
    (answer.body as { error: { details: unknown[] } }).error.details.push(quotaFailure());
  }
  return headers ? { ...answer, headers } : answer;
}

export function quotaFailure(): Record<string, unknown> {
  return {
    '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
    violations: [{ subject: 'project', description: 'Send requests per minute exceeded' }],
  };
}
