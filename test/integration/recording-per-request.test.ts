import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import { BulkRun } from '../../main/core/send/bulk';
import { startApnsEmulator, type RunningApnsEmulator } from '../../main/emulators/apns';
import { LocalCa } from '../../main/emulators/common/ca';
import type { SendRequest } from '../../shared/domain/send-request';
import type { SendResult } from '../../shared/domain/send-result';
import { createTestCore, importApnsKey, publishTestEmulators } from '../support/core-harness';

const BUNDLE = 'com.example.recording';
const token = (i: number) => (0xb000_0000 + i).toString(16).padStart(64, '0');

let dir: string;
let apns: RunningApnsEmulator;
let core: Core;
let request: SendRequest;
/** Ids of every exchange the core recorded (what history and the exchange feed are given). */
const recorded = new Set<string>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'recording-per-request-'));
  const ca = LocalCa.create('Recording Per Request CA');
  apns = await startApnsEmulator({ ca, checks: { registeredDevices: false } });
  core = await createTestCore(dir);
  await publishTestEmulators(core, ca.certPem, { apns });
  const credential = (await importApnsKey(core, apns.createKey({ topics: [BUNDLE] }))).id;
  request = {
    provider: 'apns',
    credential,
    environment: 'local',
    target: '',
    options: { pushType: 'alert', topic: BUNDLE, port: 443 },
    payload: '{"aps":{"alert":"recording"}}',
  };
  core.events.subscribe((name, payload) => {
    if (name === 'exchange.recorded') recorded.add((payload as { id: string }).id);
  });
}, 30_000);

afterAll(async () => {
  await core?.close();
  await apns?.close();
  await rm(dir, { recursive: true, force: true });
});

/** A bulk run of `count` targets, one at a time, that pauses itself after its first result. */
function pausingRun(first: number, count: number, record: boolean) {
  const results: SendResult[] = [];
  let paused!: () => void;
  const pausedAfterFirst = new Promise<void>((resolve) => (paused = resolve));
  const targets = Array.from({ length: count }, (_, i) => ({ target: token(first + i) }));
  const run: BulkRun = new BulkRun(core.sender, core.events, request, targets, {
    concurrency: 1,
    record,
    onFinal: (_item, result) => {
      results.push(result);
      if (results.length === 1) {
        run.pause();
        paused();
      }
    },
  });
  const done = run.run();
  return { run, results, done, pausedAfterFirst };
}

const exchangeIds = (results: readonly SendResult[]) => results.flatMap((result) => result.exchangeIds);

describe('recording is chosen per request, not switched on the shared transport', () => {
  it('records a composer send made while a recording-off bulk run is under way', async () => {
    const bulk = pausingRun(0, 4, false);
    await bulk.pausedAfterFirst;
    const reply = await core.dispatch(
      'send.run',
      { sendId: 'composer-during-bulk', request: { ...request, target: token(100) } },
      { transport: 'test', trusted: true },
    );
    if (!reply.ok) throw new Error(reply.error.message);
    const { result } = reply.value as { result: SendResult };
    expect(result.outcome).toBe('accepted');
    expect(result.exchangeIds).toHaveLength(1);
    expect(recorded.has(result.exchangeIds[0]!)).toBe(true);
    await core.history.written();
    expect((await core.history.getExchange(result.exchangeIds[0]!))?.id).toBe(result.exchangeIds[0]);

    bulk.run.resume();
    expect((await bulk.done).accepted).toBe(4);
    expect(exchangeIds(bulk.results)).toHaveLength(4);
    expect(exchangeIds(bulk.results).filter((id) => recorded.has(id))).toEqual([]);
  });

  it('keeps each overlapping run to its own choice, whichever finishes first', async () => {
    const quietFirst = pausingRun(200, 3, false);
    const quietSecond = pausingRun(300, 3, false);
    await Promise.all([quietFirst.pausedAfterFirst, quietSecond.pausedAfterFirst]);
    // A recording run while both quiet ones are under way records every send.
    const loud = pausingRun(400, 3, true);
    await loud.pausedAfterFirst;
    loud.run.resume();
    await loud.done;
    expect(exchangeIds(loud.results).filter((id) => recorded.has(id))).toHaveLength(3);
    // The first quiet run ends; the second one, resumed after, still records nothing.
    quietFirst.run.resume();
    await quietFirst.done;
    quietSecond.run.resume();
    await quietSecond.done;
    const quiet = [...exchangeIds(quietFirst.results), ...exchangeIds(quietSecond.results)];
    expect(quiet).toHaveLength(6);
    expect(quiet.filter((id) => recorded.has(id))).toEqual([]);
  });
});
