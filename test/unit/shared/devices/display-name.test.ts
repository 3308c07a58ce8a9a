import { describe, expect, it } from 'vitest';
import { shortTarget, targetNamer, targetNameText, type NameSources } from '../../../../shared/devices/display-name';

const TOKEN = 'ab'.repeat(32);
const ENDPOINT = 'https://fcm.googleapis.com/fcm/send/dXN1YmlkLTEyMzQ1Njc4OTA';
const SUBSCRIPTION = JSON.stringify({ endpoint: ENDPOINT, keys: { p256dh: 'BPublicKeyXYZ', auth: 'authSecret99' } });

const sources: NameSources = {
  devices: [
    { provider: 'apns', target: TOKEN.toUpperCase(), label: 'QA phone 017', environment: 'sandbox' },
    { provider: 'webpush', target: SUBSCRIPTION, label: 'Chrome on QA laptop', environment: 'production' },
    {
      provider: 'wns',
      target: 'https://127.0.0.1:4000/channels/ch-42?token=AwYAAAB',
      label: 'Surface 3',
      environment: 'local',
    },
  ],
  profiles: [
    { provider: 'apns', name: 'iOS sandbox', credentialId: 'cred-a', environment: 'sandbox' },
    { provider: 'apns', name: 'iOS prod', credentialId: 'cred-a', environment: 'production' },
    { provider: 'apns', name: 'Other team sandbox', credentialId: 'cred-b', environment: 'sandbox' },
    { provider: 'webpush', name: 'Web', credentialId: 'cred-v', environment: 'production' },
  ],
};

describe('targetNamer (device label and profile name beside a target)', () => {
  const name = targetNamer(sources);

  it("names a saved device and the profile a send went out with, whatever the token's case", () => {
    expect(name('apns', TOKEN, { credentialId: 'cred-b', environment: 'sandbox' })).toEqual({
      device: 'QA phone 017',
      profile: 'Other team sandbox',
      target: TOKEN,
    });
    expect(targetNameText(name('apns', TOKEN, { credentialId: 'cred-a', environment: 'production' }))).toBe(
      `QA phone 017 · iOS prod · ${TOKEN}`,
    );
  });

  it("takes the profile from the device's environment only when one profile fits", () => {
    // Two APNs profiles are sandbox: naming either would be a guess.
    expect(name('apns', TOKEN).profile).toBeNull();
    expect(name('webpush', SUBSCRIPTION).profile).toBe('Web');
    expect(name('apns', 'cd'.repeat(32))).toEqual({ device: null, profile: null, target: 'cd'.repeat(32) });
  });

  it('shows a Web Push subscription as its endpoint host and a short id, never its keys', () => {
    const shown = name('webpush', SUBSCRIPTION);
    expect(shown).toMatchObject({ device: 'Chrome on QA laptop', target: 'fcm.googleapis.com · dXN1Ymlk…' });
    expect(targetNameText(shown)).not.toMatch(/p256dh|authSecret99|BPublicKeyXYZ|\/fcm\/send/);
    expect(name('webpush', ENDPOINT).device).toBe('Chrome on QA laptop');
    expect(shortTarget('{"endpoint":', 'webpush')).toBe('Web Push subscription (unreadable)');
  });

  it('finds a device by the shortened target an exchange records', () => {
    expect(name('apns', `${TOKEN.slice(0, 8)}...${TOKEN.slice(-4)}`).device).toBe('QA phone 017');
    expect(name('webpush', 'fcm.googleapis.com...MzQ1Njc4OTA').device).toBe('Chrome on QA laptop');
    expect(name('apns', '00000000...abab').device).toBeNull();
  });

  it('finds a device an emulator inbox names by the id in its channel URI', () => {
    expect(name('wns', 'ch-42').device).toBe('Surface 3');
    expect(name('wns', 'ch-43').device).toBeNull();
  });
});
