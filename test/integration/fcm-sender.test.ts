import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import { startEmulators, type EmulatorSet } from '../../main/emulators/run';
import type { RunningFcmEmulator } from '../../main/emulators/fcm';
import type { SendResult } from '../../shared/domain/send-result';
import { createTestCore, importServiceAccount } from '../support/core-harness';

/**
 * The whole main-side path for FCM: a Core with its credential service (service account JSON
 * imported as a user would), the Sender (credential kind check, preflight, endpoints), the
 * provider and the transport, against emulators started and published the way
 * `push-console emulators start` does. Secrets are memory-only here; the CLI test uses the keychain.
 */
let dir: string;
let set: EmulatorSet;
let fcm: RunningFcmEmulator;
let core: Core;
let credentialId: string;
const results: SendResult[] = [];
const caller = { transport: 'test', trusted: true } as const;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fcm-sender-'));
  set = await startEmulators({ dataDir: join(dir, 'data'), only: ['fcm'] });
  fcm = set.emulators.fcm as RunningFcmEmulator;
  core = await createTestCore(dir);
  const account = await fcm.createServiceAccount('sender-project');
  const meta = await importServiceAccount(core, account);
  credentialId = meta.id;
  core.events.subscribe((name, payload) => {
    if (name === 'send.result') results.push(payload as SendResult);
  });
});
afterAll(async () => {
  await core.close();
  await set.close();
  await rm(dir, { recursive: true, force: true });
});

const request = (target: string, payload: unknown, validateOnly = false) => ({
  provider: 'fcm' as const,
  credential: credentialId,
  environment: 'local' as const,
  target,
  options: { targetKind: 'auto' as const, validateOnly },
  payload: JSON.stringify(payload),
});

describe('FCM through the Sender in the local environment', () => {
  it('sends, announces the result and delivers to the emulated device', async () => {
    const device = await fcm.registerDevice({ projectId: 'sender-project' });
    const { result, preflight } = await core.sender.send(
      request(device.token, { notification: { title: 'Via Sender' } }),
    );
    expect(preflight).toEqual([]);
    expect(result.outcome).toBe('accepted');
    expect(results.at(-1)?.id).toBe(result.id);
    expect(JSON.parse(fcm.inbox.list(device.token)[0]!.payload)).toEqual({ notification: { title: 'Via Sender' } });
  });

  it('blocks on preflight errors unless forced, and then FCM answers INVALID_ARGUMENT', async () => {
    const device = await fcm.registerDevice({ projectId: 'sender-project' });
    await expect(core.sender.send(request(device.token, { data: { n: 1 } }))).rejects.toThrow(
      'Data value "n" must be a string; FCM rejects numbers, booleans and objects',
    );
    const forced = await core.sender.send(request(device.token, { data: { n: 1 } }), { ignorePreflight: true });
    expect(forced.result).toMatchObject({ outcome: 'rejected', status: 400, reason: 'INVALID_ARGUMENT' });
  });

  it('runs preflight on its own with the 2,048-byte topic limit', async () => {
    const issues = await core.sender.preflight(request('/topics/news', { data: { x: 'y'.repeat(2100) } }));
    expect(issues.map((issue) => issue.message)).toEqual([
      'Message is 2,117 bytes; FCM allows 2,048 for topic messages',
    ]);
  });

  it('marks a gone device from UNREGISTERED', async () => {
    const gone = await fcm.registerDevice({ projectId: 'sender-project', state: 'unregistered' });
    const { result } = await core.sender.send(request(gone.token, { data: { a: 'b' } }, true));
    expect(result.deviceStateChange).toMatchObject({ state: 'gone', reason: 'FCM answered UNREGISTERED' });
  });

  it('credentials.test obtains an OAuth token from the local emulator', async () => {
    const answer = await core.dispatch('credentials.test', { id: credentialId, environment: 'local' }, caller);
    expect(answer).toMatchObject({ ok: true, value: { ok: true } });
    expect((answer as { value: { message: string } }).value.message).toMatch(
      /^The local FCM emulator issued an access token for .+@sender-project\.iam\.gserviceaccount\.com \(project sender-project\), valid for 60 min\.$/,
    );
  });
});
