import { randomUUID } from 'node:crypto';
import type { SendResult } from '../../../../shared/domain/send-result';
import { AppError } from '../../../../shared/errors';
import type { ApnsSendRequest } from '../../../../shared/providers/apns/message';
import type { ResolvedCredential } from '../../credentials/types';
import { isTransportError } from '../../transport/errors';
import type { TransportRequest } from '../../transport/types';
import { elapsedMs, transportFailure } from '../results';
import type { ProviderSendContext } from '../types';
import type { ApnsJwtCache } from './jwt';
import { apnsOrigin, resolveTopic, type ApnsAuth, type ApnsRequestBuilder } from './request';
import { DROP_JWT_REASONS, mapApnsResponse, type MappedResult } from './results';
import { broadcastChannel } from '../../../../shared/providers/apns/broadcast';
import { APNS_CHANNEL_REASONS } from './broadcast-reasons';
import { broadcastRequest } from './broadcast';
import { APNS_REASONS } from './reasons';

/** The auth for one send: a cached JWT for .p8 keys, the TLS identity for certificates. */
export function apnsAuth(
  credential: ResolvedCredential,
  jwts: ApnsJwtCache,
): ApnsAuth & { notes: Record<string, unknown> } {
  const secret = credential.secret;
  if (secret.kind === 'apns-token') {
    const jwt = jwts.get(credential.meta.id, secret);
    return { kind: 'token', jwt: jwt.token, authorization: jwt.authorization, notes: jwt.notes };
  }
  if (secret.kind === 'apns-certificate') {
    return { kind: 'certificate', certPem: secret.certPem, keyPem: secret.keyPem, notes: {} };
  }
  throw new AppError(
    'CREDENTIAL_INVALID',
    `"${credential.meta.label}" is a ${credential.meta.kind} credential; APNs needs a .p8 key or a push certificate.`,
  );
}

/**
 * One APNs send over HTTP/2. Provider answers and transport failures become SendResults; an
 * expired or invalid provider token is dropped from the cache so the next send signs a new one.
 */
export async function sendApns(
  request: ApnsSendRequest,
  context: ProviderSendContext,
  jwts: ApnsJwtCache,
  requests: ApnsRequestBuilder,
): Promise<SendResult> {
  const startedAt = new Date();
  const started = performance.now();
  const exchangeIds: string[] = [];
  // Spelled out rather than spread: this runs once per target of a bulk send.
  const finish = (mapped: MappedResult): SendResult => {
    const result: SendResult = {
      id: randomUUID(),
      provider: 'apns',
      target: request.target,
      outcome: mapped.outcome,
      status: mapped.status,
      reason: mapped.reason,
      explanation: mapped.explanation,
      hint: mapped.hint,
      messageIds: mapped.messageIds,
      retryable: mapped.retryable,
      retryAfterSeconds: mapped.retryAfterSeconds,
      deviceStateChange: mapped.deviceStateChange,
      exchangeIds,
      durationMs: elapsedMs(started),
      startedAt: startedAt.toISOString(),
    };
    if (mapped.details !== undefined) result.details = mapped.details;
    return result;
  };
  const origin = apnsOrigin(request.environment, request.options.port, context.local);
  const auth = apnsAuth(context.credential, jwts);
  const parts = {
    request,
    origin,
    topic: resolveTopic(request, context.credential.meta),
    auth,
    notes: auth.notes,
    signal: context.signal,
    record: context.record,
  };
  const channelId = broadcastChannel(request);
  // A broadcast is known by its apns-request-id; a device push by its apns-id.
  const idName = channelId === null ? 'apns-id' : 'apns-request-id';
  let built: TransportRequest;
  let sentId: string;
  if (channelId === null) {
    const device = requests.build(parts);
    [built, sentId] = [device, device.apnsId];
  } else {
    const broadcast = broadcastRequest({ ...parts, channelId }, requests);
    [built, sentId] = [broadcast, broadcast.requestId];
  }
  try {
    const response = await context.transport.request(built);
    exchangeIds.push(response.exchangeId);
    const mapped = mapApnsResponse(
      response.status,
      response.headers,
      response.body.toString('utf8'),
      request.environment,
      channelId === null ? APNS_REASONS : APNS_CHANNEL_REASONS,
    );
    if (mapped.reason && DROP_JWT_REASONS.has(mapped.reason)) jwts.invalidate(context.credential.meta.id);
    if (!mapped.messageIds[idName]) mapped.messageIds[idName] = sentId;
    return finish(mapped);
  } catch (error) {
    if (!isTransportError(error)) throw error;
    const goaway = error.goawayReason ? goawayReason(error.goawayReason) : null;
    return finish(
      transportFailure(error, exchangeIds, {
        reason: goaway ?? error.transportCode,
        hint:
          error.hint ??
          (error.retryable
            ? 'APNs cannot have processed it; sending again is safe.'
            : 'APNs may or may not have delivered it; check the network and try again.'),
        messageIds: { [idName]: sentId },
        ...(error.goawayReason ? { details: { goaway: error.goawayReason } } : {}),
      }),
    );
  }
}

/** GOAWAY carries `{"reason": …}` as debug data; the raw text when it is not JSON. */
function goawayReason(text: string): string {
  try {
    const parsed = JSON.parse(text) as { reason?: unknown };
    return typeof parsed.reason === 'string' ? parsed.reason : text;
  } catch {
    return text;
  }
}
