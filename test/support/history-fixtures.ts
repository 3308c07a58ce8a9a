import type { Exchange, Provider } from '../../shared/domain/exchange';
import type { SendResult } from '../../shared/domain/send-result';

const PROVIDERS: Provider[] = ['apns', 'fcm', 'wns', 'webpush', 'nhub'];
const REASONS = ['BadDeviceToken', 'UNREGISTERED', 'TooManyRequests', 'ExpiredToken', 'InvalidRegistration'];

/** A plausible redacted exchange, deterministic from its index. */
export function makeExchange(i: number, overrides: Partial<Exchange> = {}): Exchange {
  const provider = PROVIDERS[i % PROVIDERS.length]!;
  const status = i % 7 === 0 ? 400 : i % 11 === 0 ? 503 : 200;
  return {
    id: `ex-${i}`,
    startedAt: new Date(Date.UTC(2026, 10, 23, 10, 0, 0) + i * 1000).toISOString(),
    purpose: 'send',
    provider,
    target: `device-${i % 100}`,
    method: 'POST',
    url: `https://127.0.0.1:4433/3/device/token${i}`,
    httpVersion: '2',
    requestHeaders: [
      [':method', 'POST'],
      [':path', `/3/device/token${i}`],
      ['authorization', 'bearer [redacted]'],
      ['apns-topic', 'com.example.app'],
    ],
    requestBody: { encoding: 'text', data: `{"aps":{"alert":"hello ${i}"}}`, size: 30, truncated: false },
    status,
    responseHeaders: [
      [':status', String(status)],
      ['apns-id', `id-${i}`],
    ],
    responseBody:
      status === 200
        ? null
        : { encoding: 'text', data: `{"reason":"${REASONS[i % REASONS.length]}"}`, size: 20, truncated: false },
    timings: { dns: -1, connect: -1, tls: -1, send: 1, ttfb: 10, download: 1, total: 12 + (i % 50) },
    tls: null,
    connectionId: 1,
    connectionReused: i > 0,
    remoteAddress: '127.0.0.1',
    error: null,
    redactions: ['authorization'],
    ...overrides,
  };
}

export function makeResult(i: number, overrides: Partial<SendResult> = {}): SendResult {
  const exchange = makeExchange(i);
  return {
    id: `send-${i}`,
    provider: exchange.provider!,
    target: exchange.target!,
    outcome: exchange.status === 200 ? 'accepted' : 'rejected',
    status: exchange.status,
    reason: exchange.status === 200 ? null : REASONS[i % REASONS.length]!,
    explanation: null,
    hint: null,
    messageIds: { 'apns-id': `id-${i}` },
    retryable: false,
    deviceStateChange: null,
    exchangeIds: [exchange.id],
    durationMs: exchange.timings.total,
    startedAt: exchange.startedAt,
    ...overrides,
  };
}
