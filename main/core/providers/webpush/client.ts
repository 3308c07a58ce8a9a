import type { SendResult } from '../../../../shared/domain/send-result';
import { AppError } from '../../../../shared/errors';
import { VAPID_DEFAULT_EXPIRY_SECONDS, type WebpushSendRequest } from '../../../../shared/providers/webpush/message';
import type { WebpushNotes, WebpushVapidNote } from '../../../../shared/providers/webpush/notes';
import { pushServiceForEndpoint } from '../../../../shared/providers/webpush/push-services';
import type { ResolvedCredential } from '../../credentials/types';
import type { VapidSecret } from '../../credentials/vapid';
import { resultStart } from '../results';
import type { ProviderSendContext } from '../types';
import { buildWebpushRequest, readTarget, type ParsedTarget } from './request';
import { mapWebpushResponse } from './results';
import type { VapidTokenCache, VapidToken } from './vapid-cache';

export function requireVapid(credential: ResolvedCredential): VapidSecret {
  if (credential.secret.kind !== 'vapid') {
    throw new AppError(
      'CREDENTIAL_INVALID',
      `"${credential.meta.label}" is a ${credential.meta.kind} credential; Web Push needs a VAPID key pair.`,
    );
  }
  return credential.secret;
}

/** Short text naming the subscription in exchange lists: host and the end of the path. */
export function targetLabel(target: ParsedTarget): string {
  const path = target.endpoint.pathname;
  return `${target.endpoint.host}...${path.slice(-10)}`;
}

function vapidNote(token: VapidToken, publicKey: string): WebpushVapidNote {
  return {
    header: { typ: 'JWT', alg: 'ES256' },
    claims: token.claims,
    expiresAt: new Date(token.claims.exp * 1000).toISOString(),
    lifetimeSeconds: token.claims.exp - token.issuedAt,
    publicKey,
    reused: token.reused,
  };
}

/**
 * One Web Push send: VAPID JWT (cached per credential and origin), RFC 8291 encryption, the
 * POST through the shared transport, and the answer mapped to a SendResult. Provider answers
 * and transport failures become results; only unusable input throws.
 */
export async function sendWebpush(
  request: WebpushSendRequest,
  context: ProviderSendContext,
  cache: VapidTokenCache,
): Promise<SendResult> {
  const { exchangeIds, finish, failed } = resultStart('webpush', request.target);
  const secret = requireVapid(context.credential);
  const target = readTarget(request.target);
  const options = request.options ?? {};
  const lifetime = options.vapidExpiresIn ?? VAPID_DEFAULT_EXPIRY_SECONDS;
  const token = cache.get(context.credential.meta.id, secret, target.audience, lifetime);
  const built = buildWebpushRequest({
    target,
    payload: request.payload,
    options,
    vapidToken: token.token,
    vapidPublicKey: secret.publicKey,
  });
  const notes: WebpushNotes = {
    encryption: built.encryption,
    vapid: vapidNote(token, secret.publicKey),
    pushService: pushServiceForEndpoint(built.url).name,
  };
  try {
    const response = await context.transport.request({
      url: built.url,
      method: 'POST',
      headers: built.headers,
      ...(built.body ? { body: built.body } : {}),
      ...(context.local ? { tls: { ca: context.local.ca } } : {}),
      ...(context.signal ? { signal: context.signal } : {}),
      meta: {
        purpose: 'send',
        provider: 'webpush',
        target: targetLabel(target),
        notes: { ...notes },
        ...(built.body && request.payload ? { plaintext: request.payload } : {}),
      },
      secrets: [token.token],
      record: context.record,
    });
    const mapped = mapWebpushResponse({
      status: response.status,
      headers: response.headers,
      body: response.body,
      endpoint: built.url,
    });
    exchangeIds.push(response.exchangeId);
    return finish(mapped);
  } catch (error) {
    return failed(error, { details: { pushService: notes.pushService } });
  }
}
