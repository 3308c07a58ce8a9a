import type { Header } from '../../../../shared/domain/exchange';
import { headerValue } from '../../transport/types';
import { acceptedResult, goneState, parseRetryAfter, rejectedResult, type MappedResult } from '../results';
import { parseErrorBody, parseNotificationOutcome, type NotificationOutcome } from './outcome';
import { NHUB_REASONS, STATUS_REASONS } from './reasons';

export type { MappedResult } from '../results';

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
  return goneState(only.outcome);
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
    return acceptedResult({
      status: input.status,
      explanation: summary,
      hint: testSendHint(outcome),
      messageIds,
      deviceStateChange: goneDevice(outcome),
      details: outcome ? { notificationOutcome: outcome } : undefined,
    });
  }

  const { detail } = parseErrorBody(text);
  const word = detail ? /^([A-Za-z]+):/.exec(detail)?.[1] : undefined;
  const known = word ? NHUB_REASONS[word] : undefined;
  const byStatus = STATUS_REASONS[input.status] ?? STATUS_REASONS[input.status >= 500 ? 500 : 400]!;
  const reason = known ? word! : byStatus.reason;
  const info = known ?? byStatus;
  return rejectedResult({
    status: input.status,
    reason,
    explanation: info.explanation,
    hint: info.hint,
    messageIds,
    retryable: info.retryable,
    retryAfterSeconds: parseRetryAfter(headerValue(input.headers, 'retry-after')),
    details: { detail: detail ?? (text.length > 0 ? text.slice(0, 500) : null) },
  });
}
