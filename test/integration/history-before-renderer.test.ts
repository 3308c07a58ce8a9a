import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import { startApnsEmulator, type RunningApnsEmulator } from '../../main/emulators/apns';
import { LocalCa } from '../../main/emulators/common/ca';
import type { SendRequest } from '../../shared/domain/send-request';
import type { SendResult } from '../../shared/domain/send-result';
import type { ExchangeSummary } from '../../shared/history/summary';
import { createTestCore, importApnsKey, publishTestEmulators } from '../support/core-harness';

/**
 * What a window is handed (a `send.result` or `exchanges.recorded` event, the reply to `send.run`
 * or `bulk.results`) is already written to the history files at that moment, against the real
 * APNs emulator: a crash right after cannot lose a result the user saw.
 */
const BUNDLE = 'com.example.shown';
const trusted = { transport: 'test' as const, trusted: true };
let dir: string;
let apns: RunningApnsEmulator;
let core: Core;
let request: SendRequest;
let tokens: string[];

/** Read at the very moment something is handed over: no await between. */
function onDisk(id: string): boolean {
  const folder = join(core.dataDir, 'history');
  if (!existsSync(folder)) return false;
  return readdirSync(folder)
    .filter((name) => name.endsWith('.ndjson'))
    .some((name) => readFileSync(join(folder, name), 'utf8').includes(id));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pc-shown-'));
  const ca = LocalCa.create('Shown CA');
  apns = await startApnsEmulator({ ca });
  core = await createTestCore(dir);
  await publishTestEmulators(core, ca.certPem, { apns });
  const credential = await importApnsKey(core, apns.createKey({}));
  tokens = Array.from({ length: 3 }, () => apns.createDevice({ bundleId: BUNDLE }).token);
  request = {
    provider: 'apns',
    credential: credential.id,
    environment: 'local',
    target: tokens[0]!,
    options: { pushType: 'alert', topic: BUNDLE },
    payload: '{"aps":{"alert":"Hi"}}',
  } as SendRequest;
});

afterAll(async () => {
  await core?.close();
  await apns?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('history is written before a renderer is handed a result', () => {
  it('holds send.result and exchange rows for a window until their lines are written, and the send.run reply too', async () => {
    const seen: Array<{ kind: string; id: string; written: boolean }> = [];
    const off = core.events.subscribeRenderer((name, payload) => {
      if (name === 'send.result') {
        const { id } = payload as SendResult;
        seen.push({ kind: 'result', id, written: onDisk(id) });
      }
      if (name === 'exchanges.recorded')
        for (const row of payload as ExchangeSummary[])
          seen.push({ kind: 'exchange', id: row.id, written: onDisk(row.id) });
    });
    try {
      const reply = await core.dispatch('send.run', { sendId: 'shown-1', request }, trusted);
      expect(reply.ok).toBe(true);
      const { result } = (reply as { value: { result: SendResult } }).value;
      const replyWritten = onDisk(result.id);
      expect(result.outcome).toBe('accepted');
      expect(replyWritten).toBe(true);
      // Held events go out in order once the write is done.
      await expect.poll(() => seen.some((event) => event.kind === 'result')).toBe(true);
      expect(seen.filter((event) => event.kind === 'result')).toEqual([
        { kind: 'result', id: result.id, written: true },
      ]);
      const exchanges = seen.filter((event) => event.kind === 'exchange');
      expect(exchanges.map((event) => event.id)).toEqual(result.exchangeIds);
      expect(exchanges.every((event) => event.written)).toBe(true);
    } finally {
      off();
    }
  });

  it('answers bulk.results only once the results it lists are written', async () => {
    const replies: Array<Promise<Array<{ resultId: string; written: boolean }>>> = [];
    // Asked for the moment each result is recorded, as a window polling the run could.
    let sendId = '';
    const off = core.events.subscribe((name) => {
      if (name !== 'send.result' || !sendId) return;
      replies.push(
        core.dispatch('bulk.results', { sendId }, trusted).then((reply) => {
          const items = (reply as { value: { items: Array<{ resultId: string }> } }).value.items;
          return items.map((item) => ({ resultId: item.resultId, written: onDisk(item.resultId) }));
        }),
      );
    });
    try {
      const started = await core.bulk.start({
        request,
        targets: tokens,
        options: { concurrency: 1 },
      });
      sendId = started.sendId;
      await started.done;
      // The first result may have come before the id was known; the rest were each asked about.
      expect(replies.length).toBeGreaterThanOrEqual(tokens.length - 1);
      const answers = await Promise.all(replies);
      expect(answers.flat().length).toBeGreaterThan(0);
      for (const items of answers) expect(items.filter((item) => !item.written)).toEqual([]);
    } finally {
      off();
    }
  });
});
