import type { Header } from '../../../../shared/domain/exchange';
import { wnsTypeFromXml } from '../../../../shared/providers/nhub/preflight';
import type { NhubOptions, NhubSendRequest } from '../../../../shared/providers/nhub/message';

export interface BuiltNhubRequest {
  url: string;
  headers: Header[];
  body: string;
  options: NhubOptions;
}

function contentType(options: NhubOptions, wnsType: string | undefined): string {
  if (options.format !== 'windows') return 'application/json;charset=utf-8';
  return wnsType === 'wns/raw' ? 'application/octet-stream' : 'application/xml';
}

/**
 * The POST to `{base}{hub}/messages/`: `?direct` for one handle, `&test` for a test send,
 * Format/Tags/DeviceHandle headers, X-WNS-Type derived from the XML root unless overridden,
 * and apns-* / X-WNS-* headers passed through as given.
 * `baseUrl` is `https://{namespace}.servicebus.windows.net/` or, locally, the emulator's origin.
 */
export function buildNhubRequest(input: {
  baseUrl: string;
  hubName: string;
  request: NhubSendRequest;
  sasToken: string;
  trackingId?: string;
}): BuiltNhubRequest {
  const options = input.request.options;
  const base = input.baseUrl.endsWith('/') ? input.baseUrl : `${input.baseUrl}/`;
  const query: string[] = [];
  if (options.targetKind === 'direct') query.push('direct');
  query.push(`api-version=${encodeURIComponent(options.apiVersion)}`);
  if (options.test && options.targetKind !== 'direct') query.push('test');
  const url = `${base}${encodeURIComponent(input.hubName)}/messages/?${query.join('&')}`;

  const wnsType = options.format === 'windows' ? (options.wnsType ?? wnsTypeFromXml(input.request.payload)) : undefined;
  const headers: Header[] = [
    ['Authorization', input.sasToken],
    ['Content-Type', contentType(options, wnsType)],
    ['ServiceBusNotification-Format', options.format],
    ['x-ms-version', options.apiVersion],
  ];
  if (input.trackingId) headers.push(['TrackingId', input.trackingId]);
  const target = input.request.target.trim();
  if (options.targetKind === 'tags' && target) headers.push(['ServiceBusNotification-Tags', target]);
  if (options.targetKind === 'direct') {
    headers.push(['ServiceBusNotification-DeviceHandle', target]);
    if (options.format === 'browser') {
      if (options.browserAuth) headers.push(['Auth', options.browserAuth]);
      if (options.browserP256dh) headers.push(['P256DH', options.browserP256dh]);
    }
  }
  const passthrough = Object.entries(options.headers);
  const overridesWnsType = passthrough.some(([name]) => name.toLowerCase() === 'x-wns-type');
  if (wnsType && !overridesWnsType) headers.push(['X-WNS-Type', wnsType]);
  for (const [name, value] of passthrough) headers.push([name, value]);
  return { url, headers, body: input.request.payload, options };
}
