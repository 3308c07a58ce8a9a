import type { Environment } from '../../../../shared/domain/environment';
import type { Header } from '../../../../shared/domain/exchange';
import { objectOf } from '../../../../shared/json/object';
import { headerValue } from '../../transport/types';
import { acceptedResult, goneState, rejectedResult, type MappedResult } from '../results';
import { APNS_REASONS, LOCAL_BAD_DEVICE_TOKEN, type ApnsReason } from './reasons';

export type { MappedResult } from '../results';

/** Reasons after which the cached JWT must not be used again. */
export const DROP_JWT_REASONS = new Set(['ExpiredProviderToken', 'InvalidProviderToken']);

function parseRetryAfter(value: string | undefined): number | null {
  if (value === undefined) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.round((date - Date.now()) / 1000));
}

/**
 * Maps a /3/device answer to outcome, exact reason, explanation, hint, ids and device state.
 * `environment` is where it was sent: the local emulator's answers mean something of their own.
 */
export function mapApnsResponse(
  status: number,
  headers: Header[],
  bodyText: string,
  environment?: Environment,
  reasons: Record<string, ApnsReason> = APNS_REASONS,
): MappedResult {
  const messageIds: Record<string, string> = {};
  const apnsId = headerValue(headers, 'apns-id');
  const requestId = headerValue(headers, 'apns-request-id');
  if (requestId) messageIds['apns-request-id'] = requestId;
  const uniqueId = headerValue(headers, 'apns-unique-id');
  if (apnsId) messageIds['apns-id'] = apnsId;
  if (uniqueId) messageIds['apns-unique-id'] = uniqueId;
  const retryAfterSeconds = parseRetryAfter(headerValue(headers, 'retry-after'));
  if (status === 200) return acceptedResult({ status, messageIds });
  const body = objectOf(bodyText);
  const reason = typeof body?.['reason'] === 'string' ? body['reason'] : null;
  const known =
    environment === 'local' && reason === 'BadDeviceToken'
      ? LOCAL_BAD_DEVICE_TOKEN
      : reason
        ? reasons[reason]
        : undefined;
  const timestamp = typeof body?.['timestamp'] === 'number' ? body['timestamp'] : null;
  const gone = status === 410 && (reason === 'Unregistered' || reason === 'ExpiredToken' || reason === null);
  const details: Record<string, unknown> = {};
  if (timestamp !== null) details['timestamp'] = timestamp;
  if (reason && !known) details['unknownReason'] = true;
  return rejectedResult({
    status,
    reason: reason ?? `HTTP ${status}`,
    explanation:
      known?.explanation ??
      (reason
        ? `APNs answered ${status} ${reason}, a reason this app does not know.`
        : `APNs answered ${status} without a reason.`),
    hint: known?.hint ?? (status >= 500 ? 'Retry later with back-off.' : 'Check the request headers and payload.'),
    messageIds,
    retryable: known?.retryable ?? status >= 500,
    retryAfterSeconds,
    deviceStateChange: gone ? goneState(reason ?? 'HTTP 410', new Date(timestamp ?? Date.now())) : null,
    details: Object.keys(details).length ? details : undefined,
  });
}
