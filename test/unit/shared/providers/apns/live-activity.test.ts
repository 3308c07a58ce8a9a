import { describe, expect, it } from 'vitest';
import type { LiveActivityContext } from '../../../../../shared/live-activity/context';
import { liveActivityContractSchema } from '../../../../../shared/live-activity/contract';
import { parseActivityAttributes } from '../../../../../shared/live-activity/swift-attributes';
import { apnsSendSchema, type ApnsSendRequest } from '../../../../../shared/providers/apns/message';
import { preflightApns } from '../../../../../shared/providers/apns/preflight';
import type { PreflightIssue } from '../../../../../shared/preflight/types';

const NOW = Date.UTC(2026, 11, 4, 12, 0, 0);
const T = NOW / 1000;
const KEY = { kind: 'apns-token', label: 'Key', metadata: {} } as const;

function request(aps: Record<string, unknown>, options: Partial<ApnsSendRequest['options']> = {}): ApnsSendRequest {
  return apnsSendSchema.parse({
    provider: 'apns',
    credential: 'c',
    environment: 'sandbox',
    target: 'ab'.repeat(32),
    options: { pushType: 'liveactivity', topic: 'com.example.app.push-type.liveactivity', priority: 5, ...options },
    payload: JSON.stringify({ aps }),
  });
}

const [delivery] = parseActivityAttributes(`
struct DeliveryAttributes: ActivityAttributes {
  struct ContentState: Codable, Hashable { var status: String; var eta: Date }
  var orderId: String
}`).activities;
const contract = liveActivityContractSchema.parse({
  attributesType: 'DeliveryAttributes',
  contentState: delivery!.contentState,
  attributes: delivery!.attributes,
});

function context(over: Partial<LiveActivityContext> = {}): LiveActivityContext {
  return { contracts: [contract], history: null, now: NOW, ...over };
}

const state = { status: 'On the way', eta: T + 600 - 978_307_200 };
const update = { timestamp: T, event: 'update', 'content-state': state };
const start = {
  timestamp: T,
  event: 'start',
  'content-state': state,
  'attributes-type': 'DeliveryAttributes',
  attributes: { orderId: '1024' },
  alert: { title: 'Order', body: 'Preparing' },
};

const run = (aps: Record<string, unknown>, options: Partial<ApnsSendRequest['options']> = {}, ctx = context()) =>
  preflightApns(request(aps, options), KEY, { liveActivity: ctx });
const found = (issues: PreflightIssue[], code: string) => issues.filter((i) => i.code === code);
const notInfo = (issues: PreflightIssue[]) => issues.filter((i) => i.severity !== 'info');

