import { describe, expect, it } from 'vitest';
import type { TargetDevice } from '../../../../../shared/live-activity/context';
import { apnsSendSchema, type ApnsSendRequest } from '../../../../../shared/providers/apns/message';
import { preflightApns } from '../../../../../shared/providers/apns/preflight';
import {
  fitsLiveActivity,
  liveActivityAsk,
  targetKindIssues,
} from '../../../../../shared/providers/apns/live-activity-targets';
import { broadcastIssues } from '../../../../../shared/providers/apns/broadcast';

const start = { event: 'start', 'attributes-type': 'DeliveryAttributes' };
const startPtS: TargetDevice = { label: 'Start token', kind: 'push-to-start', attributesType: 'DeliveryAttributes' };
const updating: TargetDevice = {
  label: 'Sandbox iPhone',
  kind: 'update',
  attributesType: 'DeliveryAttributes',
  activityId: 'act-1',
};
const channel: TargetDevice = { label: 'Scores', kind: 'channel', attributesType: 'DeliveryAttributes' };
const plain: TargetDevice = { label: 'Phone', kind: 'token' };

function kindIssues(aps: object, device: TargetDevice | null, broadcast = false, pushType = 'liveactivity') {
  return targetKindIssues({ pushType, payload: JSON.stringify({ aps }), broadcast, device }).map(
    (issue) => `${issue.severity}: ${issue.message}`,
  );
}

describe('Live Activity targets: which device each event needs', () => {
  it('reads the event and attributes type of a payload, and nothing from one it cannot read', () => {
    expect(liveActivityAsk(JSON.stringify({ aps: start }))).toEqual({
      event: 'start',
      attributesType: 'DeliveryAttributes',
    });
    expect(liveActivityAsk('{"aps":{"event":"update"}}')).toEqual({ event: 'update', attributesType: null });
    expect(liveActivityAsk('{not json')).toEqual({ event: null, attributesType: null });
    expect(liveActivityAsk('{"aps":{"event":"pause"}}').event).toBeNull();
  });

  it('offers push-to-start tokens of the attributes type for a start, update tokens and channels otherwise', () => {
    const other: TargetDevice = { label: 'Other', kind: 'push-to-start', attributesType: 'ScoreAttributes' };
    const fits = (ask: ReturnType<typeof liveActivityAsk>) =>
      [startPtS, other, updating, channel, plain].filter((d) => fitsLiveActivity(d, ask)).map((d) => d.label);
    expect(fits({ event: 'start', attributesType: 'DeliveryAttributes' })).toEqual(['Start token']);
    expect(fits({ event: 'start', attributesType: null })).toEqual(['Start token', 'Other']);
    expect(fits({ event: 'update', attributesType: null })).toEqual(['Sandbox iPhone', 'Scores']);
    expect(fits({ event: 'end', attributesType: 'ScoreAttributes' })).toEqual([]);
  });

  it('says in words when the device is the wrong kind for the event', () => {
    expect(kindIssues(start, startPtS)).toEqual([]);
    expect(kindIssues(start, updating)).toEqual([
      'error: A start needs a push-to-start token; Sandbox iPhone is an update token',
    ]);
    expect(kindIssues(start, plain)).toEqual([
      'error: A start needs a push-to-start token; Phone is an ordinary device token',
    ]);
    expect(kindIssues({ event: 'update' }, updating)).toEqual([]);
    expect(kindIssues({ event: 'update' }, startPtS)).toEqual([
      'error: An update needs the activity’s update token or a broadcast channel; Start token is a push-to-start token',
    ]);
    expect(kindIssues({ event: 'end' }, plain)).toEqual([
      'error: An end needs the activity’s update token or a broadcast channel; Phone is an ordinary device token',
    ]);
    expect(kindIssues({ event: 'end' }, channel, true)).toEqual([]);
    expect(kindIssues({ event: 'update' }, channel, false)).toEqual([
      'error: Scores is a broadcast channel: send to it as a broadcast, with its id as the channel (apns-channel-id)',
    ]);
    expect(kindIssues(start, null, true)).toEqual([
      'error: A start needs a push-to-start token; a broadcast channel carries only update and end',
    ]);
    expect(kindIssues({ ...start, 'attributes-type': 'ScoreAttributes' }, startPtS)).toEqual([
      'warning: Start token is for DeliveryAttributes; this start’s attributes-type is ScoreAttributes, so the device will not show it',
    ]);
    // A target no saved device has is not judged; nor is an ordinary push to an ordinary token.
    expect(kindIssues(start, null)).toEqual([]);
    expect(kindIssues({}, plain, false, 'alert')).toEqual([]);
    expect(kindIssues({}, updating, false, 'alert')).toEqual([
      'warning: Sandbox iPhone is an update token: it takes Live Activity pushes only (push type liveactivity), not alert',
    ]);
  });

  it('is part of APNs preflight, fed by the device in the preflight context, broadcasts included', () => {
    const request = (aps: object, options: Partial<ApnsSendRequest['options']> = {}): ApnsSendRequest =>
      apnsSendSchema.parse({
        provider: 'apns',
        credential: 'c',
        environment: 'sandbox',
        target: 'ab'.repeat(32),
        options: { pushType: 'liveactivity', topic: 'com.example.app.push-type.liveactivity', priority: 5, ...options },
        payload: JSON.stringify({ aps }),
      });
    const codes = (issues: { code: string; message: string }[]) =>
      issues.filter((i) => i.code === 'apns.liveactivity.target-kind').map((i) => i.message);
    expect(codes(preflightApns(request(start), null, { targetDevice: updating }))).toEqual([
      'A start needs a push-to-start token; Sandbox iPhone is an update token',
    ]);
    expect(codes(preflightApns(request(start), null, { targetDevice: startPtS }))).toEqual([]);
    const broadcast = request({ event: 'start' }, { channelId: 'dHN0LXNydnItY2hubA==' });
    expect(codes(broadcastIssues(broadcast, preflightApns(broadcast, null, { targetDevice: channel })))).toEqual([
      'A start needs a push-to-start token; a broadcast channel carries only update and end',
    ]);
  });
});
