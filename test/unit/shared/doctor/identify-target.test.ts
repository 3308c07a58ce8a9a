import { describe, expect, it } from 'vitest';
import { fitsFor, identifyTarget } from '../../../../shared/doctor/identify-target';
import type { Profile } from '../../../../shared/domain/profile';

const HEX64 = '740f4707bebcf74f9b7c25d48e3358945f6aa01da5ddb387462c7eaf61bb78ad';
const FCM_TOKEN =
  'dQw4w9WgXcQ_k3Jb8aZ1x2:APA91bHun4MxP5egoKMwt2KZFBaFUH-1RYqx2hvbLzoHpJcBnXyEJq8XlzNl7c1mH6uUn8A6tTqgBuwhS0XfqGf3g1yJvWb5vQ3nYcYBqk7-8xKmO9LrW2Zp';
const FCM_TOKEN_NO_COLON = 'e'.repeat(40) + 'APA91b' + 'x_Y-z'.repeat(20);
const KEYS = {
  p256dh: 'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4',
  auth: 'BTBZMqHH6r4Tts7J_aSIgg',
};
const sub = (endpoint: string, keys: object | null = KEYS) =>
  JSON.stringify(keys ? { endpoint, expirationTime: null, keys } : { endpoint });

/** [category, pasted text, first reading's kind or null, its service or the first reading's problems, more]. */
type Row = [
  category: string,
  text: string,
  kind: string | null,
  extra?: { service?: string; problem?: RegExp; also?: string[]; confidence?: string },
];

