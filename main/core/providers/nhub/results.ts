import type { Header } from '../../../../shared/domain/exchange';
import type { SendResult } from '../../../../shared/domain/send-result';
import { headerValue } from '../../transport/types';
import { parseErrorBody, parseNotificationOutcome, type NotificationOutcome } from './outcome';
import { NHUB_REASONS, STATUS_REASONS } from './reasons';

export type MappedResult = Pick<
  SendResult,
  | 'outcome'
  | 'status'
  | 'reason'
  | 'explanation'
  | 'hint'
  | 'messageIds'
  | 'retryable'
  | 'retryAfterSeconds'
  | 'deviceStateChange'
  | 'details'
>;

function retryAfter(headers: Header[]): number | null {
  const value = headerValue(headers, 'retry-after');
  if (value === undefined) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.round((date - Date.now()) / 1000));
}

/** Location is `https://{ns}/{hub}/messages/{notificationId}?api-version=…`: the id is the third segment. */
export function notificationIdFromLocation(location: string): string | undefined {
  try {
    const segments = new URL(location).pathname.split('/').filter(Boolean);
    return segments[1] === 'messages' ? segments[2] : undefined;
  } catch {
    return undefined;
  }
}

const INVALID_HANDLE = /handle for the registration is invalid|expired|gone/i;

function testSendHint(outcome: NotificationOutcome | null): string | null {
  if (!outcome) return null;
  if (outcome.results.length === 0) return 'No registration matched the format and tags; check both.';
  if (outcome.failure > 0) {
    return `${outcome.failure} registration(s) failed; each outcome says why. An invalid handle means the app should re-register (or the registration be deleted).`;
  }
  return null;
}

/** A test send aimed at exactly one registration whose handle the platform refused: that device is gone. */
function goneDevice(outcome: NotificationOutcome | null): MappedResult['deviceStateChange'] {
  const only = outcome?.results.length === 1 ? outcome.results[0]! : null;
  if (!only?.outcome || !INVALID_HANDLE.test(only.outcome)) return null;
  return { state: 'gone', at: new Date().toISOString(), reason: only.outcome };
}

/** Turns any hub answer into a SendResult's fields, with an explanation and hint for every status. */
export function mapNhubResponse(input: { status: number; headers: Header[]; body: Buffer | string }): MappedResult {
  const text = typeof input.body === 'string' ? input.body : input.body.toString('utf8');
  const messageIds: Record<string, string> = {};
  for (const name of ['TrackingId', 'Location', 'x-ms-correlation-request-id']) {
    const value = headerValue(input.headers, name);
    if (value) messageIds[name] = value;
  }
  const notificationId = messageIds['Location'] ? notificationIdFromLocation(messageIds['Location']) : undefined;
  if (notificationId) messageIds['notificationId'] = notificationId;

  if (input.status === 200 || input.status === 201) {
    const outcome = parseNotificationOutcome(text);
    const summary = outcome
      ? `Test send: ${outcome.success} succeeded, ${outcome.failure} failed${outcome.results.length === 0 ? ' (no registration matched)' : ''}.`
      : 'The hub accepted the notification and fans it out to the matching registrations.';
    return {
      outcome: 'accepted',
      status: input.status,
      reason: null,
      explanation: summary,
      hint: testSendHint(outcome),
      messageIds,
      retryable: false,
      retryAfterSeconds: null,
      deviceStateChange: goneDevice(outcome),
      ...(outcome ? { details: { notificationOutcome: outcome } } : {}),
    };
  }

  const { detail } = parseErrorBody(text);
  const word = detail ? /^([A-Za-z]+):/.exec(detail)?.[1] : undefined;
  const known = word ? NHUB_REASONS[word] : undefined;
  const byStatus = STATUS_REASONS[input.status] ?? STATUS_REASONS[input.status >= 500 ? 500 : 400]!;
  const reason = known ? word! : byStatus.reason;
  const info = known ?? byStatus;
  const wait = retryAfter(input.headers);
  return {
    outcome: 'rejected',
    status: input.status,
    reason,
    explanation: info.explanation,
    hint: info.hint,
    messageIds,
    retryable: info.retryable,
    retryAfterSeconds: wait,
    deviceStateChange: null,
    details: { detail: detail ?? (text.length > 0 ? text.slice(0, 500) : null) },
  };
}
