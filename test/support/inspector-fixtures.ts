import type { Exchange, Header } from '../../shared/domain/exchange';
import type { SendResult } from '../../shared/domain/send-result';
import { makeExchange, makeResult } from './history-fixtures';

const hex = (i: number, width: number) => i.toString(16).toUpperCase().padStart(width, '0');
const text = (data: string) => ({ encoding: 'text' as const, data, size: data.length, truncated: false });

/** The ids a debugger holds for send `i`, as each provider hands them out. */
export function idsOf(i: number) {
  return {
    apnsId: `6F1B${hex(i, 4)}-1D2E-4F5A-8B9C-0D1E2F3A${hex(i, 4)}`,
    apnsUniqueId: `a8c0e3b2-${hex(i, 4).toLowerCase()}-4d1e-9f0a-7b6c5d4e3f2a`,
    wnsMsgId: `1C2D3E4F${hex(i, 8)}`,
    trackingId: `0f8e7d6c-${hex(i, 4).toLowerCase()}-4b3a-9c8d-1e2f3a4b5c6d`,
    correlationId: `c0ffee${hex(i, 6).toLowerCase()}-aaaa-bbbb-cccc-000000000000`,
    fcmName: `projects/push-console-demo/messages/0:17120${String(i).padStart(8, '0')}%8a3b`,
  };
}

/**
 * Send `i` as its provider records it: APNs (i % 5 = 0) with apns-id and apns-unique-id, FCM (1)
 * with a message name in the body, WNS (2) with a token fetch first and X-WNS-Msg-ID, Web Push (3),
 * Notification Hubs (4) with TrackingId and a correlation id. Long values (a 2 KB header, a
 * `:path` with a 160-character token) test wrapping.
 */
