import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import { BulkRun, isAmbiguousFailure, type BulkItem, type BulkProgress } from '../../main/core/send/bulk';
import { startApnsEmulator, type RunningApnsEmulator } from '../../main/emulators/apns';
import { LocalCa } from '../../main/emulators/common/ca';
import type { RunningEmulator } from '../../main/emulators/common/types';
import { startFcmEmulator, type RunningFcmEmulator } from '../../main/emulators/fcm';
import type { SendRequest } from '../../shared/domain/send-request';
import type { SendResult } from '../../shared/domain/send-result';
import { createTestCore, importApnsKey, importServiceAccount, publishTestEmulators } from '../support/core-harness';

/**
 * 10,000 targets through the whole core (Sender → provider → transport → history) against the
 * real APNs emulator, then the real FCM emulator, each failing about 5% of sends with 503, about
 * 2% with 429 and Retry-After: 1, sending one GOAWAY mid-run and dropping one connection mid-run.
 *
 * What "correct" means for deliveries: every APNs attempt carries its own apns-id, and the
 * emulator records that id with each delivery, so each attempt can be matched to what the device
 * got (for FCM, whose message name is chosen by the server, the same is checked per target).
 * - An attempt answered 200 was delivered exactly once.
 * - An attempt answered 429/503, refused (REFUSED_STREAM) or above a GOAWAY's lastStreamId was
 *   not processed (HTTP/2 §6.8 promises that for streams above lastStreamId) and must not appear.
 * - An attempt cut by the connection drop had no answer: the emulator may already have delivered
 *   it. The engine retries it anyway (a push lost silently is worse than a duplicate), so such a
 *   target may be delivered twice. Those duplicates are the only ones allowed.
 */
const TOTAL = 10_000;
const CONCURRENCY = 100;
const MAX_ATTEMPTS = 5;
const BUNDLE = 'com.example.reliability';
const token = (i: number) => (0xa000_0000 + i).toString(16).padStart(64, '0');

interface Attempt {
  index: number;
  attempt: number;
  result: SendResult;
  at: number;
}

let dir: string;
let apns: RunningApnsEmulator;
let fcm: RunningFcmEmulator;
let core: Core;
let apnsCredential: string;
let fcmCredential: string;
let fcmTokens: string[];
const historySends: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bulk-reliability-'));
  const ca = LocalCa.create('Bulk Reliability CA');
  // Any hex token is an APNs device here: the test is about the send path, not registration.
  apns = await startApnsEmulator({ ca, checks: { registeredDevices: false }, seed: 12 });
  fcm = await startFcmEmulator({ ca, seed: 34 });
  core = await createTestCore(dir);
  await publishTestEmulators(core, ca.certPem, { apns, fcm });
  const key = apns.createKey({ topics: [BUNDLE] });
  apnsCredential = (await importApnsKey(core, key)).id;
  const account = await fcm.createServiceAccount('reliability');
  fcmCredential = (await importServiceAccount(core, account)).id;
  fcmTokens = [];
  for (let i = 0; i < TOTAL; i++) fcmTokens.push((await fcm.registerDevice({ projectId: 'reliability' })).token);
}, 60_000);

afterAll(async () => {
  await core?.close();
  await apns?.close();
  await fcm?.close();
  await rm(dir, { recursive: true, force: true });
});

interface Outcome {
  items: BulkItem[];
  attempts: Attempt[];
  progress: BulkProgress;
  seconds: number;
  retries: number;
  exhausted: BulkItem[];
  throttledRetries: number;
  ambiguous: number;
}

