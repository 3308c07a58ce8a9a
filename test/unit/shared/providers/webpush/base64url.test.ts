import { describe, expect, it } from 'vitest';
import { decodeBase64Url, encodeBase64Url } from '../../../../../shared/providers/webpush/base64url';
import { pushServiceForEndpoint } from '../../../../../shared/providers/webpush/push-services';
import { parseSubscription } from '../../../../../shared/providers/webpush/subscription';

describe('base64url without Buffer', () => {
  it('round-trips every length against Node for random bytes', () => {
    for (let length = 0; length < 70; length++) {
      const bytes = new Uint8Array(length).map((_, i) => (i * 97 + length * 31) & 0xff);
      const text = encodeBase64Url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(Buffer.from(decodeBase64Url(text)!).equals(Buffer.from(bytes))).toBe(true);
    }
  });

  it('accepts padded standard base64 and refuses other characters', () => {
    expect(Buffer.from(decodeBase64Url('+/8=')!)).toEqual(Buffer.from([0xfb, 0xff]));
    expect(decodeBase64Url('ab$d')).toBeNull();
    expect(decodeBase64Url('abcde')).toBeNull();
  });
});

describe('subscription parsing', () => {
  it('reads PushSubscription.toJSON()', () => {
    const parsed = parseSubscription(
      '{"endpoint":"https://fcm.googleapis.com/wp/x","expirationTime":null,"keys":{"p256dh":"BA","auth":"AA"}}',
    );
    expect(parsed.ok && parsed.subscription.keys.auth).toBe('AA');
  });

  it('names what is missing', () => {
    expect(parseSubscription('')).toMatchObject({ ok: false, message: expect.stringMatching(/empty/) });
    expect(parseSubscription('{"keys":{}}')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/no "endpoint"/),
    });
  });

  it('names push services by host', () => {
    expect(pushServiceForEndpoint('https://fcm.googleapis.com/fcm/send/x').id).toBe('fcm');
    expect(pushServiceForEndpoint('https://updates.push.services.mozilla.com/wpush/v1/x').id).toBe('mozilla');
    expect(pushServiceForEndpoint('https://web.push.apple.com/x').id).toBe('apple');
    expect(pushServiceForEndpoint('https://wns2-bl2p.notify.windows.com/w/?token=x').id).toBe('wns');
    expect(pushServiceForEndpoint('https://127.0.0.1:9/x').id).toBe('loopback');
    expect(pushServiceForEndpoint('nonsense').id).toBe('unknown');
  });
});