describe('Live Activity preflight', () => {
  it('passes a well-formed start and update at priority 5', () => {
    expect(notInfo(run(start))).toEqual([]);
    expect(notInfo(run(update))).toEqual([]);
  });

  it('event: required, and one of start, update, end', () => {
    const { event: _e, ...noEvent } = update;
    expect(found(run(noEvent), 'apns.liveactivity.event')[0]!.message).toBe(
      'Live Activity pushes need "event" (start, update or end)',
    );
    expect(found(run({ ...update, event: 'stop' }), 'apns.liveactivity.event')[0]!.message).toBe(
      'Live Activity "event" must be start, update or end, not "stop"',
    );
  });

  it('timestamp: required, in seconds, not in the future', () => {
    expect(found(run({ ...update, timestamp: 'now' }), 'apns.liveactivity.timestamp')[0]!.severity).toBe('error');
    expect(found(run({ ...update, timestamp: NOW }), 'apns.liveactivity.timestamp-units')[0]!.message).toBe(
      `"timestamp" ${NOW} looks like milliseconds; aps times are UNIX seconds (${T})`,
    );
    expect(found(run({ ...update, timestamp: T + 3600 }), 'apns.liveactivity.timestamp-future')[0]!.message).toMatch(
      /^timestamp is 60 minutes in the future; until then every update stamped with the real time counts as older and is dropped$/,
    );
    expect(found(run({ ...update, timestamp: T + 60 }), 'apns.liveactivity.timestamp-future')).toEqual([]);
  });

  it('timestamp: warns when older than or equal to the last one sent to this activity', () => {
    const history = { lastTimestamp: T + 120, priority10LastHour: 0, sendsLastHour: 1 };
    const [older] = found(run(update, {}, context({ history })), 'apns.liveactivity.timestamp-stale');
    expect(older!.severity).toBe('warning');
    expect(older!.message).toBe(
      `timestamp ${T} is 2 minutes older than the last one sent to this activity (${T + 120}); the device drops an update older than the one it shows, while APNs still answers 200`,
    );
    const same = run({ ...update, timestamp: T + 120 }, {}, context({ history }));
    expect(found(same, 'apns.liveactivity.timestamp-stale')[0]!.message).toMatch(/is the same as the last one sent/);
    expect(
      found(run({ ...update, timestamp: T + 121 }, {}, context({ history })), 'apns.liveactivity.timestamp-stale'),
    ).toEqual([]);
  });

  it('stale-date: a number, in seconds since 1970, after the timestamp', () => {
    expect(found(run({ ...update, 'stale-date': '2026-12-04' }), 'apns.liveactivity.stale-date')[0]).toMatchObject({
      severity: 'error',
      message: '"stale-date" must be UNIX seconds (a number); got "2026-12-04"',
    });
    expect(found(run({ ...update, 'stale-date': T - 60 }), 'apns.liveactivity.stale-date')[0]!.message).toBe(
      'stale-date is 60 seconds before the timestamp; the activity shows as stale as soon as it arrives',
    );
    const since2001 = T + 3600 - 978_307_200;
    expect(found(run({ ...update, 'stale-date': since2001 }), 'apns.liveactivity.stale-date')[0]!.message).toMatch(
      /is before 2001 as UNIX seconds; aps times count from 1970, not from 2001 as a Swift Date does/,
    );
    expect(found(run({ ...update, 'stale-date': T + 3600 }), 'apns.liveactivity.stale-date')).toEqual([]);
  });

  it('dismissal-date: only on end; a past one dismisses at once; later than 4 hours has no effect', () => {
    const end = { timestamp: T, event: 'end', 'content-state': state };
    expect(found(run({ ...update, 'dismissal-date': T + 60 }), 'apns.liveactivity.dismissal-date')[0]!.message).toBe(
      'dismissal-date is read on "event": "end" only; on update it is ignored',
    );
    expect(found(run({ ...end, 'dismissal-date': T - 1 }), 'apns.liveactivity.dismissal-date')[0]).toMatchObject({
      severity: 'info',
      message: 'dismissal-date is not after the timestamp: the ended activity is removed at once',
    });
    expect(found(run({ ...end, 'dismissal-date': T + 5 * 3600 }), 'apns.liveactivity.dismissal-date')[0]!.message).toBe(
      'dismissal-date is 5 hours after the end; iOS removes an ended activity within 4 hours, so it goes before then',
    );
    expect(found(run({ ...end, 'dismissal-date': T + 3600 }), 'apns.liveactivity.dismissal-date')).toEqual([]);
    // The final content-state is optional on end.
    expect(notInfo(run({ timestamp: T, event: 'end' }))).toEqual([]);
  });

  it('relevance-score: a number', () => {
    expect(found(run({ ...update, 'relevance-score': 'high' }), 'apns.liveactivity.relevance-score')[0]!.message).toBe(
      '"relevance-score" must be a number (higher comes first among the app’s activities); got "high"',
    );
    expect(found(run({ ...update, 'relevance-score': 50 }), 'apns.liveactivity.relevance-score')).toEqual([]);
  });

  it('start: needs attributes-type, attributes and alert', () => {
    const { alert: _a, ...noAlert } = start;
    expect(found(run(noAlert), 'apns.liveactivity.start-alert')[0]!.message).toBe(
      'Push-to-start needs an "alert" ({"title", "body"}): the activity starts with an alert on the device',
    );
    const { attributes: _b, ...noAttributes } = start;
    expect(found(run(noAttributes), 'apns.liveactivity.attributes')[0]!.severity).toBe('error');
    expect(
      found(run({ ...start, 'attributes-type': 'Delivery Attributes' }), 'apns.liveactivity.attributes-type'),
    ).toHaveLength(1);
  });

  it('input-push-token and input-push-channel: only on start, well formed, not both', () => {
    expect(notInfo(run({ ...start, 'input-push-token': 1 }))).toEqual([]);
    expect(notInfo(run({ ...start, 'input-push-channel': 'dHN0LXNydnItY2hubA==' }))).toEqual([]);
    expect(found(run({ ...update, 'input-push-token': 1 }), 'apns.liveactivity.input-push-token')[0]!.message).toBe(
      '"input-push-token" only means something on "event": "start" (iOS 18); the device ignores it on update',
    );
    expect(
      found(run({ ...update, 'input-push-channel': 'abc=' }), 'apns.liveactivity.input-push-channel'),
    ).toHaveLength(1);
    expect(found(run({ ...start, 'input-push-token': true }), 'apns.liveactivity.input-push-token')[0]!.severity).toBe(
      'error',
    );
    expect(
      found(run({ ...start, 'input-push-channel': 'not a channel!' }), 'apns.liveactivity.input-push-channel'),
    ).toHaveLength(1);
    expect(
      found(
        run({ ...start, 'input-push-token': 1, 'input-push-channel': 'dHN0LXNydnItY2hubA==' }),
        'apns.liveactivity.input-both',
      ),
    ).toHaveLength(1);
  });

  it('topic: the liveactivity suffix is required', () => {
    const wrong = run(update, { topic: 'com.example.app.voip' });
    expect(found(wrong, 'apns.topic.suffix')[0]!.message).toBe(
      'Topic ends in ".voip" but push type liveactivity needs ".push-type.liveactivity"',
    );
    expect(found(run(update, { topic: 'com.example.app' }), 'apns.topic.suffix-added')).toHaveLength(1);
  });

  it('priority: 5 or 10; priority 10 shows the activity’s budget from history, with Apple’s guidance', () => {
    expect(found(run(update, { priority: 1 }), 'apns.liveactivity.priority')[0]!.severity).toBe('warning');
    expect(found(run(update, { priority: 5 }), 'apns.liveactivity.budget')).toEqual([]);
    const history = { lastTimestamp: null, priority10LastHour: 6, sendsLastHour: 9 };
    const [meter] = found(run(update, { priority: 10 }, context({ history })), 'apns.liveactivity.budget');
    expect(meter!.message).toMatch(
      /^Budget: this would be priority-10 push 7 to this activity in the last hour \(9 Live Activity pushes in all\)\./,
    );
    expect(meter!.message).toContain('NSSupportsLiveActivitiesFrequentUpdates');
    expect(meter!.message).toContain('frequentPushesEnabled');
  });

  it('size: the payload limit, and ActivityKit’s 4 KB for content-state', () => {
    const big = { ...update, 'content-state': { status: 'x'.repeat(5000), eta: state.eta } };
    const issues = run(big);
    expect(found(issues, 'apns.payload.too-large')).toHaveLength(1);
    expect(found(issues, 'apns.liveactivity.content-state-size')[0]!.message).toMatch(
      /^content-state is 5,0\d\d bytes; ActivityKit allows 4,096 for a ContentState$/,
    );
  });

  it('content-state and attributes: checked against the contract, with the path and Swift type', () => {
    const issues = run({
      ...start,
      'content-state': { status: 'Ready', eta: '2026-12-04T12:10:00Z' },
      attributes: { orderId: 1024 },
    });
    const contract = found(issues, 'apns.liveactivity.contract');
    expect(contract.map((i) => [i.path, i.message.split('. ')[0]])).toEqual([
      [
        '/aps/content-state/eta',
        expect.stringMatching(/^content-state\.eta: Date is encoded as a number by default; got a string/),
      ],
      ['/aps/attributes/orderId', 'attributes.orderId: String is a JSON string; got a whole number 1024'],
    ]);
    // A date finding says what the date strategies mean, and where that comes from.
    expect(contract[0]!.message).toContain(
      'ActivityKit decodes content-state with default JSON decoding (Apple, "Starting and updating Live Activities',
    );
  });

  it('finds the contract by attributes-type, or the only one for an update; says when there is none', () => {
    expect(
      found(run({ ...update, 'content-state': { status: 1, eta: state.eta } }), 'apns.liveactivity.contract'),
    ).toHaveLength(1);
    const other = liveActivityContractSchema.parse({ ...contract, attributesType: 'Other' });
    const two = context({ contracts: [contract, other] });
    expect(found(run(update, {}, two), 'apns.liveactivity.no-contract')[0]!.message).toBe(
      'content-state not checked: 2 contracts and an update names no attributes-type',
    );
    expect(found(run({ ...start, 'attributes-type': 'Unknown' }), 'apns.liveactivity.no-contract')[0]!.message).toMatch(
      /^No content-state contract for Unknown; declare it/,
    );
    expect(found(run(update, {}, context({ contracts: [] })), 'apns.liveactivity.no-contract')).toEqual([]);
  });
});