const TABLE: Row[] = [
  ['apns 32 bytes', HEX64, 'apns-token', { also: ['apns-push-to-start'], confidence: 'likely' }],
  ['apns upper-case', HEX64.toUpperCase(), 'apns-token'],
  ['apns spaces', HEX64.replace(/(.{8})/g, '$1 ').trim(), 'apns-token'],
  ['apns NSData description', `<${HEX64.replace(/(.{8})/g, '$1 ').trim()}>`, 'apns-token'],
  ['apns 100 bytes', 'ab'.repeat(100), 'apns-token', { confidence: 'likely' }],
  ['apns 80 bytes', 'c0'.repeat(80), 'apns-token'],
  ['apns odd digits', HEX64 + 'a', 'apns-token', { problem: /whole bytes; this one has 65/ }],
  ['apns too short', HEX64.slice(0, 62), 'apns-token', { problem: /at least 64 hex/ }],
  ['apns too long', 'ab'.repeat(101), 'apns-token', { problem: /too long/ }],
  ['apns local emulator token', 'ab'.repeat(32), 'apns-token'],
  ['fcm token', FCM_TOKEN, 'fcm-token', { confidence: 'certain' }],
  ['fcm token without instance id', FCM_TOKEN_NO_COLON, 'fcm-token', { confidence: 'likely' }],
  ['fcm token with spaces around', `  ${FCM_TOKEN}\n`, 'fcm-token'],
  ['fcm sample token', 'fCm1aBcDeFgHiJkLmNoPqR:APA91bHPRgkF3JUikC4ENAHEeMrd41Zxv3hVZjC9KtT8OvPVGJ', 'fcm-token'],
  ['fcm topic /topics/', '/topics/news', 'fcm-topic', { confidence: 'certain' }],
  ['fcm topic topics/', 'topics/weather-alerts_eu', 'fcm-topic'],
  ['fcm topic bare', 'breaking-news', 'fcm-topic', { confidence: 'possible', also: ['nhub-tags'] }],
  ['fcm condition', "'dogs' in topics && 'cats' in topics", 'fcm-condition', { confidence: 'certain' }],
  ['fcm condition nested', "'a' in topics && ('b' in topics || !('c' in topics))", 'fcm-condition'],
  [
    'fcm condition too many topics',
    "'a' in topics || 'b' in topics || 'c' in topics || 'd' in topics || 'e' in topics || 'f' in topics",
    'fcm-condition',
    { problem: /6 topics; FCM allows 5/ },
  ],
  ['fcm condition broken', "'a' in topics &&", 'fcm-condition', { problem: /character/ }],
  ['wns db5', 'https://db5.notify.windows.com/?token=AwYAAABq7aRdAMmDY', 'wns-channel', { confidence: 'certain' }],
  ['wns db5p', 'https://db5p.notify.windows.com/?token=AwYAAAD', 'wns-channel'],
  ['wns bn3p', 'https://bn3p.notify.windows.com/?token=AwYAAAC3', 'wns-channel'],
  ['wns hk2', 'https://hk2.notify.windows.com/?token=AwYAAAB', 'wns-channel'],
  [
    'wns2 host',
    'https://wns2-by3p.notify.windows.com/w/?token=BQYAAABjd',
    'wns-channel',
    { confidence: 'likely', also: ['webpush-subscription'] },
  ],
  ['wns http', 'http://db5.notify.windows.com/?token=A', 'wns-channel', { problem: /https/ }],
  ['wns local emulator', 'http://127.0.0.1:49152/w/?token=abc123', 'wns-channel'],
  ['webpush fcm', sub('https://fcm.googleapis.com/fcm/send/cXk1:APA91bE'), 'webpush-subscription', { service: 'fcm' }],
  [
    'webpush mozilla',
    sub('https://updates.push.services.mozilla.com/wpush/v2/gAAAAABk'),
    'webpush-subscription',
    { service: 'mozilla' },
  ],
  [
    'webpush apple',
    sub('https://web.push.apple.com/QGuQyavXutnMH6sVN8hb'),
    'webpush-subscription',
    { service: 'apple' },
  ],
  [
    'webpush edge',
    sub('https://wns2-par02p.notify.windows.com/w/?token=BQYAAAB'),
    'webpush-subscription',
    { service: 'wns' },
  ],
  [
    'webpush local emulator',
    sub('http://127.0.0.1:40123/wpush/v2/abc'),
    'webpush-subscription',
    { service: 'loopback' },
  ],
  [
    'webpush no keys',
    sub('https://fcm.googleapis.com/fcm/send/abc', null),
    'webpush-subscription',
    { problem: /lacks keys.p256dh, keys.auth/ },
  ],
  [
    'webpush only p256dh',
    sub('https://updates.push.services.mozilla.com/wpush/v2/x', { p256dh: KEYS.p256dh }),
    'webpush-subscription',
    { problem: /lacks keys.auth/ },
  ],
  [
    'webpush pretty JSON',
    JSON.stringify({ endpoint: 'https://web.push.apple.com/abc', keys: KEYS }, null, 2),
    'webpush-subscription',
    { service: 'apple' },
  ],
  [
    'webpush bare apple endpoint',
    'https://web.push.apple.com/QGuQyavXutnMH6sVN8hb',
    'webpush-subscription',
    { service: 'apple', problem: /endpoint alone/ },
  ],
  [
    'webpush bare mozilla endpoint',
    'https://updates.push.services.mozilla.com/wpush/v2/gAAAA',
    'webpush-subscription',
    { service: 'mozilla' },
  ],
  [
    'webpush bare fcm endpoint',
    'https://fcm.googleapis.com/fcm/send/abc:def',
    'webpush-subscription',
    { service: 'fcm' },
  ],
  ['nhub tag expression', 'sports && !(news || weather)', 'nhub-tags', { confidence: 'likely' }],
  ['nhub user tag', '$UserId:alice', 'nhub-tags'],
  ['nhub installation id', '4d7a2f1e-9c3b-4e8a-b6d5-0f1e2d3c4b5a', 'nhub-installation'],
  ['nhub registration id', '8406924856224530471-4658307217839212358-3', 'nhub-registration'],
  ['garbage: JSON without endpoint', '{"token": "abc"}', null],
  ['garbage: broken JSON', '{"endpoint": "https://fcm.googleapis.com', null],
  ['garbage: unknown URL', 'https://example.com/hello', null],
  ['garbage: punctuation', '¯\\_(ツ)_/¯', null],
  ['garbage: empty', '   ', null],
];

