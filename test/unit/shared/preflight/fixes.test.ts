import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { preflightApns } from '../../../../shared/providers/apns/preflight';
import { preflightFcm } from '../../../../shared/providers/fcm/preflight';
import {
  applyPreflightFix,
  gcmToFcmV1,
  INSTALLATION_ID_PLACEHOLDER,
  PREFLIGHT_FIXES,
  WEBPUSH_DEFAULT_TTL_SECONDS,
  type FixInput,
} from '../../../../shared/preflight/fixes';
import { preflightNhub } from '../../../../shared/providers/nhub/preflight';
import type { PreflightIssue } from '../../../../shared/preflight/types';
import { preflightWebpush } from '../../../../shared/providers/webpush/preflight';
import { apnsSendSchema } from '../../../../shared/providers/apns/message';
import { fcmOptionsSchema } from '../../../../shared/providers/fcm/message';
import { nhubSendSchema } from '../../../../shared/providers/nhub/message';

const PROVIDERS_DIR = fileURLToPath(new URL('../../../../shared/providers/', import.meta.url));

/** Every `{ label, id }` literal in the rules (each provider's preflight.ts): the fixes they can offer. */
function offeredFixIds(): string[] {
  const ids = new Set<string>();
  const rules = readdirSync(PROVIDERS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(PROVIDERS_DIR, entry.name, 'preflight.ts'));
  for (const file of rules) {
    const source = readFileSync(file, 'utf8');
    const literal = /\{\s*(?:label: '[^']*',\s*id: '([^']+)'|id: '([^']+)',\s*label: '[^']*')\s*\}/g;
    for (const match of source.matchAll(literal)) ids.add(match[1] ?? match[2]!);
  }
  return [...ids].sort();
}

/** Applies the fix the issue offers, failing the test when there is none or it cannot apply. */
function applyOffered(issues: PreflightIssue[], code: string, input: FixInput): FixInput {
  const issue = issues.find((candidate) => candidate.code === code);
  expect(issue?.fix, `${code} offers a fix`).toBeDefined();
  const result = applyPreflightFix(issue!.fix!.id, input);
  if (!result.ok) throw new Error(result.message);
  return result.draft;
}

const fcm = (draft: FixInput) => preflightFcm({ ...draft, options: fcmOptionsSchema.parse(draft.options) });
const codes = (issues: PreflightIssue[]) => issues.map((issue) => issue.code);
const APNS_TOKEN = 'a'.repeat(64);
const FCM_TOKEN = 'dXNlcjEyMzQ1Njc4OTA:APA91bHun4MxP5egoKMwt2KZFBaFUH-1RYqx';
const SUBSCRIPTION = JSON.stringify({
  endpoint: 'https://fcm.googleapis.com/wp/abc123',
  keys: {
    p256dh: 'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4',
    auth: 'BTBZMqHH6r4Tts7J_aSIgg',
  },
});

