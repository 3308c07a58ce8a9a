import { describe, expect, it } from 'vitest';
import { SIMULATOR_TARGET_KEY, simulatorFile } from '../../../../../shared/providers/apns/simulator-file';

const alert = JSON.stringify({ aps: { alert: { title: 'Hi', body: 'There' }, sound: 'default' }, orderId: 7 });

describe('the .apns file for the iOS Simulator', () => {
  it('puts the target bundle first, keeps the payload as written, and names the simctl command', () => {
    const file = simulatorFile({ payload: alert, pushType: 'alert', bundleId: 'com.example.app' });
    expect(file).toMatchObject({ ok: true, fileName: 'com.example.app.apns', warnings: [] });
    if (!file.ok) return;
    expect(Object.keys(JSON.parse(file.text))).toEqual([SIMULATOR_TARGET_KEY, 'aps', 'orderId']);
    expect(JSON.parse(file.text)).toEqual({ [SIMULATOR_TARGET_KEY]: 'com.example.app', ...JSON.parse(alert) });
    expect(file.text.endsWith('}\n')).toBe(true);
    expect(file.command).toBe('xcrun simctl push booted com.example.app com.example.app.apns');
  });

  it('takes a topic and drops its push-type suffix; replaces a target key already in the payload', () => {
    const payload = JSON.stringify({ [SIMULATOR_TARGET_KEY]: 'com.old.app', aps: { 'content-available': 1 } });
    const file = simulatorFile({ payload, pushType: 'background', bundleId: 'com.example.app.voip' });
    expect(file.ok && JSON.parse(file.text)[SIMULATOR_TARGET_KEY]).toBe('com.example.app');
  });

  it('warns for push types the Simulator does not deliver, and says what to do for Live Activities', () => {
    for (const pushType of ['voip', 'complication', 'fileprovider'] as const) {
      const file = simulatorFile({ payload: alert, pushType, bundleId: 'com.example.app' });
      expect(file.ok && file.warnings[0]).toContain(`a ${pushType} push is not delivered there`);
    }
    const live = simulatorFile({ payload: alert, pushType: 'liveactivity', bundleId: 'com.example.app' });
    expect(live.ok && live.warnings[0]).toContain('Apple silicon or a T2 chip on macOS 13');
  });

  it('warns over 4,096 bytes and without a bundle id, and still writes the file', () => {
    const big = JSON.stringify({ aps: { alert: 'x'.repeat(4100) } });
    const file = simulatorFile({ payload: big, pushType: 'alert', bundleId: '' });
    expect(file.ok).toBe(true);
    if (!file.ok) return;
    expect(file.warnings).toEqual([
      `The file is ${file.bytes.toLocaleString('en-US')} bytes; the Simulator takes at most 4,096.`,
      `No bundle id: dropped on the Simulator the file needs "${SIMULATOR_TARGET_KEY}"; with simctl, name the app in the command.`,
    ]);
    expect(file.fileName).toBe('push.apns');
    expect(file.command).toBe('xcrun simctl push booted <bundle-id> push.apns');
  });

  it('refuses what the Simulator cannot read, in words', () => {
    expect(simulatorFile({ payload: '{"aps":', pushType: 'alert', bundleId: '' })).toEqual({
      ok: false,
      error: 'The payload is not JSON yet; fix it in the editor first.',
    });
    expect(simulatorFile({ payload: '[1]', pushType: 'alert', bundleId: '' })).toMatchObject({ ok: false });
    expect(simulatorFile({ payload: '{"alert":"hi"}', pushType: 'alert', bundleId: '' })).toEqual({
      ok: false,
      error: 'The payload has no "aps" object; the Simulator needs one at the top.',
    });
    expect(simulatorFile({ payload: alert, pushType: 'alert', bundleId: 'not a bundle' })).toEqual({
      ok: false,
      error: '"not a bundle" is not a bundle id (like com.example.app).',
    });
  });
});
