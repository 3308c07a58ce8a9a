import type { SendResult } from '../../../../shared/domain/send-result';
import { buildFcmMessage } from '../../../../shared/providers/fcm/build';
import type { FcmSendRequest } from '../../../../shared/providers/fcm/message';
import { describeFcmTarget } from '../../../../shared/providers/fcm/target';
import { AppError } from '../../../../shared/errors';
import type { ResolvedCredential } from '../../credentials/types';
import type { FcmServiceAccountSecret } from '../../credentials/fcm-service-account';
import { isTransportError } from '../../transport/errors';
import { resultStart, transportFailure, type MappedResult } from '../results';
import { OAuthTokenError } from '../oauth-token';
import type { ProviderSendContext } from '../types';
import { forLiveActivity } from './live-activity-results';
import { FCM_REASONS, mapFcmResponse } from './results';
import { buildSendRequest, fcmEndpoints } from './request';
import type { FcmTokenCache } from './token-cache';

export function fcmSecret(credential: ResolvedCredential): FcmServiceAccountSecret {
  if (credential.secret.kind !== 'fcm-service-account') {
    throw new AppError(
      'CREDENTIAL_INVALID',
      `"${credential.meta.label}" is a ${credential.meta.kind} credential; FCM needs a service account JSON.`,
    );
  }
  return credential.secret;
}

/**
 * One FCM send: access token (cached), messages:send, and on a 401 UNAUTHENTICATED one retry
 * with a fresh token. Provider answers and transport failures become SendResults.
 */
export async function sendFcm(
  request: FcmSendRequest,
  context: ProviderSendContext,
  tokens: FcmTokenCache,
): Promise<SendResult> {
  const { exchangeIds, finish } = resultStart('fcm', request.target);
  const built = buildFcmMessage(request);
  const targetText = built.ok ? describeFcmTarget(built.target) : request.target;
  if (!built.ok) {
    return finish(localRejection(built.code, built.error));
  }
  const secret = fcmSecret(context.credential);
  const endpoints = fcmEndpoints(secret, context.local);
  const tokenContext = {
    transport: context.transport,
    tokenUri: endpoints.tokenUri,
    exchangeIds,
    ...(endpoints.tls ? { tls: endpoints.tls } : {}),
    ...(context.signal ? { signal: context.signal } : {}),
    record: context.record,
  };
  const credentialId = context.credential.meta.id;
  try {
    for (let attempt = 0; ; attempt++) {
      const token = await tokens.get(credentialId, secret, tokenContext);
      const response = await context.transport.request(
        buildSendRequest({
          endpoints,
          projectId: secret.projectId,
          accessToken: token.value,
          message: built.message,
          validateOnly: built.validateOnly,
          target: targetText,
          signal: context.signal,
          record: context.record,
        }),
      );
      exchangeIds.push(response.exchangeId);
      const mapped = forLiveActivity(
        mapFcmResponse(response.status, response.headers, response.body.toString('utf8')),
        built.message,
      );
      // A stale or revoked token: forget it and try once more. THIRD_PARTY_AUTH_ERROR is also a
      // 401 but about Apple's or the browser's credentials, which a new token cannot fix.
      if (response.status === 401 && mapped.reason === 'UNAUTHENTICATED' && attempt === 0) {
        tokens.invalidate(credentialId, endpoints.tokenUri);
        continue;
      }
      return finish(mapped);
    }
  } catch (error) {
    if (error instanceof OAuthTokenError) return finish(tokenRejection(error));
    if (isTransportError(error)) {
      return finish(
        transportFailure(error, exchangeIds, {
          hint:
            error.hint ??
            (error.retryable
              ? 'FCM cannot have processed it; sending again is safe.'
              : 'Check the network and try again.'),
        }),
      );
    }
    throw error;
  }
}

function localRejection(code: string, message: string): MappedResult {
  return {
    outcome: 'rejected',
    status: null,
    reason: code,
    explanation: message,
    hint: 'Fix the payload or target; nothing was sent.',
    messageIds: {},
    retryable: false,
    retryAfterSeconds: null,
    deviceStateChange: null,
  };
}

const TOKEN_HINTS: Record<string, string> = {
  invalid_grant:
    'The assertion was refused: the key may be revoked or deleted, the account disabled, or the clock far off. Create a new key for the service account.',
  invalid_client: 'The service account (client_email) is unknown or disabled.',
  unauthorized_client: 'The service account may not request this scope.',
  invalid_scope: 'The firebase.messaging scope was refused for this account.',
};

function tokenRejection(error: OAuthTokenError): MappedResult {
  return {
    outcome: 'rejected',
    status: error.status,
    reason: error.reason,
    explanation: `Getting an OAuth access token failed: ${error.reason}${error.description ? ` (${error.description})` : ''}.`,
    hint: TOKEN_HINTS[error.reason] ?? FCM_REASONS['UNAUTHENTICATED']!.hint,
    messageIds: {},
    retryable: error.status >= 500,
    retryAfterSeconds: null,
    deviceStateChange: null,
    details: { stage: 'auth' },
  };
}

/** testCredential: obtains an access token and says for whom and how long it lasts. */
export async function testFcmCredential(
  credential: ResolvedCredential,
  context: ProviderSendContext,
  tokens: FcmTokenCache,
): Promise<string> {
  const secret = fcmSecret(credential);
  const endpoints = fcmEndpoints(secret, context.local);
  tokens.invalidate(credential.meta.id, endpoints.tokenUri);
  try {
    const token = await tokens.get(credential.meta.id, secret, {
      transport: context.transport,
      tokenUri: endpoints.tokenUri,
      exchangeIds: [],
      ...(endpoints.tls ? { tls: endpoints.tls } : {}),
      ...(context.signal ? { signal: context.signal } : {}),
    });
    const minutes = Math.round((token.expiresAt - Date.now()) / 60_000);
    // Name who really answered: under --env local that is the emulator, never Google.
    const who = context.local ? 'The local FCM emulator' : new URL(endpoints.tokenUri).host;
    return `${who} issued an access token for ${secret.clientEmail} (project ${secret.projectId}), valid for ${minutes} min.`;
  } catch (error) {
    if (error instanceof OAuthTokenError) {
      throw new AppError('CREDENTIAL_INVALID', error.message, TOKEN_HINTS[error.reason]);
    }
    throw error;
  }
}
