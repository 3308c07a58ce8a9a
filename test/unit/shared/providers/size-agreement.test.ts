import { describe, expect, it } from 'vitest';
import { providerSpec } from '../../../../shared/providers';
import { preflightApns } from '../../../../shared/providers/apns/preflight';
import { preflightFcm } from '../../../../shared/providers/fcm/preflight';
import { formatBytes, type PreflightIssue } from '../../../../shared/preflight/types';
import { preflightWebpush } from '../../../../shared/providers/webpush/preflight';
import { apnsSendSchema } from '../../../../shared/providers/apns/message';
import { fcmOptionsSchema } from '../../../../shared/providers/fcm/message';

const FCM_TOKEN = 'dXNlcjEyMzQ1Njc4OTA:APA91bHun4MxP5egoKMwt2KZFBaFUH-1RYqx';
const SUBSCRIPTION = JSON.stringify({
  endpoint: 'https://fcm.googleapis.com/wp/abc123',
  keys: {
    p256dh: 'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4',
    auth: 'BTBZMqHH6r4Tts7J_aSIgg',
  },
});

/** An indented FCM payload: 100 data values of `fill` characters, a line each. */
const fcmPayload = (fill: number) =>
  JSON.stringify(
    { data: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, 'x'.repeat(fill)])) },
    null,
    8,
  );
const fcm = (target: string, payload: string) => preflightFcm({ target, options: fcmOptionsSchema.parse({}), payload });
const fcmSize = (payload: string, options: Record<string, unknown>, target: string) =>
  providerSpec('fcm').payloadSize(payload, options, target);
const tooLarge = (issues: PreflightIssue[]) => issues.find((issue) => issue.code.endsWith('too-large'));

describe('size meter and preflight count the same bytes', () => {
  it('FCM: the compact message, not the indented text, and the error names the meter’s number', () => {
    // Indentation alone pushes the typed text over 4,096 while the message as sent is under it.
    const fits = fcmPayload(30);
    const meter = fcmSize(fits, {}, FCM_TOKEN);
    expect(fits.length).toBeGreaterThan(4096);
    expect(meter).toEqual({ bytes: JSON.stringify(JSON.parse(fits)).length, limit: 4096, label: 'FCM limit' });
    expect(tooLarge(fcm(FCM_TOKEN, fits))).toBeUndefined();

    const over = fcmPayload(45);
    const reading = fcmSize(over, {}, FCM_TOKEN);
    expect(reading.bytes).toBeGreaterThan(reading.limit);
    expect(tooLarge(fcm(FCM_TOKEN, over))?.message).toBe(
      `Message is ${formatBytes(reading.bytes)} bytes; FCM allows 4,096`,
    );
  });

  it('FCM topics: the smaller limit on both sides, with a target named in the payload too', () => {
    const payload = JSON.stringify({ topic: 'news', data: { text: 'x'.repeat(2100) } }, null, 2);
    const reading = fcmSize(payload, {}, '');
    expect(reading.limit).toBe(2048);
    expect(tooLarge(fcm('', payload))?.message).toBe(
      `Message is ${formatBytes(reading.bytes)} bytes; FCM allows 2,048 for topic messages`,
    );
  });

  it('FCM: a payload that does not parse yet is read as its compact text where it can be', () => {
    expect(fcmSize('{ "data" : ', {}, FCM_TOKEN).bytes).toBe(11);
    expect(fcmSize('{ "data" : {} }', {}, '').bytes).toBe('{"data":{}}'.length);
  });

  it('Web Push: the encrypted body with its padding', () => {
    const payload = 'y'.repeat(3900);
    const options = { ttl: 60, padding: 200 };
    const reading = providerSpec('webpush').payloadSize(payload, options, SUBSCRIPTION);
    expect(reading.bytes).toBe(3900 + 200 + 103);
    const issues = preflightWebpush({ target: SUBSCRIPTION, payload, options, environment: 'production' }, null);
    expect(tooLarge(issues)?.message).toMatch(new RegExp(`^Encrypted payload is ${formatBytes(reading.bytes)} bytes`));
  });

  it('APNs: the text as typed, since it is sent as typed', () => {
    const payload = JSON.stringify({ aps: { alert: 'z'.repeat(4200) } }, null, 2);
    const reading = providerSpec('apns').payloadSize(payload, { pushType: 'alert' }, 'a'.repeat(64));
    const issues = preflightApns(
      apnsSendSchema.parse({
        provider: 'apns',
        credential: 'c',
        environment: 'sandbox',
        target: 'a'.repeat(64),
        options: { topic: 'com.example.app' },
        payload,
      }),
    );
    expect(tooLarge(issues)?.message).toBe(`Payload is ${formatBytes(reading.bytes)} bytes; APNs allows 4,096`);
  });
});
