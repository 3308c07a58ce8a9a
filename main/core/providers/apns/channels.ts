import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/errors';
import {
  apnsChannelSchema,
  type ApnsChannel,
  type ApnsStoragePolicy,
} from '../../../../shared/providers/apns/channels';
import { objectOf } from '../../../../shared/json/object';
import type { ResolvedCredential } from '../../credentials/types';
import type { LocalEnvironment } from '../../local/local-env';
import type { Transport, TransportResponse } from '../../transport/types';
import { headerValue } from '../../transport/types';
import { APNS_CHANNEL_REASONS } from './broadcast-reasons';
import { apnsAuth } from './client';
import type { ApnsJwtCache } from './jwt';
import { DROP_JWT_REASONS } from './results';
import { apnsTls, type ApnsOrigin } from './request';

/** Channel management hosts (protocols.md §1.1): their own ports, not 443. */
export const APNS_CHANNEL_HOSTS = {
  production: 'https://api-manage-broadcast.push.apple.com:2196',
  sandbox: 'https://api-manage-broadcast.sandbox.push.apple.com:2195',
} as const;

export type ChannelEnvironment = 'sandbox' | 'production' | 'local';

export interface ChannelContext {
  transport: Transport;
  credential: ResolvedCredential;
  environment: ChannelEnvironment;
  /** Set exactly when `environment` is local. */
  local: LocalEnvironment | null;
}

/** Apple's host for the environment; the emulator's channel listener in `local`. */
export function channelOrigin(environment: ChannelEnvironment, local: LocalEnvironment | null): ApnsOrigin {
  if (environment !== 'local') return { baseUrl: APNS_CHANNEL_HOSTS[environment] };
  const url = local?.channels?.['apns'];
  if (!local || !url) {
    throw new AppError(
      'LOCAL_NOT_RUNNING',
      'The local APNs emulator is not running with its channel management host.',
      'Start the emulators (push-console emulators start) with APNs included.',
    );
  }
  return { baseUrl: url.replace(/\/$/, ''), ca: local.ca };
}

interface Call {
  method: 'GET' | 'POST' | 'DELETE';
  path: 'channels' | 'all-channels';
  bundleId: string;
  channelId?: string;
  body?: string;
  /** "create a channel", "read channel X"… for the error sentence. */
  action: string;
  ok: number;
}

/**
 * Create, read, list and delete broadcast channels (protocols.md §1.6), with the send's own auth
 * (the cached provider token, or the certificate's TLS identity), through the shared transport
 * so each call is an exchange. A refusal becomes an AppError in the reason's words.
 */
export class ApnsChannelsClient {
  readonly #jwts: ApnsJwtCache;

  constructor(jwts: ApnsJwtCache) {
    this.#jwts = jwts;
  }

  async create(
    context: ChannelContext,
    bundleId: string,
    storagePolicy: ApnsStoragePolicy,
  ): Promise<{ channel: ApnsChannel; requestId: string | null }> {
    const response = await this.#send(context, {
      method: 'POST',
      path: 'channels',
      bundleId,
      body: JSON.stringify({ 'message-storage-policy': storagePolicy, 'push-type': 'LiveActivity' }),
      action: `create a channel for ${bundleId}`,
      ok: 201,
    });
    const channelId = headerValue(response.headers, 'apns-channel-id');
    if (!channelId) throw new AppError('NETWORK', 'APNs created the channel but its answer had no apns-channel-id.');
    return {
      channel: { channelId, storagePolicy, pushType: 'LiveActivity' },
      requestId: headerValue(response.headers, 'apns-request-id') ?? null,
    };
  }

  async get(context: ChannelContext, bundleId: string, channelId: string): Promise<ApnsChannel> {
    const response = await this.#send(context, {
      method: 'GET',
      path: 'channels',
      bundleId,
      channelId,
      action: `read channel ${channelId}`,
      ok: 200,
    });
    const body = objectOf(response.body.toString('utf8')) ?? {};
    const parsed = apnsChannelSchema.safeParse({
      channelId,
      storagePolicy: body['message-storage-policy'],
      pushType: body['push-type'],
    });
    if (!parsed.success) throw new AppError('NETWORK', `APNs's answer for channel ${channelId} is not a channel.`);
    return parsed.data;
  }

  async list(context: ChannelContext, bundleId: string): Promise<string[]> {
    const response = await this.#send(context, {
      method: 'GET',
      path: 'all-channels',
      bundleId,
      action: `list the channels of ${bundleId}`,
      ok: 200,
    });
    const channels = objectOf(response.body.toString('utf8'))?.['channels'];
    if (!Array.isArray(channels) || !channels.every((c) => typeof c === 'string')) {
      throw new AppError('NETWORK', `APNs's list of channels for ${bundleId} could not be read.`);
    }
    return channels as string[];
  }

  async delete(context: ChannelContext, bundleId: string, channelId: string): Promise<void> {
    await this.#send(context, {
      method: 'DELETE',
      path: 'channels',
      bundleId,
      channelId,
      action: `delete channel ${channelId}`,
      ok: 204,
    });
  }

  async #send(context: ChannelContext, call: Call): Promise<TransportResponse> {
    const origin = channelOrigin(context.environment, context.local);
    const auth = apnsAuth(context.credential, this.#jwts);
    const requestId = randomUUID();
    const headers: [string, string][] = [['apns-request-id', requestId]];
    if (call.channelId !== undefined) headers.push(['apns-channel-id', call.channelId]);
    if (auth.kind === 'token') headers.push(['authorization', auth.authorization]);
    if (call.body !== undefined) headers.push(['content-type', 'application/json']);
    const tls = apnsTls(origin, auth);
    const response = await context.transport.request({
      url: `${origin.baseUrl}/1/apps/${encodeURIComponent(call.bundleId)}/${call.path}`,
      method: call.method,
      headers,
      ...(call.body !== undefined ? { body: call.body } : {}),
      http2: true,
      ...(tls ? { tls } : {}),
      meta: {
        purpose: 'other',
        provider: 'apns',
        target: call.channelId ? `channel ${call.channelId}` : call.bundleId,
        notes: { operation: call.action, auth: auth.kind, environment: context.environment, ...auth.notes },
      },
      secrets: auth.kind === 'token' ? [auth.jwt] : [],
    });
    if (response.status === call.ok) return response;
    throw this.#refusal(context, call, response);
  }

  #refusal(context: ChannelContext, call: Call, response: TransportResponse): AppError {
    const reason = objectOf(response.body.toString('utf8'))?.['reason'];
    const name = typeof reason === 'string' ? reason : null;
    if (name && DROP_JWT_REASONS.has(name)) this.#jwts.invalidate(context.credential.meta.id);
    const known = name ? APNS_CHANNEL_REASONS[name] : undefined;
    const said = name ? `${response.status} ${name}` : `${response.status}`;
    const code =
      response.status === 403
        ? 'FORBIDDEN'
        : name === 'ChannelNotRegistered'
          ? 'NOT_FOUND'
          : `APNS_${name ?? response.status}`;
    return new AppError(
      code,
      `APNs refused to ${call.action} (${said}): ${known?.explanation ?? 'a reason this app does not know.'}`,
      known?.hint ??
        (response.status >= 500 ? 'Retry later with back-off.' : 'Check the credential and the bundle id.'),
    );
  }
}
