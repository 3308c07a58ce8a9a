import { describe, expect, it } from 'vitest';
import { renderDelivery } from '../../../../../renderer/features/emulators/render-delivery';

const delivery = (provider: string, payload: string, headers: Record<string, string> = {}) => ({
  provider,
  payload,
  headers,
});

describe('renderDelivery (the inbox preview above the raw payload)', () => {
  it('shows an APNs alert, a string alert, and names silent and badge-only pushes', () => {
    expect(renderDelivery(delivery('apns', '{"aps":{"alert":{"title":"T","subtitle":"S","body":"B"}}}'))).toEqual({
      title: 'T · S',
      body: 'B',
      note: null,
    });
    expect(renderDelivery(delivery('apns', '{"aps":{"alert":"Hi"}}'))).toMatchObject({ title: null, body: 'Hi' });
    expect(renderDelivery(delivery('apns', '{"aps":{"content-available":1}}')).note).toBe(
      'Background (content-available)',
    );
    expect(renderDelivery(delivery('apns', '{"aps":{"badge":3}}')).note).toBe('Badge 3');
  });

  it('names the channel a Live Activity broadcast came on, and its event', () => {
    const update = '{"aps":{"event":"update","timestamp":1,"content-state":{}}}';
    expect(renderDelivery(delivery('apns', update, { 'apns-channel-id': 'dHN0LWNobmw=' }))).toEqual({
      title: null,
      body: null,
      note: 'Live Activity update, broadcast on channel dHN0LWNobmw=',
    });
    expect(renderDelivery(delivery('apns', '{"aps":{"event":"end"}}', { 'apns-channel-id': 'YWJj' })).note).toBe(
      'Live Activity end, broadcast on channel YWJj',
    );
    expect(renderDelivery(delivery('apns', update)).note).toBe('No alert');
  });

  it('names the event of a Live Activity push sent to a token, with a start’s alert', () => {
    const live = { 'apns-push-type': 'liveactivity' };
    const update = '{"aps":{"event":"update","timestamp":1,"content-state":{}}}';
    expect(renderDelivery(delivery('apns', update, live))).toEqual({
      title: null,
      body: null,
      note: 'Live Activity update',
    });
    const start = '{"aps":{"event":"start","alert":{"title":"Order","body":"Preparing"}}}';
    expect(renderDelivery(delivery('apns', start, live))).toEqual({
      title: 'Order',
      body: 'Preparing',
      note: 'Live Activity start',
    });
    expect(renderDelivery(delivery('apns', '{"aps":{}}', live)).note).toBe('Live Activity push without an event');
  });

  it('says a Live Activity push came through FCM, keeping a start’s alert', () => {
    const via = { via: 'fcm', fcmToken: 'app-token' };
    const update = '{"aps":{"event":"update","timestamp":1,"content-state":{}}}';
    expect(renderDelivery({ ...delivery('apns', update), details: via })).toEqual({
      title: null,
      body: null,
      note: 'Live Activity update, through FCM',
    });
    const start = '{"aps":{"event":"start","alert":{"title":"Order","body":"Preparing"}}}';
    expect(renderDelivery({ ...delivery('apns', start), details: via })).toEqual({
      title: 'Order',
      body: 'Preparing',
      note: 'Live Activity start, through FCM',
    });
    expect(renderDelivery({ ...delivery('apns', update), details: { via: 'nhub' } }).note).toBe('No alert');
  });

  it('prefers the Android notification over the common one for FCM, and counts data-only keys', () => {
    const both = '{"notification":{"title":"Common","body":"c"},"android":{"notification":{"title":"Android"}}}';
    expect(renderDelivery(delivery('fcm', both))).toEqual({ title: 'Android', body: 'c', note: null });
    expect(renderDelivery(delivery('fcm', '{"data":{"a":"1","b":"2"}}')).note).toBe('Data only (2 keys)');
  });

  it('reads WNS toast text, badge values and raw notifications', () => {
    const toast =
      '<toast><visual><binding template="ToastGeneric"><text>Title</text><text>Line 1</text><text>Line 2</text></binding></visual></toast>';
    expect(renderDelivery(delivery('wns', toast, { 'x-wns-type': 'wns/toast' }))).toEqual({
      title: 'Title',
      body: 'Line 1\nLine 2',
      note: null,
    });
    expect(renderDelivery(delivery('wns', '<badge value="7"/>', { 'x-wns-type': 'wns/badge' })).note).toBe('Badge 7');
    expect(renderDelivery(delivery('wns', 'bytes', { 'x-wns-type': 'wns/raw' })).note).toMatch(/^Raw/);
    expect(renderDelivery(delivery('wns', '<toast>', { 'x-wns-type': 'wns/toast' })).note).toBe('Not well-formed XML');
  });

  it('shows Web Push JSON titles, plain text as the body, and an empty push as such', () => {
    expect(renderDelivery(delivery('webpush', '{"title":"T","body":"B"}'))).toEqual({
      title: 'T',
      body: 'B',
      note: null,
    });
    expect(renderDelivery(delivery('webpush', 'plain text'))).toMatchObject({ body: 'plain text' });
    expect(renderDelivery(delivery('webpush', '')).note).toBe('Empty push (no payload)');
  });

  it('shows a Declarative Web Push message with the URL a click opens, its badge and actions', () => {
    const payload = JSON.stringify({
      web_push: 8030,
      notification: {
        title: 'T',
        body: 'B',
        navigate: 'https://example.com/a',
        actions: [{ action: 'x', title: 'Open X', navigate: 'https://example.com/x' }],
      },
      app_badge: 2,
      mutable: true,
    });
    expect(renderDelivery(delivery('webpush', payload))).toEqual({
      title: 'T',
      body: 'B',
      note: 'Declarative Web Push (mutable: the service worker may change it)',
      link: 'https://example.com/a',
      badge: 2,
      actions: [{ title: 'Open X', navigate: 'https://example.com/x' }],
    });
    const browserViaHub = delivery('nhub', payload, { 'servicebusnotification-format': 'browser' });
    expect(renderDelivery(browserViaHub)).toMatchObject({ title: 'T', link: 'https://example.com/a' });
  });

  it('renders Notification Hubs deliveries in their platform format', () => {
    const apple = delivery('nhub', '{"aps":{"alert":"Via hub"}}', { 'servicebusnotification-format': 'apple' });
    expect(renderDelivery(apple).body).toBe('Via hub');
    const fcm = delivery('nhub', '{"message":{"notification":{"title":"Hub"}}}', {
      'servicebusnotification-format': 'fcmv1',
    });
    expect(renderDelivery(fcm).title).toBe('Hub');
  });
});
