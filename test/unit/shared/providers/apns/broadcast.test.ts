import { describe, expect, it } from 'vitest';
import { broadcastChannel, broadcastIssues } from '../../../../../shared/providers/apns/broadcast';
import { isChannelId } from '../../../../../shared/providers/apns/channels';
import { apnsSendSchema } from '../../../../../shared/providers/apns/message';
import { preflightApns } from '../../../../../shared/providers/apns/preflight';
import { apnsSpec } from '../../../../../shared/providers/apns/spec';

const request = (options: Record<string, unknown>, payload = '{"aps":{"event":"update","timestamp":1}}', target = '') =>
  apnsSendSchema.parse({
    provider: 'apns',
    credential: 'c',
    environment: 'sandbox',
    target,
    options: { topic: 'com.example.app', ...options },
    payload,
  });
const codes = (options: Record<string, unknown>, payload?: string, target?: string) => {
  const sent = request(options, payload, target);
  return broadcastIssues(sent, preflightApns(sent, null)).map((issue) => issue.code);
};

describe('APNs broadcast preflight', () => {
  it('is a device push without a channel id, a broadcast with one (blank counts as none)', () => {
    expect(broadcastChannel(request({}))).toBeNull();
    expect(broadcastChannel(request({ channelId: '  ' }))).toBeNull();
    expect(broadcastChannel(request({ channelId: ' dHN0LWNobmw= ' }))).toBe('dHN0LWNobmw=');
    expect(codes({ pushType: 'liveactivity' })).toContain('apns.token.missing');
  });

  it('needs no device token, but the liveactivity push type and a base64 id', () => {
    expect(codes({ pushType: 'liveactivity', channelId: 'dHN0LWNobmw=' })).not.toContain('apns.token.missing');
    expect(codes({ pushType: 'alert', channelId: 'dHN0LWNobmw=' })).toContain('apns.broadcast.push-type');
    expect(codes({ pushType: 'liveactivity', channelId: 'has space' })).toContain('apns.broadcast.channel-id');
  });

  it('allows 5,120 bytes, not the device push’s 4,096', () => {
    // The bulk outside content-state, which ActivityKit caps at 4 KB of its own.
    const timestamp = Math.floor(Date.now() / 1000);
    const body = (n: number) =>
      JSON.stringify({ aps: { event: 'update', timestamp, 'content-state': { t: 1 } }, pad: 'x'.repeat(n) });
    const fits = body(4900);
    expect(codes({ pushType: 'liveactivity' }, fits, 'ab'.repeat(32))).toContain('apns.payload.too-large');
    const broadcast = request({ pushType: 'liveactivity', channelId: 'dHN0LWNobmw=' }, fits);
    const found = broadcastIssues(broadcast, preflightApns(broadcast, null));
    expect(found.filter((issue) => issue.severity !== 'info').map((issue) => issue.code)).toEqual([]);
    expect(codes({ pushType: 'liveactivity', channelId: 'dHN0LWNobmw=' }, body(5200))).toContain(
      'apns.broadcast.too-large',
    );
    expect(apnsSpec.payloadSize(fits, { channelId: 'dHN0LWNobmw=' }).limit).toBe(5120);
    expect(apnsSpec.payloadSize(fits, {}).limit).toBe(4096);
  });

  it('takes base64 channel ids of either alphabet, and nothing else', () => {
    for (const id of ['dHN0LXNyY2gtY2hubA==', 'YWJj', 'a-b_c']) expect(isChannelId(id)).toBe(true);
    for (const id of ['', 'a b', 'abc==x', '%%', 'x'.repeat(513)]) expect(isChannelId(id)).toBe(false);
  });
});
