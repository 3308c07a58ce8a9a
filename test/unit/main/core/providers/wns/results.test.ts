import { describe, expect, it } from 'vitest';
import {
  decodeWnsHeaders,
  mapWnsResponse,
  parseRetryAfter,
  WNS_STATUS_MEANINGS,
} from '../../../../../../main/core/providers/wns/results';
import type { Header } from '../../../../../../shared/domain/exchange';

const now = new Date('2026-01-01T00:00:00Z');

describe('mapWnsResponse', () => {
  it('decodes every X-WNS answer header as a named field and the message id', () => {
    const headers: Header[] = [
      ['X-WNS-Status', 'received'],
      ['X-WNS-DeviceConnectionStatus', 'connected'],
      ['X-WNS-Msg-ID', '1ACD59E4683FE6A2'],
      ['X-WNS-Debug-Trace', 'DB5SCH101'],
      ['MS-CV', 'abc.0'],
    ];
    const result = mapWnsResponse({ status: 200, headers, now });
    expect(result).toMatchObject({
      outcome: 'accepted',
      status: 200,
      reason: 'received',
      messageIds: { 'X-WNS-Msg-ID': '1ACD59E4683FE6A2' },
      details: {
        notificationStatus: 'received',
        deviceConnectionStatus: 'connected',
        msgId: '1ACD59E4683FE6A2',
        debugTrace: 'DB5SCH101',
        msCv: 'abc.0',
      },
    });
  });

  it('reads the older X-WNS-NotificationStatus name too', () => {
    expect(decodeWnsHeaders([['x-wns-notificationstatus', 'dropped']])).toEqual({ notificationStatus: 'dropped' });
    const dropped = mapWnsResponse({ status: 200, headers: [['X-WNS-NotificationStatus', 'dropped']] });
    expect(dropped).toMatchObject({ outcome: 'accepted', reason: 'dropped' });
    expect(dropped.hint).toContain('offline');
  });

  it.each([
    [400, 'BAD_REQUEST', false, false],
    [401, 'UNAUTHORIZED', false, false],
    [403, 'FORBIDDEN', false, false],
    [404, 'CHANNEL_EXPIRED', false, true],
    [405, 'METHOD_NOT_ALLOWED', false, false],
    [406, 'THROTTLED', true, false],
    [410, 'CHANNEL_GONE', false, true],
    [413, 'PAYLOAD_TOO_LARGE', false, false],
    [500, 'INTERNAL_SERVER_ERROR', true, false],
    [503, 'SERVICE_UNAVAILABLE', true, false],
  ])(
    'maps %i to %s (retryable %s, device gone %s) with an explanation and a hint',
    (status, reason, retryable, gone) => {
      const result = mapWnsResponse({ status, headers: [['X-WNS-Error-Description', 'because']], now });
      expect(result).toMatchObject({ outcome: 'rejected', status, reason, retryable });
      expect(result.explanation).toMatch(/WNS says: because$/);
      expect(result.hint).toBe(WNS_STATUS_MEANINGS[status]!.hint);
      expect(result.deviceStateChange).toEqual(gone ? { state: 'gone', at: now.toISOString(), reason } : null);
    },
  );

  it('tells a Domain Blocked 410 apart from a gone channel', () => {
    const result = mapWnsResponse({ status: 410, headers: [['X-WNS-Error-Description', 'Domain Blocked']] });
    expect(result).toMatchObject({ reason: 'DOMAIN_BLOCKED', deviceStateChange: null });
  });

  it('passes Retry-After through and handles undocumented statuses', () => {
    expect(mapWnsResponse({ status: 503, headers: [['Retry-After', '120']] }).retryAfterSeconds).toBe(120);
    expect(mapWnsResponse({ status: 502, headers: [] })).toMatchObject({ reason: 'HTTP_502', retryable: true });
    expect(mapWnsResponse({ status: 418, headers: [] })).toMatchObject({ reason: 'HTTP_418', retryable: false });
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('30')).toBe(30);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:01:00 GMT', now.getTime())).toBe(60);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(undefined)).toBeNull();
  });
});
