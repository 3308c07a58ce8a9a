import { randomBytes } from 'node:crypto';
import type { Header } from '../../../../shared/domain/exchange';
import { AppError } from '../../../../shared/errors';
import { wnsContentType, type WnsOptions, type WnsSendRequest } from '../../../../shared/providers/wns/message';

export interface BuiltWnsRequest {
  url: string;
  method: 'POST' | 'DELETE';
  headers: Header[];
  body?: Buffer;
}

/** A fresh correlation vector per request (§3.3 MS-CV): base64 of 12 random bytes, then ".0". */
export function newCorrelationVector(): string {
  return `${randomBytes(12).toString('base64').slice(0, 16)}.0`;
}

function channelUrl(target: string): string {
  try {
    const url = new URL(target.trim());
    if (url.protocol !== 'https:') throw new Error('not https');
    return url.toString();
  } catch {
    throw new AppError(
      'INVALID_INPUT',
      'The channel URI is not an https URL.',
      'Paste the channel URI exactly as the app got it from PushNotificationChannelManager.',
    );
  }
}

/** The optional X-WNS headers, in the order the docs list them. */
export function optionalHeaders(options: WnsOptions): Header[] {
  const headers: Header[] = [];
  if (options.cachePolicy !== undefined) headers.push(['X-WNS-Cache-Policy', options.cachePolicy]);
  if (options.requestForStatus !== undefined)
    headers.push(['X-WNS-RequestForStatus', String(options.requestForStatus)]);
  if (options.tag !== undefined) headers.push(['X-WNS-Tag', options.tag]);
  if (options.group !== undefined) headers.push(['X-WNS-Group', options.group]);
  if (options.ttl !== undefined) headers.push(['X-WNS-TTL', String(options.ttl)]);
  if (options.suppressPopup !== undefined) headers.push(['X-WNS-SuppressPopup', String(options.suppressPopup)]);
  if (options.priority !== undefined) headers.push(['X-WNS-PRIORITY', String(options.priority)]);
  return headers;
}

/**
 * One WNS request: POST with the payload, or — when `match` is set — the DELETE that removes
 * notifications from Action Center (§3.3). Content-Length is added by the transport.
 */
export function buildWnsRequest(
  request: Pick<WnsSendRequest, 'target' | 'payload'> & { options: WnsOptions },
  accessToken: string,
  correlationVector = newCorrelationVector(),
): BuiltWnsRequest {
  const url = channelUrl(request.target);
  const { options } = request;
  const auth: Header = ['Authorization', `Bearer ${accessToken}`];
  if (options.match !== undefined) {
    return { url, method: 'DELETE', headers: [auth, ['X-WNS-Match', options.match], ['MS-CV', correlationVector]] };
  }
  return {
    url,
    method: 'POST',
    headers: [
      auth,
      ['Content-Type', wnsContentType(options.type)],
      ['X-WNS-Type', `wns/${options.type}`],
      ...optionalHeaders(options),
      ['MS-CV', correlationVector],
    ],
    body: Buffer.from(request.payload, 'utf8'),
  };
}
