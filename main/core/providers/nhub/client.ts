import { randomUUID } from 'node:crypto';
import type { SendResult } from '../../../../shared/domain/send-result';
import { AppError } from '../../../../shared/errors';
import type { NhubSendRequest } from '../../../../shared/providers/nhub/message';
import type { ResolvedCredential } from '../../credentials/types';
import type { NhubSecret } from '../../credentials/nhub-connection-string';
import { resultStart } from '../results';
import type { ProviderSendContext } from '../types';
import { readHubSample, reachedNobody } from './hub-sample';
import type { NotificationOutcome } from './outcome';
import { buildNhubRequest } from './request';
import { mapNhubResponse } from './results';
import { namespaceUrl, type SasTokenCache } from './sas';

export function requireNhub(credential: ResolvedCredential): NhubSecret {
  if (credential.secret.kind !== 'nhub') {
    throw new AppError(
      'CREDENTIAL_INVALID',
      `"${credential.meta.label}" is a ${credential.meta.kind} credential; Notification Hubs needs a connection string.`,
    );
  }
  return credential.secret;
}

/** Where requests go: the namespace, or in `local` the emulator (the SAS still names the namespace). */
export function nhubBaseUrl(secret: NhubSecret, context: Pick<ProviderSendContext, 'local'>): string {
  if (!context.local) return namespaceUrl(secret);
  if (!context.local.nhub) {
    throw new AppError(
      'LOCAL_NOT_RUNNING',
      'The Notification Hubs emulator is not running.',
      'Start the local emulators (push-console emulators start) and try again.',
    );
  }
  return context.local.nhub.baseUrl;
}

function targetLabel(request: NhubSendRequest): string {
  const kind = request.options?.targetKind ?? 'tags';
  const target = request.target.trim();
  if (kind === 'broadcast' || !target) return 'broadcast';
  if (kind === 'direct') return target.length > 16 ? `${target.slice(0, 12)}...` : target;
  return target.length > 40 ? `${target.slice(0, 38)}...` : target;
}

/**
 * One Notification Hubs send: SAS token (cached per credential), the POST through the shared
 * transport, the answer mapped to a SendResult (test sends carry their NotificationOutcome in
 * details, and a hub sample when they reached nobody). Provider answers and transport failures
 * become results; only unusable input throws.
 */
export async function sendNhub(
  request: NhubSendRequest,
  context: ProviderSendContext,
  cache: SasTokenCache,
  /** hubSample false: a probe to a tag nobody has, where reaching nobody is the point. */
  options: { hubSample?: boolean } = {},
): Promise<SendResult> {
  const { exchangeIds, finish, failed } = resultStart('nhub', request.target);
  const secret = requireNhub(context.credential);
  const baseUrl = nhubBaseUrl(secret, context);
  const sas = cache.get(context.credential.meta.id, secret);
  const trackingId = randomUUID();
  const built = buildNhubRequest({ baseUrl, hubName: secret.hubName, request, sasToken: sas.token, trackingId });
  const notes = {
    sas: {
      resource: sas.resource,
      keyName: secret.keyName,
      expiresAt: new Date(sas.expiresAt * 1000).toISOString(),
      reused: sas.reused,
    },
    format: built.options.format,
    test: built.options.test,
  };
  try {
    const response = await context.transport.request({
      url: built.url,
      method: 'POST',
      headers: built.headers,
      body: built.body,
      ...(context.local ? { tls: { ca: context.local.ca } } : {}),
      ...(context.signal ? { signal: context.signal } : {}),
      meta: { purpose: 'send', provider: 'nhub', target: targetLabel(request), notes },
      secrets: [sas.token, sas.signature, secret.key],
      record: context.record,
    });
    const mapped = mapNhubResponse({ status: response.status, headers: response.headers, body: response.body });
    // A refused token is never worth reusing; the next send signs a fresh one.
    if (response.status === 401) cache.invalidate(context.credential.meta.id);
    exchangeIds.push(response.exchangeId);
    const result = finish({ ...mapped, details: { ...mapped.details, sas: notes.sas } });
    // Reached nobody: which tags and templates the hub holds is the evidence the doctor needs.
    // Read after finish, so the send's duration stays the send's own.
    const outcome = mapped.details?.['notificationOutcome'] as NotificationOutcome | undefined;
    if (options.hubSample !== false && reachedNobody(request, outcome)) {
      result.details = { ...result.details, hubSample: await readHubSample(request, context, cache) };
    }
    return result;
  } catch (error) {
    return failed(error, { messageIds: { TrackingId: trackingId } });
  }
}
