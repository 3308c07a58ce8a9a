import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core/core';
import { publishLocalEnvironment } from '../../main/core/local/local-env';
import { BulkRun, isAmbiguousFailure, type BulkItem, type BulkProgress } from '../../main/core/send/bulk';
import { startApnsEmulator, type RunningApnsEmulator } from '../../main/emulators/apns';
import { LocalCa } from '../../main/emulators/common/ca';
import type { SendRequest } from '../../shared/domain/send-request';
import type { SendResult } from '../../shared/domain/send-result';

/**
 * 10,000 targets through the whole core (Sender → APNs provider → transport → history) against
 * the real APNs emulator, which fails about 5% of requests with 503, about 2% with 429 and
 * Retry-After: 1, sends one GOAWAY mid-run and drops one connection mid-run.
 *
 * What "correct" means for deliveries: every attempt carries its own apns-id, and the emulator
 * records that id with each delivery, so each attempt can be matched to what the device got.
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
let core: Core;
let credentialId: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bulk-reliability-'));
  const ca = LocalCa.create('Bulk Reliability CA');
  // Any hex token is a device here: the test is about the send path, not registration.
  apns = await startApnsEmulator({ ca, checks: { registeredDevices: false }, seed: 12 });
  core = await createCore({
    mode: 'browser',
    dataDir: join(dir, 'data'),
    workspaceDir: join(dir, 'ws'),
    ephemeralSecrets: true,
    log: () => {},
  });
  await publishLocalEnvironment(core.dataDir, {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    ca: ca.certPem,
    apns: apns.baseUrl,
    admin: { apns: apns.adminUrl },
  });
  const key = apns.createKey({ topics: [BUNDLE] });
  credentialId = (
    await core.credentials.import({
      kind: 'apns-token',
      file: Buffer.from(key.keyPem),
      fileName: `AuthKey_${key.keyId}.p8`,
      keyId: key.keyId,
      teamId: key.teamId,
    })
  ).id;
});

afterAll(async () => {
  await core?.close();
  await apns?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('bulk send reliability under faults', () => {
  it('gives 10,000 targets exactly one final result each, retries the retryable, delivers what was accepted, keeps it all in history', async () => {
    const goaway = apns.faults.add({ action: { kind: 'goaway', reason: 'Shutdown' }, nth: 3_000, times: 1 });
    const reset = apns.faults.add({ action: { kind: 'reset', scope: 'connection' }, nth: 6_500, times: 1 });
    const unavailable = apns.faults.add({ action: { kind: 'status', status: 503 }, probability: 0.05 });
    const throttled = apns.faults.add({
      action: { kind: 'status', status: 429, retryAfterSeconds: 1 },
      probability: 0.02,
    });

    const request: SendRequest = {
      provider: 'apns',
      credential: credentialId,
      environment: 'local',
      target: '',
      options: { pushType: 'alert', priority: 10, topic: BUNDLE },
      payload: JSON.stringify({ aps: { alert: { title: 'Reliability', body: 'Hello {{device.target}}' } } }),
    } as SendRequest;
    const finals = new Array<number>(TOTAL).fill(0);
    const items: BulkItem[] = [];
    const attempts: Attempt[] = [];
    const run = new BulkRun(
      core.sender,
      core.events,
      core.transport,
      request,
      Array.from({ length: TOTAL }, (_, i) => ({ target: token(i) })),
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
    const progress: BulkProgress = await run.run();
    const seconds = (performance.now() - started) / 1000;

    // The faults really happened, on the wire.
    const hits = new Map(apns.faults.list().map((rule) => [rule.id, rule.hits]));
    expect(hits.get(goaway.id)).toBe(1);
    expect(hits.get(reset.id)).toBe(1);
    expect(hits.get(unavailable.id)).toBeGreaterThan(TOTAL * 0.04);
    expect(hits.get(throttled.id)).toBeGreaterThan(TOTAL * 0.01);
    const failureCodes = new Set(attempts.filter((a) => a.result.status === null).map((a) => a.result.reason));
    expect(failureCodes.has('Shutdown'), [...failureCodes].join(', ')).toBe(true);
    expect([...failureCodes].some((code) => code === 'CONNECTION_RESET' || code === 'NETWORK')).toBe(true);

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
    expect(items.filter((item) => item.outcome === 'accepted')).toHaveLength(progress.accepted);

    // Retries happened, and their number matches the attempts seen.
    const retries = attempts.length - TOTAL;
    expect(retries).toBeGreaterThan(TOTAL * 0.06);
    expect(items.reduce((sum, item) => sum + item.attempts, 0)).toBe(attempts.length);

    // Retry-After: 1 was honoured: the next attempt at a throttled target came a second later.
    const byTarget = new Map<number, Attempt[]>();
    for (const attempt of attempts) byTarget.set(attempt.index, [...(byTarget.get(attempt.index) ?? []), attempt]);
    let throttledRetries = 0;
    for (const list of byTarget.values()) {
      list.sort((a, b) => a.attempt - b.attempt);
      for (let k = 0; k + 1 < list.length; k++) {
        if (list[k]!.result.status !== 429) continue;
        expect(list[k]!.result.retryAfterSeconds).toBe(1);
        // `at` is when the attempt's result came back; the next one starts after the wait.
        const nextStart = list[k + 1]!.at - list[k + 1]!.result.durationMs;
        expect(nextStart - list[k]!.at).toBeGreaterThanOrEqual(990);
        throttledRetries++;
      }
    }
    expect(throttledRetries).toBeGreaterThan(TOTAL * 0.01);

    // Deliveries match attempts by apns-id (see the comment at the top for why).
    const delivered = new Map<string, number>();
    for (const delivery of apns.inbox.list()) {
      const id = String(delivery.details?.['apnsId']);
      delivered.set(id, (delivered.get(id) ?? 0) + 1);
    }
    const attemptIds = new Set(attempts.map((a) => a.result.messageIds['apns-id']));
    expect(attemptIds.size).toBe(attempts.length);
    let acceptedAttempts = 0;
    let ambiguous = 0;
    let ambiguousDelivered = 0;
    for (const { result } of attempts) {
      const count = delivered.get(result.messageIds['apns-id']!) ?? 0;
      if (result.outcome === 'accepted') {
        acceptedAttempts++;
        expect(count, `accepted ${result.messageIds['apns-id']}`).toBe(1);
      } else if (isAmbiguousFailure(result)) {
        ambiguous++;
        expect(count).toBeLessThanOrEqual(1);
        ambiguousDelivered += count;
      } else {
        expect(count, `${result.status ?? result.reason} must not be delivered`).toBe(0);
      }
    }
    expect(acceptedAttempts).toBe(progress.accepted);
    for (const id of delivered.keys()) expect(attemptIds.has(id), `delivery ${id} matches no attempt`).toBe(true);
    expect(apns.inbox.size).toBe(progress.accepted + ambiguousDelivered);
    // Only the requests in flight when the connection dropped (or the GOAWAY covered) can be twice.
    expect(ambiguous).toBeLessThanOrEqual(2 * CONCURRENCY);
    const perTarget = new Map<string, number>();
    for (const delivery of apns.inbox.list()) perTarget.set(delivery.device, (perTarget.get(delivery.device) ?? 0) + 1);
    for (const item of items) {
      const count = perTarget.get(item.target) ?? 0;
      if (item.outcome === 'accepted') expect(count).toBeGreaterThanOrEqual(1);
      expect(count).toBeLessThanOrEqual(item.attempts);
    }

    // History on disk holds every one of the 10,000 final results, once each.
    await core.history.flush();
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
    expect(sends.size).toBe(TOTAL);
    expect([...sends.values()].every((count) => count === 1)).toBe(true);
    for (const item of items) expect(sends.has(item.resultId)).toBe(true);

    console.log(
      `bulk reliability: ${TOTAL} targets in ${seconds.toFixed(1)} s, ${retries} retries, ` +
        `${progress.accepted} accepted, ${exhausted.length} exhausted, ${ambiguous} ambiguous attempts ` +
        `(${ambiguousDelivered} of them delivered, so delivered twice), ${throttledRetries} waits for Retry-After`,
    );
  }, 120_000);
});
