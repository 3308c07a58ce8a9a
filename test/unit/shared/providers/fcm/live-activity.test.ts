import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import type { LiveActivityContext } from '../../../../../shared/live-activity/context';
import { liveActivityContractSchema } from '../../../../../shared/live-activity/contract';
import { parseActivityAttributes } from '../../../../../shared/live-activity/swift-attributes';
import { fcmLiveActivityToken } from '../../../../../shared/providers/fcm/live-activity';
import { fcmOptionsSchema } from '../../../../../shared/providers/fcm/message';
import { fcmMessageJsonSchema } from '../../../../../shared/providers/fcm/message-schema';
import { preflightFcm } from '../../../../../shared/providers/fcm/preflight';
import type { PreflightIssue } from '../../../../../shared/preflight/types';

const NOW = Date.UTC(2026, 11, 4, 12, 0, 0);
const T = NOW / 1000;
const FCM_TOKEN = 'dXNlcjEyMzQ1Njc4OTA:APA91bHun4MxP5egoKMwt2KZFBaFUH-1RYqx';
const LA_TOKEN = 'ab'.repeat(40);

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
const context = (over: Partial<LiveActivityContext> = {}): LiveActivityContext => ({
  contracts: [contract],
  history: null,
  now: NOW,
  ...over,
});

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

function message(aps: unknown, apns: Record<string, unknown> = {}, rest: Record<string, unknown> = {}) {
  return {
    ...rest,
    apns: {
      live_activity_token: LA_TOKEN,
      headers: { 'apns-priority': '5' },
      payload: { aps },
      ...apns,
    },
  };
}

const run = (body: unknown, target = FCM_TOKEN, ctx: LiveActivityContext | undefined = context()) =>
  preflightFcm(
    { target, options: fcmOptionsSchema.parse({}), payload: JSON.stringify(body) },
    ctx ? { liveActivity: ctx } : {},
  );
const found = (issues: PreflightIssue[], code: string) => issues.filter((i) => i.code === code);
const notInfo = (issues: PreflightIssue[]) => issues.filter((i) => i.severity !== 'info');

