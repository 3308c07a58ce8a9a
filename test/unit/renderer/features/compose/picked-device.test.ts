import { describe, expect, it } from 'vitest';
import { pickedDevice } from '../../../../../renderer/features/compose/TargetInput';
import type { Device } from '../../../../../shared/domain/device';

const base: Device = {
  id: '1',
  label: 'Scores',
  provider: 'apns',
  platform: 'ios',
  environment: 'sandbox',
  target: 'dHN0LXNydnItY2hubA==',
  kind: 'channel',
  attributesType: 'ScoreAttributes',
  tags: [],
  notes: '',
  fields: {},
  state: 'active',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('a saved device picked in the composer', () => {
  it('sends a channel as a broadcast, and any other device as a device push again', () => {
    const options = { pushType: 'liveactivity', priority: 5 };
    const channel = pickedDevice(base, options);
    expect(channel).toEqual({ target: base.target, options: { ...options, channelId: base.target } });
    const token = { ...base, label: 'Order', kind: 'update' as const, activityId: 'a', target: 'cd'.repeat(32) };
    expect(pickedDevice(token, channel.options!)).toEqual({ target: token.target, options });
    // Options without a channel are handed back as they were.
    expect(pickedDevice(token, options).options).toBe(options);
  });
});
