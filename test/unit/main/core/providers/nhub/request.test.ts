import { describe, expect, it } from 'vitest';
import { buildNhubRequest } from '../../../../../../main/core/providers/nhub/request';
import { NHUB_FORMATS, nhubSendSchema } from '../../../../../../shared/providers/nhub/message';

function build(options: Record<string, unknown>, payload = '{"aps":{"alert":"hi"}}', target = '') {
  const request = nhubSendSchema.parse({
    provider: 'nhub',
    credential: 'c',
    environment: 'production',
    target,
    options,
    payload,
  });
  return buildNhubRequest({
    baseUrl: 'https://ns.servicebus.windows.net/',
    hubName: 'my hub',
    request,
    sasToken: 'SharedAccessSignature sr=x&sig=y&se=1&skn=k',
    trackingId: 't-1',
  });
}
const headerMap = (built: ReturnType<typeof build>) => Object.fromEntries(built.headers);

describe('Notification Hubs request building', () => {
  it('posts to {hub}/messages/ with api-version 2020-06 and the routing headers', () => {
    const built = build({ format: 'apple' }, '{"aps":{}}', 'news && en');
    expect(built.url).toBe('https://ns.servicebus.windows.net/my%20hub/messages/?api-version=2020-06');
    expect(headerMap(built)).toEqual({
      Authorization: 'SharedAccessSignature sr=x&sig=y&se=1&skn=k',
      'Content-Type': 'application/json;charset=utf-8',
      'ServiceBusNotification-Format': 'apple',
      'x-ms-version': '2020-06',
      TrackingId: 't-1',
      'ServiceBusNotification-Tags': 'news && en',
    });
    expect(built.body).toBe('{"aps":{}}');
  });

  it.each(NHUB_FORMATS.filter((f) => f !== 'windows'))('sends format %s as JSON', (format) => {
    const built = build({ format }, '{"message":{}}');
    expect(headerMap(built)['ServiceBusNotification-Format']).toBe(format);
    expect(headerMap(built)['Content-Type']).toBe('application/json;charset=utf-8');
    expect(headerMap(built)['X-WNS-Type']).toBeUndefined();
  });

  it('derives X-WNS-Type from the XML root for windows and lets the user override it', () => {
    const toast = build({ format: 'windows' }, '<toast><visual/></toast>');
    expect(headerMap(toast)['X-WNS-Type']).toBe('wns/toast');
    expect(headerMap(toast)['Content-Type']).toBe('application/xml');
    expect(headerMap(build({ format: 'windows' }, '<badge value="1"/>'))['X-WNS-Type']).toBe('wns/badge');
    expect(headerMap(build({ format: 'windows', wnsType: 'wns/tile' }, '<toast/>'))['X-WNS-Type']).toBe('wns/tile');
    const raw = build({ format: 'windows', wnsType: 'wns/raw' }, 'bytes');
    expect(headerMap(raw)['Content-Type']).toBe('application/octet-stream');
    const overridden = build({ format: 'windows', headers: { 'X-WNS-Type': 'wns/tile' } }, '<toast/>');
    expect(overridden.headers.filter(([name]) => name.toLowerCase() === 'x-wns-type')).toEqual([
      ['X-WNS-Type', 'wns/tile'],
    ]);
  });

  it('sends direct to one handle with ?direct and never &test', () => {
    const built = build({ targetKind: 'direct', test: true }, '{"aps":{}}', 'ABCDEF0123');
    expect(built.url).toBe('https://ns.servicebus.windows.net/my%20hub/messages/?direct&api-version=2020-06');
    expect(headerMap(built)['ServiceBusNotification-DeviceHandle']).toBe('ABCDEF0123');
    expect(headerMap(built)['ServiceBusNotification-Tags']).toBeUndefined();
  });

  it('adds &test for test sends, and Auth/P256DH for direct browser sends', () => {
    expect(build({ test: true }, '{}', 'a').url).toBe(
      'https://ns.servicebus.windows.net/my%20hub/messages/?api-version=2020-06&test',
    );
    const browser = headerMap(
      build(
        { format: 'browser', targetKind: 'direct', browserAuth: 'au', browserP256dh: 'pk' },
        '{}',
        'https://push.example/x',
      ),
    );
    expect(browser).toMatchObject({
      Auth: 'au',
      P256DH: 'pk',
      'ServiceBusNotification-DeviceHandle': 'https://push.example/x',
    });
  });

  it('passes apns-* and X-WNS-* headers through unchanged and omits tags for broadcast', () => {
    const built = build(
      {
        targetKind: 'broadcast',
        headers: { 'apns-push-type': 'alert', 'apns-priority': '5', 'X-WNS-Cache-Policy': 'cache' },
      },
      '{}',
      'ignored',
    );
    expect(headerMap(built)).toMatchObject({
      'apns-push-type': 'alert',
      'apns-priority': '5',
      'X-WNS-Cache-Policy': 'cache',
    });
    expect(headerMap(built)['ServiceBusNotification-Tags']).toBeUndefined();
  });

  it('uses the local emulator origin when given one', () => {
    const request = nhubSendSchema.parse({
      provider: 'nhub',
      credential: 'c',
      environment: 'local',
      target: '',
      options: {},
      payload: '{}',
    });
    const built = buildNhubRequest({ baseUrl: 'https://127.0.0.1:4443', hubName: 'hub', request, sasToken: 's' });
    expect(built.url).toBe('https://127.0.0.1:4443/hub/messages/?api-version=2020-06');
  });
});
