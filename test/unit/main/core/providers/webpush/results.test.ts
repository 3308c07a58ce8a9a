import { describe, expect, it } from 'vitest';
import {
  APPLE_REASONS,
  AUTOPUSH_ERRNOS,
  mapWebpushResponse,
  parseRetryAfter,
  STATUS_MEANINGS,
} from '../../../../../../main/core/providers/webpush/results';

const FCM = 'https://fcm.googleapis.com/wp/abc';
const APPLE = 'https://web.push.apple.com/QGz7';
const MOZILLA = 'https://updates.push.services.mozilla.com/wpush/v2/gAAA';
const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const now = new Date('2026-01-01T00:00:00Z');

describe('Web Push result mapping', () => {
  it('201 is accepted with Location, message-id and the service named', () => {
    const mapped = mapWebpushResponse({
      status: 201,
      headers: [
        ['Location', 'https://updates.push.services.mozilla.com/m/gAAAB'],
        ['TTL', '60'],
      ],
      body: json({ 'message-id': 'gAAAB' }),
      endpoint: MOZILLA,
    });
    expect(mapped).toMatchObject({
      outcome: 'accepted',
      status: 201,
      reason: null,
      retryable: false,
      deviceStateChange: null,
      messageIds: { location: 'https://updates.push.services.mozilla.com/m/gAAAB', 'message-id': 'gAAAB' },
      details: { pushService: 'Mozilla Push Service (Firefox)', ttl: 60 },
    });
    expect(mapped.explanation).toMatch(/^Mozilla Push Service \(Firefox\) accepted/);
  });

  it('keeps Apple’s apns-id', () => {
    const mapped = mapWebpushResponse({
      status: 201,
      headers: [['apns-id', 'ABC-1']],
      body: Buffer.alloc(0),
      endpoint: APPLE,
    });
    expect(mapped.messageIds).toEqual({ 'apns-id': 'ABC-1' });
  });

  it.each(Object.entries(STATUS_MEANINGS))(
    'status %s without a body has its own explanation and hint',
    (status, meaning) => {
      const mapped = mapWebpushResponse({
        status: Number(status),
        headers: [],
        body: Buffer.alloc(0),
        endpoint: FCM,
        now,
      });
      expect(mapped).toMatchObject({ outcome: 'rejected', status: Number(status), reason: null, ...meaning });
      expect(mapped.deviceStateChange !== null).toBe(status === '404' || status === '410');
      expect(mapped.retryable).toBe(['429', '500', '502', '503'].includes(status));
    },
  );

  it.each(Object.entries(APPLE_REASONS))('Apple reason %s is decoded', (reason, meaning) => {
    const status = reason === 'BadPath' ? 404 : reason === 'TooManyRequests' ? 429 : 400;
    const mapped = mapWebpushResponse({ status, headers: [], body: json({ reason }), endpoint: APPLE, now });
    expect(mapped).toMatchObject({ reason, explanation: meaning.explanation, hint: meaning.hint });
  });

  it.each(Object.entries(AUTOPUSH_ERRNOS))('Mozilla errno %s is decoded', (errno, meaning) => {
    const body = json({ code: 400, errno: Number(errno), error: 'Bad Request', message: 'text from autopush' });
    const mapped = mapWebpushResponse({ status: 400, headers: [], body, endpoint: MOZILLA, now });
    expect(mapped).toMatchObject({ reason: `errno ${errno}`, explanation: meaning.explanation, hint: meaning.hint });
    expect(mapped.details).toMatchObject({ errno: Number(errno), message: 'text from autopush' });
    expect(mapped.retryable).toBe(errno === '202');
  });

  it('403 BadJwtToken from Apple explains the JWT', () => {
    const mapped = mapWebpushResponse({
      status: 403,
      headers: [],
      body: json({ reason: 'BadJwtToken' }),
      endpoint: APPLE,
    });
    expect(mapped.explanation).toMatch(/VAPID JWT/);
    expect(mapped.deviceStateChange).toBeNull();
  });

  it('404 and 410 mark the subscription gone with the reason', () => {
    const gone = mapWebpushResponse({
      status: 410,
      headers: [],
      body: json({ code: 410, errno: 103, error: 'Gone', message: 'expired' }),
      endpoint: MOZILLA,
      now,
    });
    expect(gone.deviceStateChange).toEqual({ state: 'gone', at: now.toISOString(), reason: 'errno 103' });
    const notFound = mapWebpushResponse({ status: 404, headers: [], body: Buffer.alloc(0), endpoint: FCM, now });
    expect(notFound.deviceStateChange).toEqual({ state: 'gone', at: now.toISOString(), reason: 'HTTP 404' });
  });

  it('429 carries Retry-After, as seconds or an HTTP date', () => {
    const mapped = mapWebpushResponse({
      status: 429,
      headers: [['Retry-After', '120']],
      body: Buffer.alloc(0),
      endpoint: FCM,
    });
    expect(mapped).toMatchObject({ retryable: true, retryAfterSeconds: 120 });
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:01:00 GMT', now.getTime())).toBe(60);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(undefined)).toBeNull();
  });

  it('keeps a plain-text error body and explains an unlisted status', () => {
    const mapped = mapWebpushResponse({ status: 418, headers: [], body: Buffer.from('teapot'), endpoint: FCM });
    expect(mapped).toMatchObject({ outcome: 'rejected', reason: null, details: { message: 'teapot' } });
    expect(mapped.explanation).toBe('Google FCM (Chrome) answered 418: teapot.');
  });
});
