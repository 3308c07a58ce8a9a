import { randomUUID } from 'node:crypto';
import type { Header } from '../../../../shared/domain/exchange';
import { AppError } from '../../../../shared/errors';
import { bundleIdOfTopic } from '../../../../shared/providers/apns/push-types';
import type { TransportRequest } from '../../transport/types';
import type { ApnsRequestBuilder, ApnsRequestParts } from './request';

/**
 * A broadcast (protocols.md §1.6): `POST /4/broadcasts/apps/<bundle id>` on the push host, with
 * `apns-channel-id` instead of a device token and no `apns-topic` (APNs answers TopicDisallowed).
 * `apns-expiration` and `apns-priority` are required there, so unset ones are sent as 0 (what a
 * no-storage channel demands, and every channel takes) and 10.
 */
export function broadcastRequest(
  parts: ApnsRequestParts & { channelId: string },
  builder: ApnsRequestBuilder,
): TransportRequest & { requestId: string } {
  const { request, origin, auth, channelId } = parts;
  if (!parts.topic) {
    throw new AppError(
      'INVALID_INPUT',
      'A broadcast needs the app’s bundle id for its path: enter the topic (com.example.app).',
      'With a certificate the bundle id comes from the certificate; with a .p8 key, enter it.',
    );
  }
  const bundleId = bundleIdOfTopic(parts.topic);
  const options = request.options;
  const requestId = options.apnsId || randomUUID();
  const headers: Header[] = [
    ['apns-channel-id', channelId],
    ['apns-push-type', options.pushType],
    ['apns-expiration', String(options.expiration ?? 0)],
    ['apns-priority', String(options.priority ?? 10)],
    ['apns-request-id', requestId],
  ];
  if (auth.kind === 'token') headers.push(['authorization', auth.authorization]);
  headers.push(['content-type', 'application/json']);
  const tls = builder.tls(origin, auth);
  return {
    requestId,
    url: `${origin.baseUrl}/4/broadcasts/apps/${encodeURIComponent(bundleId)}`,
    method: 'POST',
    headers,
    body: request.payload,
    http2: true,
    ...(tls ? { tls } : {}),
    ...(parts.signal ? { signal: parts.signal } : {}),
    meta: {
      purpose: 'send',
      provider: 'apns',
      target: `channel ${channelId}`,
      notes: { bundleId, channelId, pushType: options.pushType, auth: auth.kind, broadcast: true, ...parts.notes },
    },
    secrets: auth.kind === 'token' ? [auth.jwt] : [],
    record: parts.record,
  };
}