export function providerSend(i: number, startedAt: string): { exchanges: Exchange[]; result: SendResult } {
  const ids = idsOf(i);
  const base = makeExchange(i, { startedAt });
  const id = `ex-${i}`;
  const kind = i % 5;
  const longToken = `${hex(i, 8)}${'ab12'.repeat(38)}`;
  if (kind === 0) {
    const status = i % 35 === 0 ? 410 : 200;
    const exchange: Exchange = {
      ...base,
      id,
      provider: 'apns',
      target: longToken,
      url: `https://api.sandbox.push.apple.com/3/device/${longToken}`,
      requestHeaders: [
        [':method', 'POST'],
        [':path', `/3/device/${longToken}`],
        ['authorization', 'bearer eyJhbGciOiJFUzI1NiIsImtpZCI6IkFCQzEyM0RFRkcifQ.[redacted]'],
        ['apns-topic', 'dev.pushconsole.sandbox'],
        ['apns-push-type', 'alert'],
        ['x-long-note', `note-${'lorem-ipsum-'.repeat(160)}`],
      ],
      requestBody: text(`{"aps":{"alert":{"title":"Order ${i}","body":"Your parcel is out for delivery"}}}`),
      status,
      responseHeaders: [
        [':status', String(status)],
        ['apns-id', ids.apnsId],
        ['apns-unique-id', ids.apnsUniqueId],
      ],
      responseBody: status === 410 ? text('{"reason":"Unregistered","timestamp":1712000000000}') : null,
    };
    const reason = status === 410 ? 'Unregistered' : null;
    return {
      exchanges: [exchange],
      result: result(i, startedAt, 'apns', longToken, status, reason, [id], { 'apns-id': ids.apnsId }),
    };
  }
  if (kind === 1) {
    const status = i % 13 === 0 ? 404 : 200;
    const exchange: Exchange = {
      ...base,
      id,
      provider: 'fcm',
      target: `fcm-token-${i}`,
      url: 'https://fcm.googleapis.com/v1/projects/push-console-demo/messages:send',
      requestHeaders: header(['authorization', 'Bearer [redacted]'], ['content-type', 'application/json']),
      requestBody: text(`{"message":{"token":"fcm-token-${i}","notification":{"title":"Flash sale ${i}"}}}`),
      status,
      responseHeaders: header([':status', String(status)], ['content-type', 'application/json; charset=UTF-8']),
      responseBody: text(
        status === 200
          ? `{"name":"${ids.fcmName}"}`
          : '{"error":{"code":404,"message":"Requested entity was not found.","status":"NOT_FOUND"}}',
      ),
    };
    const reason = status === 200 ? null : 'UNREGISTERED';
    const messageIds: Record<string, string> = status === 200 ? { name: ids.fcmName } : {};
    return {
      exchanges: [exchange],
      result: result(i, startedAt, 'fcm', `fcm-token-${i}`, status, reason, [id], messageIds),
    };
  }
  if (kind === 2) {
    const channel = `https://wns2-par02p.notify.windows.com/w/?token=AwYAAAB${hex(i, 6)}${'x'.repeat(120)}`;
    const token: Exchange = {
      ...base,
      id: `ex-${i}-token`,
      purpose: 'auth',
      provider: 'wns',
      target: undefined,
      url: 'https://login.live.com/accesstoken.srf',
      requestHeaders: header(['content-type', 'application/x-www-form-urlencoded']),
      requestBody: text('grant_type=client_credentials&client_id=ms-app%3A%2F%2Fs-1-15&client_secret=[redacted]'),
      status: 200,
      responseHeaders: header(['content-type', 'application/json']),
      responseBody: text('{"token_type":"bearer","access_token":"[redacted]","expires_in":86400}'),
    };
    const exchange: Exchange = {
      ...base,
      id,
      provider: 'wns',
      target: channel,
      url: channel,
      httpVersion: '1.1',
      requestHeaders: header(['authorization', 'Bearer [redacted]'], ['x-wns-type', 'wns/toast']),
      requestBody: text(
        `<toast><visual><binding template="ToastGeneric"><text>Ticket ${i}</text></binding></visual></toast>`,
      ),
      status: 200,
      responseHeaders: header(
        ['X-WNS-Msg-ID', ids.wnsMsgId],
        ['X-WNS-Status', 'received'],
        ['X-WNS-DeviceConnectionStatus', 'connected'],
      ),
      responseBody: null,
    };
    return {
      exchanges: [token, exchange],
      result: result(i, startedAt, 'wns', channel, 200, 'received', [token.id, id], { 'X-WNS-Msg-ID': ids.wnsMsgId }),
    };
  }
  if (kind === 3) {
    const endpoint = `https://updates.push.services.mozilla.com/wpush/v2/gAAAAA${hex(i, 6)}`;
    const exchange: Exchange = {
      ...base,
      id,
      provider: 'webpush',
      target: endpoint,
      url: endpoint,
      httpVersion: '1.1',
      requestHeaders: header(['authorization', 'vapid t=[redacted], k=BPxyz'], ['ttl', '60'], ['urgency', 'normal']),
      requestBody: { encoding: 'base64', data: 'AAAA', size: 3, truncated: false },
      status: 201,
      responseHeaders: header(['location', `${endpoint}/m/${hex(i, 8)}`]),
      responseBody: null,
    };
    return { exchanges: [exchange], result: result(i, startedAt, 'webpush', endpoint, 201, null, [id], {}) };
  }
  const exchange: Exchange = {
    ...base,
    id,
    provider: 'nhub',
    target: 'tag:vip && region-eu',
    url: 'https://demo-ns.servicebus.windows.net/demo-hub/messages/?api-version=2020-06',
    httpVersion: '1.1',
    requestHeaders: header(
      ['authorization', 'SharedAccessSignature [redacted]'],
      ['servicebusnotification-format', 'apple'],
      ['TrackingId', ids.trackingId],
    ),
    requestBody: text(`{"aps":{"alert":"VIP offer ${i}"}}`),
    status: 201,
    responseHeaders: header(
      ['TrackingId', ids.trackingId],
      ['x-ms-correlation-request-id', ids.correlationId],
      ['Location', `https://demo-ns.servicebus.windows.net/demo-hub/messages/${i}?api-version=2020-06`],
    ),
    responseBody: null,
  };
  return {
    exchanges: [exchange],
    result: result(i, startedAt, 'nhub', 'tag:vip && region-eu', 201, null, [id], { TrackingId: ids.trackingId }),
  };
}

function header(...headers: Header[]): Header[] {
  return headers;
}

function result(
  i: number,
  startedAt: string,
  provider: SendResult['provider'],
  target: string,
  status: number,
  reason: string | null,
  exchangeIds: string[],
  messageIds: Record<string, string>,
): SendResult {
  return makeResult(i, {
    startedAt,
    provider,
    target,
    status,
    reason,
    outcome: status < 300 ? 'accepted' : 'rejected',
    exchangeIds,
    messageIds,
  });
}
