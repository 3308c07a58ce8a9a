import { describe, expect, it } from 'vitest';
import { detectTarget, targetMismatch } from '../../../../shared/providers/detect-target';

describe('target detection', () => {
  it('recognizes each provider’s target shapes', () => {
    expect(detectTarget('a'.repeat(64)).kind).toBe('apns-token');
    expect(detectTarget('fCm1aBcDeFgHiJkLmNoPqR:APA91bHPRgkF3JUikC4ENAHEeMrd41Zxv3hVZjC9KtT8OvPVGJ').kind).toBe(
      'fcm-token',
    );
    expect(detectTarget('/topics/news').kind).toBe('fcm-topic');
    expect(detectTarget("'news' in topics && !('cats' in topics)").kind).toBe('fcm-condition');
    expect(detectTarget('https://db5p.notify.windows.com/w/?token=BQYAAA').kind).toBe('wns-channel');
    expect(
      detectTarget('{"endpoint":"https://fcm.googleapis.com/fcm/send/x","keys":{"p256dh":"B","auth":"a"}}').kind,
    ).toBe('webpush-subscription');
    expect(detectTarget('sports && !(politics)').kind).toBe('nhub-tags');
    expect(detectTarget('   ').kind).toBe('empty');
  });

  it('flags a target pasted under the wrong provider, and stays quiet when it fits', () => {
    expect(targetMismatch('fcm', 'ab'.repeat(32))).toBe('This looks like an APNs device token, not a target for FCM.');
    expect(targetMismatch('apns', 'ab'.repeat(32))).toBeNull();
    expect(targetMismatch('apns', 'https://db5p.notify.windows.com/w/?token=x')).toMatch(/WNS channel URI/);
    expect(targetMismatch('nhub', 'ab'.repeat(32))).toMatch(/APNs device token/);
  });
});

describe('target detection on one provider’s tab', () => {
  it('lets that provider answer first and never labels its text with another’s loose kind', () => {
    expect(detectTarget('news', 'fcm')).toMatchObject({ kind: 'unknown', label: 'Not recognized' });
    expect(detectTarget('news', 'nhub').kind).toBe('nhub-tags');
    expect(detectTarget('/topics/news', 'fcm').kind).toBe('fcm-topic');
    expect(detectTarget('a'.repeat(64), 'fcm').kind).toBe('apns-token');
  });
});