/** Runs one faulted bulk send and checks everything that does not depend on the provider. */
async function faultedRun(emulator: RunningEmulator, request: SendRequest, targets: string[]): Promise<Outcome> {
  // Only sends are faulted (FCM's OAuth token endpoint is left alone).
  const path = request.provider === 'apns' ? '/3/device/' : 'messages:send';
  const goaway = emulator.faults.add({ match: { path }, action: { kind: 'goaway', reason: 'Shutdown' }, nth: 3_000 });
  const reset = emulator.faults.add({ match: { path }, action: { kind: 'reset', scope: 'connection' }, nth: 6_500 });
  const unavailable = emulator.faults.add({
    match: { path },
    action: { kind: 'status', status: 503 },
    probability: 0.05,
  });
  const throttled = emulator.faults.add({
    match: { path },
    action: { kind: 'status', status: 429, retryAfterSeconds: 1 },
    probability: 0.02,
  });

  const finals = new Array<number>(TOTAL).fill(0);
  const items: BulkItem[] = [];
  const attempts: Attempt[] = [];
  const run = new BulkRun(
    core.sender,
    core.events,
    request,
    targets.map((target) => ({ target })),
    {
      concurrency: CONCURRENCY,
      maxAttempts: MAX_ATTEMPTS,
      retryBaseMs: 5,
      maxRetryDelayMs: 2_000,
      onFinal: (item) => {
        finals[item.index]! += 1;
        items.push(item);
      },
      onAttempt: (index, attempt, result) => attempts.push({ index, attempt, result, at: performance.now() }),
    },
  );
  const started = performance.now();
  const progress = await run.run();
  const seconds = (performance.now() - started) / 1000;

  // The faults really happened, on the wire.
  const hits = new Map(emulator.faults.list().map((rule) => [rule.id, rule.hits]));
  expect(hits.get(goaway.id)).toBe(1);
  expect(hits.get(reset.id)).toBe(1);
  expect(hits.get(unavailable.id)).toBeGreaterThan(TOTAL * 0.04);
  expect(hits.get(throttled.id)).toBeGreaterThan(TOTAL * 0.01);
  emulator.faults.clear();
  const noAnswer = attempts.filter((a) => a.result.status === null).map((a) => a.result.reason);
  expect(noAnswer.some((reason) => reason === 'Shutdown' || reason === 'GOAWAY')).toBe(true);
  expect(noAnswer.some((reason) => reason === 'CONNECTION_RESET')).toBe(true);

  // Exactly one final result per target: none missing, none doubled.
  expect(items).toHaveLength(TOTAL);
  expect(finals.every((count) => count === 1)).toBe(true);
  expect(new Set(items.map((item) => item.index)).size).toBe(TOTAL);
  expect(progress).toMatchObject({ state: 'done', done: TOTAL, total: TOTAL });
  expect(progress.accepted + progress.rejected + progress.failed).toBe(TOTAL);
  expect(run.results(0, TOTAL).total).toBe(TOTAL);

  // Every target is accepted unless it used up its attempts on retryable failures.
  const exhausted = items.filter((item) => item.outcome !== 'accepted');
  for (const item of exhausted) expect(item).toMatchObject({ attempts: MAX_ATTEMPTS, retryable: true });
  expect(exhausted.length).toBeLessThan(5);
  expect(progress.accepted).toBe(TOTAL - exhausted.length);

  // Retries happened, and their number matches the attempts seen.
  const retries = attempts.length - TOTAL;
  expect(retries).toBeGreaterThan(TOTAL * 0.06);
  expect(items.reduce((sum, item) => sum + item.attempts, 0)).toBe(attempts.length);

  // Retry-After: 1 was honoured: the next attempt at a throttled target came a second later.
  let throttledRetries = 0;
  for (const list of byTarget(attempts).values()) {
    for (let k = 0; k + 1 < list.length; k++) {
      if (list[k]!.result.status !== 429) continue;
      expect(list[k]!.result.retryAfterSeconds).toBe(1);
      // `at` is when the attempt's result came back; the next one started after the wait.
      const nextStart = list[k + 1]!.at - list[k + 1]!.result.durationMs;
      expect(nextStart - list[k]!.at).toBeGreaterThanOrEqual(990);
      throttledRetries++;
    }
  }
  expect(throttledRetries).toBeGreaterThan(TOTAL * 0.01);

  // History on disk holds every final result of this run, once each, with its request.
  await core.history.flush();
  const sends = await readHistorySends();
  for (const item of items) expect(sends.get(item.resultId), item.resultId).toBe(1);
  historySends.push(...items.map((item) => item.resultId));
  expect(sends.size).toBe(historySends.length);

  const ambiguous = attempts.filter((a) => isAmbiguousFailure(a.result)).length;
  // Only requests in flight when the connection dropped (or that the GOAWAY covered) are unknown.
  expect(ambiguous).toBeLessThanOrEqual(2 * CONCURRENCY);
  return { items, attempts, progress, seconds, retries, exhausted, throttledRetries, ambiguous };
}

function byTarget(attempts: Attempt[]): Map<number, Attempt[]> {
  const map = new Map<number, Attempt[]>();
  for (const attempt of attempts) map.set(attempt.index, [...(map.get(attempt.index) ?? []), attempt]);
  for (const list of map.values()) list.sort((a, b) => a.attempt - b.attempt);
  return map;
}

