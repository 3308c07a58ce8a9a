import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalCa } from '../../main/emulators/common/ca';
import { startNhubEmulator, type RunningNhubEmulator } from '../../main/emulators/nhub';
import { adminJson, hubSend, sasToken } from '../support/nhub-raw-client';

const NAMESPACE = 'limits-ns.servicebus.windows.net';
const HUB = 'LimitsHub';
const KEY = 'limits-key';

/** A JSON object of exactly `bytes` bytes: `{"<key>":{"alert":"xxx…"}}`. */
function jsonOf(bytes: number, key = 'aps'): string {
  const shell = JSON.stringify({ [key]: { alert: '' } });
  return JSON.stringify({ [key]: { alert: 'x'.repeat(bytes - shell.length) } });
}
/** A well-formed toast of exactly `bytes` bytes. */
function toastOf(bytes: number): string {
  const open = '<toast><visual><binding template="ToastGeneric"><text>';
  const close = '</text></binding></visual></toast>';
  return `${open}${'x'.repeat(bytes - open.length - close.length)}${close}`;
}

/**
 * Payload limits per format, as a backend meets them over the REST surface: each platform's own
 * limit answers 400 ("message exceeds size"), the 64 KB entity limit 413, both as Service Bus XML.
 */
describe('Notification Hubs emulator payload limits per format', () => {
  const ca = LocalCa.create('nhub limits CA');
  let emulator: RunningNhubEmulator;

  beforeAll(async () => {
    emulator = await startNhubEmulator({ ca });
    emulator.registerCredential({ namespace: NAMESPACE, hub: HUB, keyName: 'Full', key: KEY });
  });
  afterAll(() => emulator.close());

  const send = async (format: string, body: string | Buffer, headers: Record<string, string> = {}) => {
    const response = await hubSend({
      baseUrl: emulator.baseUrl,
      ca: ca.certPem,
      hub: HUB,
      authorization: sasToken({ sr: encodeURIComponent(`https://${NAMESPACE}/`), keyName: 'Full', key: KEY }),
      format,
      body,
      headers,
    });
    const detail = /<Detail>(.*?) TrackingId:/.exec(response.body)?.[1] ?? '';
    return { status: response.status, detail };
  };
  const toast = { 'x-wns-type': 'wns/toast' };

  it('accepts a legal 4,488-byte WNS toast and 5,000 bytes; refuses 5,001 with 400 and the WNS limit', async () => {
    expect(Buffer.byteLength(toastOf(4488))).toBe(4488);
    expect(await send('windows', toastOf(4488), toast)).toEqual({ status: 201, detail: '' });
    expect((await send('windows', toastOf(5000), toast)).status).toBe(201);
    expect(await send('windows', toastOf(5001), toast)).toEqual({
      status: 400,
      detail: 'PayloadTooLarge: The message exceeds size: the windows payload is 5,001 bytes; WNS takes at most 5,000.',
    });
  });

  it('wnsLimit5000 off: the windows limit is 5 KB (5,120 bytes)', async () => {
    expect(
      (await adminJson(emulator.adminUrl, ca.certPem, 'PUT', '/__admin/checks', { wnsLimit5000: false })).status,
    ).toBe(200);
    try {
      expect((await send('windows', toastOf(5001), toast)).status).toBe(201);
      expect((await send('windows', toastOf(5120), toast)).status).toBe(201);
      expect((await send('windows', toastOf(5121), toast)).detail).toContain('WNS takes at most 5,120');
    } finally {
      emulator.setCheck('wnsLimit5000', true);
    }
  });

  it('APNs 4,096 bytes (VoIP 5,120), FCM 4,096, Web Push 3,993 of plaintext', async () => {
    expect((await send('apple', jsonOf(4096))).status).toBe(201);
    expect(await send('apple', jsonOf(4097))).toEqual({
      status: 400,
      detail: 'PayloadTooLarge: The message exceeds size: the apple payload is 4,097 bytes; APNs takes at most 4,096.',
    });
    const voip = { 'apns-push-type': 'voip' };
    expect((await send('apple', jsonOf(5120), voip)).status).toBe(201);
    expect((await send('apple', jsonOf(5121), voip)).detail).toContain('APNs (VoIP) takes at most 5,120');
    expect((await send('fcmv1', jsonOf(4096, 'message'))).status).toBe(201);
    expect((await send('fcmv1', jsonOf(4097, 'message'))).detail).toContain('FCM takes at most 4,096');
    expect((await send('browser', jsonOf(3993, 'notification'))).status).toBe(201);
    expect((await send('browser', jsonOf(3994, 'notification'))).detail).toContain('Web Push takes at most 3,993');
  });

  it('browserLimit off: browser payloads meet only the 64 KB limit', async () => {
    emulator.setCheck('browserLimit', false);
    try {
      expect((await send('browser', jsonOf(10_000, 'notification'))).status).toBe(201);
    } finally {
      emulator.setCheck('browserLimit', true);
    }
    expect((await send('browser', jsonOf(10_000, 'notification'))).status).toBe(400);
  });

  it('413 past 64 KB for any format, and for a body past what the hub reads, never a 500', async () => {
    expect((await send('adm', jsonOf(10_000, 'data'))).status).toBe(201);
    expect(await send('adm', jsonOf(65_537, 'data'))).toEqual({
      status: 413,
      detail:
        'PayloadTooLarge: Requested entity too large. The message size cannot be over 64 Kb; this one is 65,537 bytes.',
    });
    const huge = await send('adm', Buffer.alloc(2 * 1024 * 1024, 0x20));
    expect(huge).toEqual({
      status: 413,
      detail:
        'PayloadTooLarge: Requested entity too large. The message size cannot be over 64 Kb; this one is 2,097,152 bytes.',
    });
  });
});