describe('FCM Live Activity preflight (apns.live_activity_token)', () => {
  it('passes a well-formed start and update, as Firebase’s guide writes them', () => {
    expect(run(message(update))).toEqual([]);
    expect(notInfo(run(message(start, { headers: { 'apns-priority': '10' } })))).toEqual([]);
    expect(run(message(update, { headers: { 'apns-push-type': 'liveactivity', 'apns-priority': '5' } }))).toEqual([]);
  });

  it('runs the APNs Live Activity rules on apns.payload.aps, with paths under apns', () => {
    const issues = run(message({ 'content-state': state }));
    expect(found(issues, 'apns.liveactivity.event')[0]).toMatchObject({
      severity: 'error',
      path: '/apns/payload/aps/event',
    });
    expect(found(issues, 'apns.liveactivity.timestamp')[0]!.path).toBe('/apns/payload/aps/timestamp');
    const startWithout = run(message({ timestamp: T, event: 'start', 'content-state': state }));
    expect(found(startWithout, 'apns.liveactivity.attributes')).toHaveLength(1);
    expect(found(startWithout, 'apns.liveactivity.start-alert')[0]!.path).toBe('/apns/payload/aps/alert');
    const onUpdate = run(message({ ...update, 'input-push-token': 1 }));
    expect(found(onUpdate, 'apns.liveactivity.input-push-token')[0]!.severity).toBe('warning');
  });

  it('reads the priority from apns-priority (none is FCM’s 10), with the budget from history', () => {
    const withHistory = context({ history: { lastTimestamp: T - 60, priority10LastHour: 4, sendsLastHour: 6 } });
    const budget = found(run(message(update, { headers: {} }), FCM_TOKEN, withHistory), 'apns.liveactivity.budget');
    expect(budget[0]).toMatchObject({ severity: 'info', path: '/apns/headers/apns-priority' });
    expect(budget[0]!.message).toContain('priority-10 push 5 to this activity in the last hour (6 Live Activity');
    expect(found(run(message(update)), 'apns.liveactivity.budget')).toEqual([]);
    const odd = run(message(update, { headers: { 'apns-priority': '1' } }));
    expect(found(odd, 'apns.liveactivity.priority')[0]!.severity).toBe('warning');
  });

  it('warns of a timestamp older than the last one this activity was sent', () => {
    const ctx = context({ history: { lastTimestamp: T + 120, priority10LastHour: 0, sendsLastHour: 1 } });
    const stale = found(run(message(update), FCM_TOKEN, ctx), 'apns.liveactivity.timestamp-stale');
    expect(stale[0]).toMatchObject({ severity: 'warning', path: '/apns/payload/aps/timestamp' });
  });

  it('checks content-state against the declared contract', () => {
    const issues = run(message({ ...update, 'content-state': { status: 'x', eta: '2026-12-04T12:10:00Z' } }));
    const contractIssues = found(issues, 'apns.liveactivity.contract');
    expect(contractIssues[0]!.path).toBe('/apns/payload/aps/content-state/eta');
    expect(contractIssues[0]!.message).toMatch(/^content-state\.eta: Date/);
  });

  it('needs apns.payload.aps', () => {
    const none = run({ apns: { live_activity_token: LA_TOKEN } });
    expect(found(none, 'fcm.liveactivity.no-aps')[0]).toMatchObject({ severity: 'error', path: '/apns/payload/aps' });
    expect(found(run(message('text')), 'fcm.liveactivity.no-aps')[0]!.message).toBe(
      'apns.payload.aps must be a JSON object',
    );
  });

  it('says what is wrong with the token: empty, not hex, not text', () => {
    const empty = found(run(message(update, { live_activity_token: ' ' })), 'fcm.liveactivity.token');
    expect(empty[0]).toMatchObject({ severity: 'warning', path: '/apns/live_activity_token' });
    const base64 = found(
      run(message(update, { live_activity_token: 'q83vEjRWeJA=' })),
      'fcm.liveactivity.token-format',
    );
    expect(base64[0]!.severity).toBe('warning');
    const odd = found(run(message(update, { live_activity_token: 'abc' })), 'fcm.liveactivity.token-format');
    expect(odd).toHaveLength(1);
    const number = run(message(update, { live_activity_token: 12 }));
    expect(found(number, 'fcm.field.invalid')[0]!.message).toBe(
      "Invalid value at 'message.apns.live_activity_token' (TYPE_STRING), 12",
    );
  });

  it('warns when the target is a topic or condition rather than the app’s registration token', () => {
    expect(found(run(message(update), '/topics/news'), 'fcm.liveactivity.target')[0]).toMatchObject({
      severity: 'warning',
      path: 'target',
    });
    expect(found(run(message(update), "'a' in topics"), 'fcm.liveactivity.target')).toHaveLength(1);
    expect(found(run(message(update)), 'fcm.liveactivity.target')).toEqual([]);
  });

  it('refuses a push type other than liveactivity and a topic without the Live Activity suffix', () => {
    const alert = run(message(update, { headers: { 'apns-push-type': 'alert' } }));
    expect(found(alert, 'fcm.liveactivity.push-type')[0]).toMatchObject({
      severity: 'error',
      path: '/apns/headers/apns-push-type',
    });
    const topic = run(message(update, { headers: { 'apns-topic': 'com.example.app' } }));
    expect(found(topic, 'fcm.liveactivity.topic')[0]!.message).toContain('".push-type.liveactivity" suffix');
    const right = run(message(update, { headers: { 'apns-topic': 'com.example.app.push-type.liveactivity' } }));
    expect(found(right, 'fcm.liveactivity.topic')).toEqual([]);
  });

  it('notes parts that do not belong: notification becomes an alert, android and webpush go unused', () => {
    const issues = run(
      message(update, {}, { notification: { title: 'x' }, android: { priority: 'HIGH' }, webpush: {} }),
    );
    expect(found(issues, 'fcm.liveactivity.notification')[0]).toMatchObject({
      severity: 'info',
      path: '/notification',
    });
    expect(found(issues, 'fcm.liveactivity.android')[0]!.path).toBe('/android');
    expect(found(issues, 'fcm.liveactivity.webpush')[0]!.path).toBe('/webpush');
  });

  it('warns of a Live Activity payload sent without live_activity_token; says nothing of ordinary apns parts', () => {
    const missing = run({ apns: { headers: { 'apns-push-type': 'liveactivity' }, payload: { aps: update } } });
    expect(found(missing, 'fcm.liveactivity.token-missing')[0]!.severity).toBe('warning');
    expect(found(run({ apns: { payload: { aps: update } } }), 'fcm.liveactivity.token-missing')).toHaveLength(1);
    expect(run({ notification: { title: 'x' }, apns: { payload: { aps: { badge: 1 } } } })).toEqual([]);
  });

  it('takes the lowerCamel spelling and a wrapped {"message": …} body too', () => {
    const camel = {
      apns: { liveActivityToken: LA_TOKEN, headers: { 'apns-priority': '5' }, payload: { aps: update } },
    };
    expect(run(camel)).toEqual([]);
    expect(fcmLiveActivityToken(JSON.stringify({ message: camel }))).toBe(LA_TOKEN);
    expect(fcmLiveActivityToken(JSON.stringify({ apns: { live_activity_token: '  ' } }))).toBeNull();
    expect(fcmLiveActivityToken('not json')).toBeNull();
  });

  it('runs without a context (the composer before main answers)', () => {
    expect(notInfo(run(message(update), FCM_TOKEN, undefined))).toEqual([]);
  });
});

describe('FCM message schema and Live Activities', () => {
  const validate = new Ajv({ strict: false, allErrors: true }).compile(fcmMessageJsonSchema);

  it('accepts apns.live_activity_token (and liveActivityToken) with ActivityKit’s aps keys, and describes them', () => {
    expect(validate(message(start))).toBe(true);
    expect(validate({ apns: { liveActivityToken: LA_TOKEN } })).toBe(true);
    expect(validate({ apns: { live_activity_token: 12 } })).toBe(false);
    expect(validate(message({ ...update, event: 'pause' }))).toBe(false);
    const apns = fcmMessageJsonSchema.properties.apns.properties;
    expect(apns.live_activity_token.description).toMatch(/push-to-start token/);
    const aps = apns.payload.properties.aps.properties as Record<string, { description?: string }>;
    for (const key of ['event', 'timestamp', 'content-state', 'attributes-type', 'dismissal-date']) {
      expect(aps[key]?.description, key).toMatch(/^Live Activity/);
    }
  });
});