/** Send records in the NDJSON history files: result id → how many times it appears. */
async function readHistorySends(): Promise<Map<string, number>> {
  const historyDir = join(core.dataDir, 'history');
  const sends = new Map<string, number>();
  for (const name of (await readdir(historyDir)).filter((file) => file.endsWith('.ndjson'))) {
    for (const line of (await readFile(join(historyDir, name), 'utf8')).split('\n')) {
      if (!line.startsWith('{"type":"send"')) continue;
      const record = JSON.parse(line) as { result: SendResult; request: SendRequest | null };
      sends.set(record.result.id, (sends.get(record.result.id) ?? 0) + 1);
      expect(record.request?.target).toBe(record.result.target);
    }
  }
  return sends;
}

function report(provider: string, outcome: Outcome, twice: number): void {
  console.log(
    `bulk reliability (${provider}): ${TOTAL} targets in ${outcome.seconds.toFixed(1)} s, ${outcome.retries} retries, ` +
      `${outcome.progress.accepted} accepted, ${outcome.exhausted.length} exhausted, ${outcome.ambiguous} ambiguous ` +
      `attempts (${twice} delivered twice), ${outcome.throttledRetries} waits for Retry-After`,
  );
}

describe('bulk send reliability under faults', () => {
  it('APNs: one final result per target, retries, deliveries matched to attempts by apns-id, all in history', async () => {
    const request = {
      provider: 'apns',
      credential: apnsCredential,
      environment: 'local',
      target: '',
      options: { pushType: 'alert', priority: 10, topic: BUNDLE },
      payload: JSON.stringify({ aps: { alert: { title: 'Reliability', body: 'Hello {{device.target}}' } } }),
    } as SendRequest;
    const outcome = await faultedRun(
      apns,
      request,
      Array.from({ length: TOTAL }, (_, i) => token(i)),
    );

    const delivered = new Map<string, number>();
    for (const delivery of apns.inbox.list()) {
      const id = String(delivery.details?.['apnsId']);
      delivered.set(id, (delivered.get(id) ?? 0) + 1);
    }
    const attemptIds = new Set(outcome.attempts.map((a) => a.result.messageIds['apns-id']));
    expect(attemptIds.size).toBe(outcome.attempts.length);
    let acceptedAttempts = 0;
    let ambiguousDelivered = 0;
    for (const { result } of outcome.attempts) {
      const count = delivered.get(result.messageIds['apns-id']!) ?? 0;
      if (result.outcome === 'accepted') {
        acceptedAttempts++;
        expect(count, `accepted ${result.messageIds['apns-id']}`).toBe(1);
      } else if (isAmbiguousFailure(result)) {
        expect(count).toBeLessThanOrEqual(1);
        ambiguousDelivered += count;
      } else {
        expect(count, `${result.status ?? result.reason} must not be delivered`).toBe(0);
      }
    }
    expect(acceptedAttempts).toBe(outcome.progress.accepted);
    for (const id of delivered.keys()) expect(attemptIds.has(id), `delivery ${id} matches no attempt`).toBe(true);
    expect(apns.inbox.size).toBe(outcome.progress.accepted + ambiguousDelivered);
    report('APNs', outcome, ambiguousDelivered);
  }, 120_000);

  it('FCM: one final result per target, retries, deliveries per target within what the attempts allow', async () => {
    const request = {
      provider: 'fcm',
      credential: fcmCredential,
      environment: 'local',
      target: '',
      options: { targetKind: 'token', validateOnly: false },
      payload: JSON.stringify({ notification: { title: 'Reliability', body: 'Hello' } }),
    } as SendRequest;
    const outcome = await faultedRun(fcm, request, fcmTokens);

    const perTarget = new Map<string, number>();
    for (const delivery of fcm.inbox.list()) perTarget.set(delivery.device, (perTarget.get(delivery.device) ?? 0) + 1);
    let twice = 0;
    for (const [index, list] of byTarget(outcome.attempts)) {
      const accepted = list.filter((a) => a.result.outcome === 'accepted').length;
      const unknown = list.filter((a) => isAmbiguousFailure(a.result)).length;
      const count = perTarget.get(fcmTokens[index]!) ?? 0;
      // Answered attempts are exact; an attempt with no answer may or may not have been delivered.
      expect(count, `target ${index}`).toBeGreaterThanOrEqual(accepted);
      expect(count, `target ${index}`).toBeLessThanOrEqual(accepted + unknown);
      twice += count - accepted;
    }
    expect(fcm.inbox.size).toBe(outcome.progress.accepted + twice);
    report('FCM', outcome, twice);
  }, 120_000);
});