describe('preflight fixes', () => {
  it('has an implementation for every fix a rule offers, and none for a fix no rule offers', () => {
    const offered = offeredFixIds();
    expect(offered.length).toBeGreaterThanOrEqual(5);
    expect(Object.keys(PREFLIGHT_FIXES).sort()).toEqual(offered);
  });

  it('apns.priority-5 makes a background push valid', () => {
    const apns = (input: FixInput) =>
      preflightApns(apnsSendSchema.parse({ provider: 'apns', credential: 'c', environment: 'sandbox', ...input }));
    const input = {
      target: APNS_TOKEN,
      options: { topic: 'com.example.app', pushType: 'background', priority: 10 },
      payload: '{"aps":{"content-available":1}}',
    };
    expect(codes(apns(input))).toContain('apns.background.priority');
    const fixed = applyOffered(apns(input), 'apns.background.priority', input);
    expect(fixed.options['priority']).toBe(5);
    expect(fixed.payload).toBe(input.payload);
    expect(codes(apns(fixed))).not.toContain('apns.background.priority');
  });

  it('fcm.stringify-data turns every data value into a string', () => {
    const input = { target: FCM_TOKEN, options: {}, payload: '{"data":{"count":3,"ok":true,"name":"x"}}' };
    expect(codes(fcm(input))).toEqual(['fcm.data.not-string', 'fcm.data.not-string']);
    const fixed = applyOffered(fcm(input), 'fcm.data.not-string', input);
    expect(JSON.parse(fixed.payload)).toEqual({ data: { count: '3', ok: 'true', name: 'x' } });
    expect(fcm(fixed)).toEqual([]);
  });

  it('fcm.stringify-data says so when the payload is not JSON', () => {
    const result = applyPreflightFix('fcm.stringify-data', { target: FCM_TOKEN, options: {}, payload: '{"data":' });
    expect(result).toEqual({
      ok: false,
      message: 'The payload is not valid JSON, so its data values cannot be rewritten.',
    });
  });

  it('webpush.ttl.default sets a four-week TTL', () => {
    const webpush = (draft: FixInput) =>
      preflightWebpush({ ...draft, environment: 'production' }, { subject: 'mailto:ops@example.com' });
    const input = { target: SUBSCRIPTION, options: {}, payload: '{"title":"Hi"}' };
    expect(codes(webpush(input))).toContain('webpush.ttl.missing');
    const fixed = applyOffered(webpush(input), 'webpush.ttl.missing', input);
    expect(fixed.options['ttl']).toBe(2_419_200);
    expect(WEBPUSH_DEFAULT_TTL_SECONDS).toBe(2_419_200);
    expect(webpush(fixed).filter((issue) => issue.severity !== 'info')).toEqual([]);
  });

  const nhub = (draft: FixInput) =>
    preflightNhub(nhubSendSchema.parse({ provider: 'nhub', credential: 'c', environment: 'production', ...draft }));

  it('nhub.format.fcmv1 rewrites a legacy gcm body into the FCM v1 envelope', () => {
    const legacy = {
      notification: { title: 'Hi', body: 'There', icon: 'ic_stat', android_channel_id: 'news' },
      data: { id: 7, tags: ['a'] },
      priority: 'high',
      time_to_live: 60,
      collapse_key: 'scores',
    };
    const input = { target: 'news', options: { format: 'gcm' }, payload: JSON.stringify(legacy) };
    expect(codes(nhub(input))).toEqual(['nhub.gcm.legacy']);
    const fixed = applyOffered(nhub(input), 'nhub.gcm.legacy', input);
    expect(fixed.options['format']).toBe('fcmv1');
    expect(JSON.parse(fixed.payload)).toEqual({
      message: {
        notification: { title: 'Hi', body: 'There' },
        data: { id: '7', tags: '["a"]' },
        android: {
          notification: { icon: 'ic_stat', channel_id: 'news' },
          priority: 'HIGH',
          ttl: '60s',
          collapse_key: 'scores',
        },
      },
    });
    expect(nhub(fixed)).toEqual([]);
    // The FCM v1 rules agree with the rewritten message.
    expect(fcm({ target: FCM_TOKEN, options: {}, payload: fixed.payload })).toEqual([]);
  });

  it('nhub.format.fcmv1 keeps a body that already is an envelope, and refuses one that is not JSON', () => {
    const envelope = JSON.stringify({ message: { notification: { title: 'Hi' } } });
    expect(gcmToFcmV1(envelope)).toBe(envelope);
    expect(applyPreflightFix('nhub.format.fcmv1', { target: '', options: {}, payload: '<toast/>' })).toEqual({
      ok: false,
      message: 'The payload is not a JSON object, so it cannot be rewritten for fcmv1.',
    });
  });

  it('nhub.target.installation-tag turns a direct test send into a test send to one installation', () => {
    const input = {
      target: FCM_TOKEN,
      options: { format: 'fcmv1', targetKind: 'direct', test: true },
      payload: '{"message":{"notification":{"title":"Hi"}}}',
    };
    expect(codes(nhub(input))).toContain('nhub.direct.test');
    const fixed = applyOffered(nhub(input), 'nhub.direct.test', input);
    expect(fixed.target).toBe(`$InstallationId:{${INSTALLATION_ID_PLACEHOLDER}}`);
    expect(fixed.options).toMatchObject({ targetKind: 'tags', test: true });
    expect(nhub(fixed).filter((issue) => issue.severity === 'error')).toEqual([]);
  });

  it('names an unknown fix instead of failing silently', () => {
    expect(applyPreflightFix('apns.nope', { target: '', options: {}, payload: '' })).toEqual({
      ok: false,
      message: 'No automatic fix is known for “apns.nope”.',
    });
  });
});