describe('the token doctor reads real-shaped targets', () => {
  it('has at least 40 rows', () => expect(TABLE.length).toBeGreaterThanOrEqual(40));

  it.each(TABLE)('%s', (_category, text, kind, extra = {}) => {
    const readings = identifyTarget(text);
    if (kind === null) {
      expect(readings).toEqual([]);
      return;
    }
    const first = readings[0];
    expect(first?.kind, JSON.stringify(readings.map((r) => r.kind))).toBe(kind);
    expect(first!.summary).toMatch(/\.$/);
    expect(first!.facts.length).toBeGreaterThan(0);
    if (extra.service) expect(readings.find((r) => r.provider === 'webpush')?.service).toBe(extra.service);
    if (extra.problem) expect(first!.problems.join(' ')).toMatch(extra.problem);
    else if (!/bare|no keys|only/.test(_category)) expect(first!.problems).toEqual([]);
    if (extra.confidence) expect(first!.confidence).toBe(extra.confidence);
    for (const other of extra.also ?? []) expect(readings.map((r) => r.kind)).toContain(other);
  });

  it('sends an APNs token without its spaces, and an FCM topic with its prefix', () => {
    expect(identifyTarget(` <${HEX64.slice(0, 32)} ${HEX64.slice(32)}> `)[0]!.target).toBe(HEX64);
    expect(identifyTarget('news').find((r) => r.provider === 'fcm')!.target).toBe('/topics/news');
  });

  it('says honestly that a push-to-start token cannot be told from its shape', () => {
    const pushToStart = identifyTarget(HEX64).find((r) => r.kind === 'apns-push-to-start')!;
    expect(pushToStart.confidence).toBe('possible');
    expect(pushToStart.facts).toContain('the shape alone cannot tell a push-to-start token from a device token');
    expect(pushToStart.credentialKinds).toEqual(['apns-token']);
  });
});

describe('the credentials and profiles that fit', () => {
  const now = '2026-12-03T00:00:00.000Z';
  const credentials = [
    { id: 'v1', label: 'Local VAPID', kind: 'vapid' as const, metadata: { subject: 'mailto:dev@localhost' } },
    { id: 'v2', label: 'Real VAPID', kind: 'vapid' as const, metadata: { subject: 'mailto:push@example.com' } },
    { id: 'w1', label: 'WNS app', kind: 'wns' as const, metadata: {} },
    { id: 'k1', label: 'APNs key', kind: 'apns-token' as const, metadata: {} },
    { id: 'c1', label: 'APNs cert', kind: 'apns-certificate' as const, metadata: {} },
  ];
  const profile = (id: string, provider: Profile['provider'], credentialId: string): Profile => ({
    id,
    name: id,
    provider,
    credentialId,
    environment: 'production',
    defaults: {},
    createdAt: now,
    updatedAt: now,
  });
  const profiles = [profile('p-v1', 'webpush', 'v1'), profile('p-v2', 'webpush', 'v2'), profile('p-w', 'wns', 'w1')];

  it('a WNS channel needs a WNS credential', () => {
    const reading = identifyTarget('https://db5p.notify.windows.com/?token=A')[0]!;
    const fits = fitsFor(reading, credentials, profiles);
    expect(fits.credentials.map((c) => c.id)).toEqual(['w1']);
    expect(fits.profiles.map((p) => p.id)).toEqual(['p-w']);
  });

  it('an endpoint on Apple needs VAPID with a subject that is not localhost', () => {
    const reading = identifyTarget(sub('https://web.push.apple.com/abc'))[0]!;
    const fits = fitsFor(reading, credentials, profiles);
    expect(fits.credentials.find((c) => c.id === 'v1')!.problem).toMatch(/localhost; Apple answers BadJwtToken/);
    expect(fits.credentials.find((c) => c.id === 'v2')!.problem).toBeNull();
    expect(fits.profiles.find((p) => p.id === 'p-v1')!.problem).toMatch(/localhost/);
    const mozilla = identifyTarget(sub('https://updates.push.services.mozilla.com/wpush/v2/x'))[0]!;
    expect(fitsFor(mozilla, credentials, profiles).credentials.every((c) => c.problem === null)).toBe(true);
  });

  it('a push-to-start token takes only an auth key', () => {
    const reading = identifyTarget(HEX64).find((r) => r.kind === 'apns-push-to-start')!;
    expect(fitsFor(reading, credentials, profiles).credentials.map((c) => c.id)).toEqual(['k1']);
    const device = identifyTarget(HEX64)[0]!;
    expect(fitsFor(device, credentials, profiles).credentials.map((c) => c.id)).toEqual(['k1', 'c1']);
  });
});
