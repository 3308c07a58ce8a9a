import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core/core';
import { createLocalServices } from '../../main/local';
import { adminCall } from '../../main/emulators/admin-client';
import { startEmulators, type EmulatorSet } from '../../main/emulators/run';
import type { MintedSubscription } from '../../main/emulators/webpush';
import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import { harErrors } from '../support/har-validator';
import { makeExchange, makeResult } from '../support/history-fixtures';

const run = promisify(execFile);
const CALLER = { transport: 'test', trusted: true } as const;
let dataDir: string;
let core: Core;
let emulators: EmulatorSet;

const openCore = () =>
  createCore({
    local: createLocalServices,
    mode: 'browser',
    dataDir,
    workspaceDir: join(dataDir, 'ws'),
    ephemeralSecrets: true,
    log: () => {},
  });

async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const result = await core.dispatch(name, input, CALLER);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as CallOutput<N>;
}
/** An in-process caller gets the command itself (only Electron's renderer gets "copied"). */
function returned(output: CallOutput<'exchanges.curl'>) {
  if (output.delivery !== 'returned') throw new Error(`expected the command back, got ${output.delivery}`);
  return output;
}
async function callError<N extends CallName>(name: N, input: CallInput<N>) {
  const result = await core.dispatch(name, input, CALLER);
  if (result.ok) throw new Error(`${name} unexpectedly succeeded`);
  return result.error;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'pc-history-api-'));
  emulators = await startEmulators({ dataDir, stateDir: join(dataDir, 'state'), only: ['webpush'] });
  core = await openCore();
});
afterAll(async () => {
  await core?.close();
  await emulators?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('history and exchange calls through core.dispatch', () => {
  it('records a real send to the local Web Push emulator, lists it, shows it and sends it again', async () => {
    const credential = await call('credentials.generateVapid', { subject: 'mailto:test@example.com', label: 'site' });
    const minted = await adminCall<MintedSubscription>(emulators.environment, 'webpush', 'POST', '/__admin/devices', {
      applicationServerKey: credential.metadata['publicKey'],
    });
    const request = {
      provider: 'webpush' as const,
      credential: credential.id,
      environment: 'local' as const,
      target: JSON.stringify(minted.subscription),
      options: { ttl: 60 },
      payload: 'hello from history',
    };
    const sent = await call('send.run', { sendId: 's1', request });
    expect(sent.result.outcome).toBe('accepted');

    const page = await call('history.list', { limit: 10 });
    expect(page.items.map((item) => [item.id, item.hasRequest])).toEqual([[sent.result.id, true]]);
    const shown = await call('history.get', { id: sent.result.id });
    expect(shown.request?.payload).toBe('hello from history');
    expect(shown.exchanges.map((exchange) => exchange.id)).toEqual(sent.result.exchangeIds);

    const exchanges = await call('exchanges.list', { filter: { provider: ['webpush'] } });
    expect(exchanges.items[0]).toMatchObject({ id: sent.result.exchangeIds.at(-1), method: 'POST', status: 201 });

    const again = await call('history.resend', { id: sent.result.id });
    expect(again.result.outcome).toBe('accepted');
    expect(again.result.id).not.toBe(sent.result.id);
    const inbox = await adminCall<Array<{ payload: string }>>(
      emulators.environment,
      'webpush',
      'GET',
      `/__admin/inbox?device=${minted.id}`,
    );
    expect(inbox.map((delivery) => delivery.payload)).toEqual(['hello from history', 'hello from history']);
    expect((await call('history.list', {})).total).toBe(2);

    // Redacted curl by default; with secrets only while the transport still holds the raw request.
    const exchangeId = again.result.exchangeIds.at(-1)!;
    const redacted = returned(await call('exchanges.curl', { id: exchangeId }));
    expect(redacted.includesSecrets).toBe(false);
    expect(redacted.command).toContain('curl');
    expect(redacted.command).toContain('--cacert');
    const withSecrets = returned(await call('exchanges.curl', { id: exchangeId, includeSecrets: true }));
    expect(withSecrets.includesSecrets).toBe(true);
    // The VAPID authorization is redacted on record; with secrets the real JWT comes back.
    expect(redacted.command).not.toEqual(withSecrets.command);
    expect(JSON.stringify(await call('exchanges.get', { id: exchangeId }))).not.toContain(
      withSecrets.command.match(/vapid t=([^,']+)/)?.[1] ?? 'no-jwt-found',
    );
    const jwt = withSecrets.command.match(/vapid t=([^,']+)/)?.[1];
    expect(jwt).toBeTruthy();
    await core.history.flush();
    const { readdir, readFile } = await import('node:fs/promises');
    const historyDir = join(dataDir, 'history');
    for (const name of await readdir(historyDir)) {
      expect(await readFile(join(historyDir, name), 'utf8')).not.toContain(jwt!.split('.')[2]);
    }
    // The copied command, run with real curl, reaches the emulator.
    // Async: the emulator runs in this process, so a blocking spawn would deadlock it.
    const { stdout: status } = await run('sh', ['-c', `${withSecrets.command} -s -o /dev/null -w '%{http_code}'`], {
      timeout: 20_000,
    });
    expect(status).toBe('201');
    const delivered = await adminCall<Array<{ payload: string }>>(
      emulators.environment,
      'webpush',
      'GET',
      `/__admin/inbox?device=${minted.id}`,
    );
    expect(delivered).toHaveLength(3);
    // An exchange recorded by someone else's transport has no raw request: a human error.
    core.events.emit('exchange.recorded', makeExchange(999));
    const gone = await callError('exchanges.curl', { id: 'ex-999', includeSecrets: true });
    expect(gone.message).toBe('The secrets for this exchange are no longer in memory.');

    // Both real sends export as one schema-valid HAR, with nothing secret in it.
    const har = await call('exchanges.exportHar', { ids: [sent.result.exchangeIds.at(-1)!, exchangeId] });
    expect(har.count).toBe(2);
    expect(harErrors(JSON.parse(har.text))).toBeNull();
    expect(har.text).not.toContain(jwt!.split('.')[2]);
  });

  it('pages and filters exchanges, gets one, compares two and exports HAR', async () => {
    for (let i = 0; i < 30; i++) {
      core.events.emit('exchange.recorded', makeExchange(i));
      core.events.emit('send.completed', { request: null, result: makeResult(i) });
    }
    const first = await call('exchanges.list', { filter: { provider: ['apns'] }, limit: 4 });
    expect(first.total).toBe(6);
    expect(first.items.map((row) => row.id)).toEqual(['ex-25', 'ex-20', 'ex-15', 'ex-10']);
    const second = await call('exchanges.list', { filter: { provider: ['apns'] }, limit: 4, cursor: first.nextCursor });
    expect(second.items.map((row) => row.id)).toEqual(['ex-5', 'ex-0']);
    expect(second.nextCursor).toBeNull();
    // Summaries only: no bodies or headers cross for a list.
    expect(Object.keys(first.items[0]!)).not.toContain('requestHeaders');
    const rejected = await call('exchanges.list', { filter: { statusClass: ['4xx'], reason: 'BadDeviceToken' } });
    expect(rejected.items.map((row) => row.id)).toEqual(['ex-0']);

    expect(await call('exchanges.get', { id: 'ex-3' })).toEqual(makeExchange(3));
    const missing = await callError('exchanges.get', { id: 'nope' });
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toBe('Exchange nope is not in history.');

    const diff = await call('exchanges.compare', { left: 'ex-1', right: 'ex-7' });
    expect(diff.responseHeaders.find((row) => row.name === ':status')).toMatchObject({
      left: '200',
      right: '400',
      change: 'changed',
    });
    expect(diff.requestHeaders.find((row) => row.name === 'apns-topic')?.change).toBe('same');
    expect(diff.responseBody.some((line) => line.op === 'added' && line.text.includes('reason'))).toBe(true);

    const har = await call('exchanges.exportHar', { ids: ['ex-1', 'ex-2'] });
    expect(har.count).toBe(2);
    const parsed = JSON.parse(har.text) as { log: { version: string; entries: unknown[] } };
    expect(parsed.log.version).toBe('1.2');
    expect(parsed.log.entries).toHaveLength(2);
    const filtered = await call('exchanges.exportHar', { filter: { provider: ['fcm'] } });
    expect(filtered.count).toBe(6);
    expect((await callError('exchanges.exportHar', { filter: { text: 'no-such-thing' } })).message).toBe(
      'No exchanges match; nothing to export.',
    );
  });

  it('explains why a send without a saved request cannot be sent again', async () => {
    const error = await callError('history.resend', { id: 'send-3' });
    expect(error.message).toBe('This send has no saved request, so it cannot be sent again.');
    expect(error.hint).toBeTruthy();
  });

  it('reads and changes the size cap setting, with a human error for nonsense', async () => {
    expect(await call('history.settings', {})).toEqual({ maxMegabytes: 200, writeError: null });
    expect(await call('history.setSettings', { maxMegabytes: 500 })).toEqual({ maxMegabytes: 500 });
    const bad = await callError('history.setSettings', { maxMegabytes: 0 });
    expect(bad.code).toBe('INVALID_INPUT');
  });

  it('keeps everything after the core closes and reopens', async () => {
    await core.close();
    core = await openCore();
    const sends = await call('history.list', { limit: 100 });
    expect(sends.total).toBe(32);
    expect(await call('history.settings', {})).toEqual({ maxMegabytes: 500, writeError: null });
    expect((await call('history.get', { id: 'send-29' })).exchanges.map((e) => e.id)).toEqual(['ex-29']);
  });
});
