import type { SendResult } from '../../../../shared/domain/send-result';
import { AppError } from '../../../../shared/errors';
import type { WnsSendRequest } from '../../../../shared/providers/wns/message';
import { invalidChannelUriMessage } from '../../../../shared/providers/wns/preflight';
import type { ResolvedCredential } from '../../credentials/types';
import type { WnsSecret } from '../../credentials/wns';
import type { TlsOptions, TransportResponse } from '../../transport/types';
import { resultStart } from '../results';
import { OAuthTokenError } from '../oauth-token';
import type { ProviderSendContext } from '../types';
import { buildWnsRequest } from './request';
import { mapWnsResponse } from './results';
import { requireLocalWns, type WnsTokenCache } from './token';

export function requireWns(credential: ResolvedCredential): WnsSecret {
  if (credential.secret.kind !== 'wns') {
    throw new AppError(
      'CREDENTIAL_INVALID',
      `"${credential.meta.label}" is a ${credential.meta.kind} credential; WNS needs a Package SID and client secret (or an Entra app).`,
    );
  }
  return credential.secret;
}

/** Host and the end of the token, enough to tell channels apart in lists without the whole URI. */
export function channelLabel(target: string): string {
  try {
    const url = new URL(target);
    const token = url.searchParams.get('token') ?? url.pathname;
    return `${url.host}...${token.slice(-8)}`;
  } catch {
    return target.slice(0, 24);
  }
}

/** In `local` a channel URI must point at the emulator, so nothing leaves the machine by mistake. */
function checkLocalChannel(target: string, context: ProviderSendContext): void {
  if (!context.local) return;
  const { baseUrl } = requireLocalWns(context.local);
  let origin: string | null = null;
  try {
    origin = new URL(target).origin;
  } catch {
    // buildWnsRequest reports the bad URI.
  }
  if (origin !== null && origin !== new URL(baseUrl).origin) {
    throw new AppError(
      'INVALID_INPUT',
      `In the local environment the channel URI must come from the WNS emulator (${baseUrl}), not ${origin}.`,
      'Create an emulated device on the Emulators screen and use its channel URI, or switch to production.',
    );
  }
}

/**
 * One WNS send: access token (cached per credential), the POST (or DELETE with X-WNS-Match),
 * and on 401 one fresh token and one resend (§3.1). Provider answers and transport failures
 * become results; only unusable input throws.
 */
export async function sendWns(
  request: WnsSendRequest,
  context: ProviderSendContext,
  cache: WnsTokenCache,
): Promise<SendResult> {
  const { exchangeIds, finish, failed } = resultStart('wns', request.target);
  const secret = requireWns(context.credential);
  // Even past preflight (--force): nothing is sent, and the reason is the one the guide names.
  const invalidChannel = invalidChannelUriMessage(request.target);
  if (invalidChannel) {
    return finish({
      outcome: 'rejected',
      status: null,
      reason: 'INVALID_CHANNEL_URI',
      explanation: invalidChannel,
      hint: 'Paste the channel URI exactly as the app got it from PushNotificationChannelManager.',
      messageIds: {},
      retryable: false,
      retryAfterSeconds: null,
      deviceStateChange: null,
      details: { stage: 'channel' },
    });
  }
  const options = request.options;
  checkLocalChannel(request.target, context);
  const tls: TlsOptions | undefined = context.local ? { ca: context.local.ca } : undefined;
  const tokenFetch = {
    transport: context.transport,
    credentialId: context.credential.meta.id,
    secret,
    local: context.local,
    ...(tls ? { tls } : {}),
    ...(context.signal ? { signal: context.signal } : {}),
    record: context.record,
    exchangeIds,
  };

  const attempt = async (token: string): Promise<TransportResponse> => {
    const built = buildWnsRequest({ target: request.target, payload: request.payload, options }, token);
    const response = await context.transport.request({
      url: built.url,
      method: built.method,
      headers: built.headers,
      ...(built.body ? { body: built.body } : {}),
      ...(tls ? { tls } : {}),
      ...(context.signal ? { signal: context.signal } : {}),
      meta: { purpose: 'send', provider: 'wns', target: channelLabel(request.target), notes: { type: options.type } },
      secrets: [token],
      record: context.record,
    });
    exchangeIds.push(response.exchangeId);
    return response;
  };

  try {
    let token = await cache.get(tokenFetch);
    let response = await attempt(token.value);
    let refreshed: string | null = null;
    if (response.status === 401) {
      // §3.1: on 401 get a new token and resend at most once.
      refreshed = response.headers.find(([name]) => name.toLowerCase() === 'www-authenticate')?.[1] ?? 'HTTP 401';
      cache.invalidate(context.credential.meta.id, context.local, secret);
      token = await cache.get(tokenFetch);
      response = await attempt(token.value);
    }
    const mapped = mapWnsResponse({ status: response.status, headers: response.headers });
    return finish({
      ...mapped,
      details: {
        ...mapped.details,
        type: options.type,
        tokenReused: token.reused,
        ...(refreshed ? { tokenRefreshedAfter: refreshed } : {}),
      },
    });
  } catch (error) {
    if (error instanceof OAuthTokenError) {
      return finish({
        outcome: 'rejected',
        status: error.status,
        reason: error.reason,
        explanation: error.message,
        hint: error.hint ?? null,
        messageIds: {},
        retryable: error.status >= 500,
        retryAfterSeconds: null,
        deviceStateChange: null,
        details: { stage: 'token', ...(error.description ? { errorDescription: error.description } : {}) },
      });
    }
    return failed(error);
  }
}

/** Obtains a token to prove the credential works; a human summary or an AppError. */
export async function testWnsCredential(
  credential: ResolvedCredential,
  context: ProviderSendContext,
  cache: WnsTokenCache,
): Promise<string> {
  const secret = requireWns(credential);
  cache.invalidate(credential.meta.id, context.local, secret);
  const token = await cache.get({
    transport: context.transport,
    credentialId: credential.meta.id,
    secret,
    local: context.local,
    ...(context.local ? { tls: { ca: context.local.ca } } : {}),
    ...(context.signal ? { signal: context.signal } : {}),
    exchangeIds: [],
  });
  const minutes = Math.round((token.expiresAt - Date.now()) / 60_000);
  // Name who really answered: under --env local that is the emulator, never the live service.
  const who = context.local
    ? 'The local WNS emulator'
    : secret.flavor === 'package-sid'
      ? 'login.live.com'
      : 'Microsoft Entra ID';
  return `${who} issued a WNS access token, valid for ${minutes.toLocaleString('en-US')} minutes.`;
}
