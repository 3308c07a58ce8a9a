import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus } from '../../main/core/events';
import { createProviders } from '../../main/core/providers/registry';
import { Sender } from '../../main/core/send/sender';
import { createTransport } from '../../main/core/transport';
import type { ResolvedCredential } from '../../main/core/credentials/types';
import { startEmulators, type EmulatorSet } from '../../main/emulators/run';
import type { RunningFcmEmulator } from '../../main/emulators/fcm';
import type { SendResult } from '../../shared/domain/send-result';
import { serviceAccountCredential } from '../support/fcm-harness';

/**
 * The whole main-side path for FCM: the published local environment, the Sender (credential kind
 * check, preflight, endpoints), the provider and the real transport, against emulators started the
 * way `push-console emulators start` starts them. Credentials are constructed directly until the
 * credential service lands.
 */
let dataDir: string;
let set: EmulatorSet;
let fcm: RunningFcmEmulator;
let credential: ResolvedCredential;
const results: SendResult[] = [];
const transport = createTransport();
let sender: Sender;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'fcm-sender-'));
  set = await startEmulators({ dataDir, only: ['fcm'] });
  fcm = set.emulators.fcm as RunningFcmEmulator;
  credential = serviceAccountCredential(await fcm.createServiceAccount('sender-project'), 'fcm-cred');
  const events = new EventBus();
  events.subscribe((name, payload) => {
    if (name === 'send.result') results.push(payload as SendResult);
  });
  sender = new Sender({
    providers: createProviders(),
    credentials: {
      resolve: async (id) => {
        if (id !== 'fcm-cred') throw new Error(`unknown ${id}`);
        return credential;
      },
    },
    transport,
    events,
    dataDir,
  });
});
afterAll(async () => {
  await transport.close();
  await set.close();
  await rm(dataDir, { recursive: true, force: true });
});

const request = (target: string, payload: unknown, validateOnly = false) => ({
  provider: 'fcm' as const,
  credential: 'fcm-cred',
  environment: 'local' as const,
  target,
  options: { targetKind: 'auto' as const, validateOnly },
  payload: JSON.stringify(payload),
});

describe('FCM through the Sender in the local environment', () => {
  it('sends, announces the result and delivers to the emulated device', async () => {
    const device = await fcm.registerDevice({ projectId: 'sender-project' });
    const { result, preflight } = await sender.send(request(device.token, { notification: { title: 'Via Sender' } }));
    expect(preflight).toEqual([]);
    expect(result.outcome).toBe('accepted');
    expect(results.at(-1)?.id).toBe(result.id);
    expect(JSON.parse(fcm.inbox.list(device.token)[0]!.payload)).toEqual({ notification: { title: 'Via Sender' } });
  });

  it('blocks on preflight errors unless forced, and then FCM answers INVALID_ARGUMENT', async () => {
    const device = await fcm.registerDevice({ projectId: 'sender-project' });
    await expect(sender.send(request(device.token, { data: { n: 1 } }))).rejects.toThrow(
      'Data value "n" must be a string; FCM rejects numbers, booleans and objects',
    );
    const forced = await sender.send(request(device.token, { data: { n: 1 } }), { ignorePreflight: true });
    expect(forced.result).toMatchObject({ outcome: 'rejected', status: 400, reason: 'INVALID_ARGUMENT' });
  });

  it('runs preflight on its own with the 2,048-byte topic limit', async () => {
    const issues = await sender.preflight(request('/topics/news', { data: { x: 'y'.repeat(2100) } }));
    expect(issues.map((issue) => issue.message)).toEqual([
      'Message is 2,117 bytes; FCM allows 2,048 for topic messages',
    ]);
  });

  it('marks a gone device from UNREGISTERED', async () => {
    const gone = await fcm.registerDevice({ projectId: 'sender-project', state: 'unregistered' });
    const { result } = await sender.send(request(gone.token, { data: { a: 'b' } }, true));
    expect(result.deviceStateChange).toMatchObject({ state: 'gone', reason: 'FCM answered UNREGISTERED' });
  });
});
