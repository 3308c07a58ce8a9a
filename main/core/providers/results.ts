import { randomUUID } from 'node:crypto';
import type { Provider } from '../../../shared/domain/exchange';
import type { SendResult } from '../../../shared/domain/send-result';
import { isTransportError, type TransportError } from '../transport/errors';

/**
 * The parts of a SendResult decided by a provider's answer; the client adds id, timing and
 * exchanges. retryAfterSeconds is always set (null when the service gave none).
 */
export type MappedResult = Pick<
  SendResult,
  'outcome' | 'status' | 'reason' | 'explanation' | 'hint' | 'messageIds' | 'retryable' | 'deviceStateChange'
> & { retryAfterSeconds: number | null; details?: Record<string, unknown> };

type DeviceStateChange = NonNullable<SendResult['deviceStateChange']>;

/** Retry-After as seconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.round((date - now) / 1000));
}

/** The device is gone: the app should stop sending to it. */
export function goneState(reason: string, at: Date = new Date()): DeviceStateChange {
  return { state: 'gone', at: at.toISOString(), reason };
}

/**
 * An accepted send. Nothing to retry; reason, explanation and hint are null unless the service
 * said more (a WNS status, a hub's test-send outcome).
 */
export function acceptedResult(fields: {
  status: number;
  messageIds: Record<string, string>;
  reason?: string | null;
  explanation?: string | null;
  hint?: string | null;
  deviceStateChange?: DeviceStateChange | null;
  details?: Record<string, unknown> | undefined;
}): MappedResult {
  return {
    outcome: 'accepted',
    status: fields.status,
    reason: fields.reason ?? null,
    explanation: fields.explanation ?? null,
    hint: fields.hint ?? null,
    messageIds: fields.messageIds,
    retryable: false,
    retryAfterSeconds: null,
    deviceStateChange: fields.deviceStateChange ?? null,
    ...(fields.details ? { details: fields.details } : {}),
  };
}

/** A send the service refused; every provider must say why and what to do. */
export function rejectedResult(fields: {
  status: number;
  reason: string | null;
  explanation: string;
  hint: string;
  messageIds: Record<string, string>;
  retryable: boolean;
  retryAfterSeconds: number | null;
  deviceStateChange?: DeviceStateChange | null;
  details?: Record<string, unknown> | undefined;
}): MappedResult {
  return {
    outcome: 'rejected',
    status: fields.status,
    reason: fields.reason,
    explanation: fields.explanation,
    hint: fields.hint,
    messageIds: fields.messageIds,
    retryable: fields.retryable,
    retryAfterSeconds: fields.retryAfterSeconds,
    deviceStateChange: fields.deviceStateChange ?? null,
    ...(fields.details ? { details: fields.details } : {}),
  };
}

type FailureFields = Parameters<typeof transportFailure>[2];

/**
 * One send's result in the making: the start time is taken now, and `finish` adds the id, the
 * exchanges so far and the duration to what the provider's answer decided. `failed` is a send's
 * catch block: a transport error becomes the finished result, anything else is thrown on.
 */
export function resultStart(
  provider: Provider,
  target: string,
): {
  exchangeIds: string[];
  finish: (mapped: MappedResult) => SendResult;
  failed: (error: unknown, fields?: FailureFields) => SendResult;
} {
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const exchangeIds: string[] = [];
  const finish = (mapped: MappedResult): SendResult => ({
    id: randomUUID(),
    provider,
    target,
    ...mapped,
    exchangeIds,
    durationMs: elapsedMs(started),
    startedAt,
  });
  const failed = (error: unknown, fields?: FailureFields): SendResult => {
    if (!isTransportError(error)) throw error;
    return finish(transportFailure(error, exchangeIds, fields));
  };
  return { exchangeIds, finish, failed };
}

/** Milliseconds since `started`, to the microsecond like exchange timings (not 46.10830899999996). */
export function elapsedMs(started: number): number {
  return Math.round((performance.now() - started) * 1000) / 1000;
}

/**
 * A send the transport could not complete (refused, reset, timed out); `retryable` says whether
 * the service cannot have processed it. The failed exchange joins `exchangeIds`.
 */
export function transportFailure(
  error: TransportError,
  exchangeIds: string[],
  fields: {
    reason?: string;
    hint?: string | null;
    messageIds?: Record<string, string>;
    details?: Record<string, unknown>;
  } = {},
): MappedResult {
  if (!exchangeIds.includes(error.exchangeId)) exchangeIds.push(error.exchangeId);
  return {
    outcome: 'failed',
    status: null,
    reason: fields.reason ?? error.transportCode,
    explanation: error.message,
    hint: fields.hint !== undefined ? fields.hint : (error.hint ?? null),
    messageIds: fields.messageIds ?? {},
    retryable: error.retryable,
    retryAfterSeconds: null,
    deviceStateChange: null,
    ...(fields.details ? { details: fields.details } : {}),
  };
}
