import type { SendRequest } from '../domain/send-request';
import type { SendResult } from '../domain/send-result';
import { AppError } from '../errors';
import { PROVIDER_LABELS, providerSpec } from '../providers';
import type { Assertion, CollectionRequest } from './schema';

/** Option keys that carry a subscription's keys: never written into a file a team commits. */
const PRIVATE_OPTIONS = new Set(['browserAuth', 'browserP256dh']);

export interface SendForCollection {
  request: SendRequest;
  result: SendResult;
  /** The credential's label, when the workspace still has it (a label reads better than an id). */
  credentialLabel?: string | undefined;
  /** The saved device with this send's target, if there is one. */
  deviceLabel?: string | undefined;
  name?: string | undefined;
}

/** The options that differ from the provider's defaults: a file shows what the author chose. */
function chosenOptions(request: SendRequest): Record<string, unknown> | undefined {
  const defaults = providerSpec(request.provider).optionsSchema.safeParse({});
  const base = (defaults.success ? defaults.data : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(request.options as Record<string, unknown>)) {
    if (value === undefined || PRIVATE_OPTIONS.has(key)) continue;
    if (JSON.stringify(value) === JSON.stringify(base[key])) continue;
    out[key] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** What the past answer was, as assertions: a rerun must be answered the same way. */
function answerAssertions(result: SendResult): Assertion[] {
  if (result.outcome === 'accepted') {
    return result.status === null ? [{ outcome: 'accepted' }] : [{ outcome: 'accepted' }, { status: result.status }];
  }
  if (result.outcome === 'rejected') {
    const out: Assertion[] = [{ outcome: 'rejected' }];
    if (result.status !== null) out.push({ status: result.status });
    if (result.reason !== null) out.push({ reason: result.reason });
    return out;
  }
  // No answer came: what was wanted is that it be accepted.
  return [{ outcome: 'accepted' }];
}

/**
 * A past send (history) as a collection request: its credential and device by reference, its
 * payload inline (JSON as an object), its answer as assertions. A Web Push send needs a saved
 * device: a subscription's keys are not written into a file.
 */
export function requestFromSend(send: SendForCollection): CollectionRequest {
  const { request, result } = send;
  if (!send.deviceLabel && request.provider === 'webpush') {
    throw new AppError(
      'INVALID_INPUT',
      'This Web Push subscription is not a saved device, and its keys must not go into a collection file.',
      'Save the subscription in Devices first, then save the send into the collection again.',
    );
  }
  let payload: unknown = request.payload;
  try {
    const parsed = JSON.parse(request.payload) as unknown;
    if (parsed !== null && typeof parsed === 'object') payload = parsed;
  } catch {
    // Not JSON (WNS XML, a raw payload): kept as the text it was.
  }
  const options = chosenOptions(request);
  const where = send.deviceLabel ?? (request.target.length > 24 ? `${request.target.slice(0, 20)}…` : request.target);
  return {
    name: send.name ?? `${PROVIDER_LABELS[request.provider]} to ${where || 'everyone'}`,
    provider: request.provider,
    credential: send.credentialLabel ?? request.credential,
    environment: request.environment,
    ...(send.deviceLabel ? { device: send.deviceLabel } : request.target ? { target: request.target } : {}),
    ...(options ? { options } : {}),
    ...(request.payload === '' ? {} : { payload }),
    assert: answerAssertions(result),
  };
}
