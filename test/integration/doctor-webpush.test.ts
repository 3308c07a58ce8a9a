import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import { publishLocalEnvironment } from '../../main/core/local/local-env';
import { adminCall } from '../../main/emulators/admin-client';
import { generateVapidKeys } from '../../main/core/providers/webpush/vapid';
import { BulkRun } from '../../main/core/send/bulk';
import { LocalCa } from '../../main/emulators/common/ca';
import { startWebpushEmulator, type RunningWebpushEmulator } from '../../main/emulators/webpush';
import type { SendResult } from '../../shared/domain/send-result';
import { firstCause } from '../support/doctor';
import { createTestCore } from '../support/core-harness';

/** Each Web Push failure the doctor explains, from the emulator's answer: the first cause and what it quotes. */
const ca = LocalCa.create('Web Push doctor test CA');
const keys = generateVapidKeys();
let dir: string;
let emulator: RunningWebpushEmulator;
let core: Core;
let credentialId: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'doctor-webpush-'));
  emulator = await startWebpushEmulator({ ca });
  core = await createTestCore(dir);
  await publishLocalEnvironment(core.dataDir, {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    ca: ca.certPem,
    webpush: { baseUrl: emulator.baseUrl },
    admin: { webpush: emulator.adminUrl },
  });
  credentialId = (
    await core.credentials.import({ kind: 'vapid', privateKey: keys.privateKey, subject: 'mailto:dev@localhost' })
  ).id;
});
afterAll(async () => {
  await core.close();
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

const clock = (offsetSeconds: number) =>
  adminCall(
    { pid: process.pid, startedAt: '', ca: ca.certPem, admin: { webpush: emulator.adminUrl } },
    'webpush',
    'PUT',
    '/__admin/clock',
    { offsetSeconds },
  );

async function send(target: string, payload = '{"title":"doctor"}', options = {}): Promise<SendResult> {
  const { result } = await core.sender.send(
    { provider: 'webpush', credential: credentialId, environment: 'local', target, options, payload },
    { ignorePreflight: true },
  );
  return result;
}

describe('Web Push failures, diagnosed from their own exchange', () => {
  it('403 for a VAPID sub on localhost: the subject, quoting the sub claim', async () => {
    emulator.setCheck('vapid.localhostSubject', true);
    try {
      const browser = emulator.createSubscription({ applicationServerKey: keys.publicKey });
      const result = await send(JSON.stringify(browser.subscription));
      expect(result.status).toBe(403);
      const cause = firstCause(result);
      expect(cause.id).toBe('webpush.forbidden.sub');
      expect(cause.evidence).toContainEqual({ source: 'jwt claim', name: 'sub', quote: 'mailto:dev@localhost' });
      expect(cause.evidence.find((e) => e.source === 'response body')?.quote).toMatch(/localhost/);
    } finally {
      emulator.setCheck('vapid.localhostSubject', false);
    }
  });

  it('410: gone, safe to delete; 404: an endpoint the service does not know', async () => {
    const expired = emulator.createSubscription({ applicationServerKey: keys.publicKey });
    emulator.expireSubscription(expired.id);
    const gone = firstCause(await send(JSON.stringify(expired.subscription)));
    expect(gone.id).toBe('webpush.gone');
    expect(gone.evidence).toContainEqual({ source: 'response header', name: ':status', quote: '410' });

    const removed = emulator.createSubscription({ applicationServerKey: keys.publicKey });
    emulator.removeSubscription(removed.id);
    const unknown = firstCause(await send(JSON.stringify(removed.subscription)));
    expect(unknown.id).toBe('webpush.not-found');
    expect(unknown.evidence).toContainEqual({ source: 'response header', name: ':status', quote: '404' });
  });

  it('413 for a body over 4,096 encrypted bytes, TTL or not: quoting the size sent; 4,096 bytes exactly is accepted', async () => {
    const browser = emulator.createSubscription({ applicationServerKey: keys.publicKey });
    const target = JSON.stringify(browser.subscription);
    // 86 bytes of aes128gcm header, then the one record: payload + 1 delimiter + 16 tag.
    const fits = await send(target, 'x'.repeat(4096 - 86 - 17), { ttl: 60 });
    expect(fits.status).toBe(201);
    // Without TTL (sent anyway): the size is still the answer, not "missing TTL".
    for (const options of [{ ttl: 60 }, {}]) {
      const result = await send(target, 'x'.repeat(4096 - 86 - 16), options);
      expect(result.status).toBe(413);
      const cause = firstCause(result);
      expect(cause.id).toBe('webpush.too-large');
      expect(cause.evidence).toContainEqual({ source: 'request body', name: 'size', quote: '4,097 bytes' });
    }
  });

  it('403 for a JWT expired by the service’s clock: quoting exp and the answer’s Date', async () => {
    const browser = emulator.createSubscription({ applicationServerKey: keys.publicKey });
    await clock(25 * 3600);
    try {
      const result = await send(JSON.stringify(browser.subscription));
      expect(result.status).toBe(403);
      const cause = firstCause(result);
      expect(cause.id).toBe('webpush.forbidden.expired');
      expect(cause.title).toBe('The VAPID JWT had expired');
      const exp = Number(cause.evidence.find((e) => e.name === 'exp')!.quote);
      const date = Date.parse(cause.evidence.find((e) => e.name === 'date')!.quote) / 1000;
      expect(date - exp).toBeGreaterThan(3600);
    } finally {
      await clock(0);
    }
  });

  it('BadJwtToken from Apple’s service with a localhost subject: Apple’s sub rule, quoting sub and the reason', async () => {
    const browser = emulator.createSubscription({ applicationServerKey: keys.publicKey });
    emulator.faults.add({
      match: { device: browser.id },
      action: { kind: 'status', status: 403, reason: 'BadJwtToken' },
      times: 1,
    });
    const result = await send(JSON.stringify(browser.subscription));
    expect(result.reason).toBe('BadJwtToken');
    const cause = firstCause(result);
    expect(cause.id).toBe('webpush.forbidden.sub');
    expect(cause.title).toBe('Apple refuses a VAPID subject on localhost or without mailto:/https:');
    expect(cause.evidence).toContainEqual({ source: 'jwt claim', name: 'sub', quote: 'mailto:dev@localhost' });
    expect(cause.evidence).toContainEqual({ source: 'response body', name: 'reason', quote: 'BadJwtToken' });
  });

  it('403 from a service that takes another aud than its endpoints’ origin: aud first, quoting aud, the origin and the aud it takes', async () => {
    const browser = emulator.createSubscription({ applicationServerKey: keys.publicKey });
    const endpointOrigin = new URL(browser.subscription.endpoint).origin;
    // The endpoint names the emulator by address; the aud it takes names it by host name, never dialled.
    const expected = `https://localhost:${new URL(emulator.baseUrl).port}`;
    emulator.setCheck('endpoint.aliasHost', true);
    let result: SendResult;
    try {
      result = await send(JSON.stringify(browser.subscription));
    } finally {
      emulator.setCheck('endpoint.aliasHost', false);
    }
    expect(result.status).toBe(403);
    const cause = firstCause(result);
    expect(cause.id).toBe('webpush.forbidden.aud');
    expect(cause.title).toBe('The push service takes another aud than the endpoint’s origin');
    expect(cause.evidence).toEqual([
      { source: 'jwt claim', name: 'aud', quote: endpointOrigin },
      { source: 'request', name: 'endpoint origin', quote: endpointOrigin },
      { source: 'response body', name: 'expected aud', quote: expected },
    ]);
    await core.history.written();
    const recorded = await core.history.getExchange(result.exchangeIds.at(-1)!);
    expect(recorded!.remoteAddress).toMatch(/^127\.0\.0\.1:/);
    // The same subscription and key pair, with the check off: accepted.
    expect((await send(JSON.stringify(browser.subscription), undefined, { ttl: 60 })).status).toBe(201);
  });
});

/**
 * A bulk run with recording off keeps no exchange: its failures are diagnosed from the result, the
 * request and the credential alone, and must not rank a cause the missing JWT would suggest.
 */
describe('Web Push bulk failures with recording off', () => {
  it('get the diagnosis their status, request and credential allow: the key for a 403, gone for a 410', async () => {
    const contact = (
      await core.credentials.import({ kind: 'vapid', privateKey: keys.privateKey, subject: 'mailto:dev@example.com' })
    ).id;
    const otherKey = emulator.createSubscription({ applicationServerKey: generateVapidKeys().publicKey });
    const expired = emulator.createSubscription({ applicationServerKey: keys.publicKey });
    emulator.expireSubscription(expired.id);
    const results: SendResult[] = [];
    const run = new BulkRun(
      core.sender,
      core.events,
      {
        provider: 'webpush',
        credential: contact,
        environment: 'local',
        target: '',
        options: { ttl: 60 },
        payload: '{"title":"unrecorded"}',
      },
      [{ target: JSON.stringify(otherKey.subscription) }, { target: JSON.stringify(expired.subscription) }],
      { concurrency: 1, record: false, maxAttempts: 1, onFinal: (_item, result) => results.push(result) },
    );
    await run.run();
    const [forbidden, gone] = [403, 410].map((status) => results.find((r) => r.status === status)!) as [
      SendResult,
      SendResult,
    ];
    // Nothing recorded: the subject comes from the credential. Not "the subject is not a contact (sub: none)": the credential's subject is a real one.
    const cause = firstCause(forbidden);
    expect(cause.id).toBe('webpush.forbidden.key');
    expect(cause.evidence).toContainEqual({ source: 'response header', name: ':status', quote: '403' });
    const sub = forbidden.diagnosis!.causes.find((c) => c.id === 'webpush.forbidden.sub')!;
    expect(sub.likelihood).toBe('possible');
    expect(sub.evidence).toContainEqual({ source: 'credential', name: 'subject', quote: 'mailto:dev@example.com' });
    expect(sub.evidence).toContainEqual({
      source: 'request',
      name: 'endpoint origin',
      quote: new URL(otherKey.subscription.endpoint).origin,
    });

    expect(firstCause(gone).id).toBe('webpush.gone');
    expect(firstCause(gone).evidence).toContainEqual({ source: 'response header', name: ':status', quote: '410' });
  });
});
