import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import { publishLocalEnvironment } from '../../main/core/local/local-env';
import { LocalCa } from '../../main/emulators/common/ca';
import { startNhubEmulator, type RunningNhubEmulator } from '../../main/emulators/nhub';
import type { SendResult } from '../../shared/domain/send-result';
import { nhubSendSchema } from '../../shared/providers/nhub/message';
import { createTestCore } from '../support/core-harness';
import { firstCause } from '../support/doctor';

/** Notification Hubs answers the doctor explains, from the emulator's hub: the first cause and what it quotes. */
const NAMESPACE = 'doctor-ns.servicebus.windows.net';
const connection = (name: string, key: string) =>
  `Endpoint=sb://${NAMESPACE}/;SharedAccessKeyName=${name};SharedAccessKey=${key}`;
const FULL = connection('DefaultFullSharedAccessSignature', 'full-key==');
const LISTEN = connection('DefaultListenSharedAccessSignature', 'listen-key==');
const ca = LocalCa.create('nhub doctor test CA');
let dir: string;
let emulator: RunningNhubEmulator;
let core: Core;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'doctor-nhub-'));
  emulator = await startNhubEmulator({ ca });
  emulator.registerCredential({ connectionString: FULL, hub: 'DoctorHub' });
  emulator.registerCredential({ connectionString: LISTEN, hub: 'DoctorHub', rights: ['Listen'] });
  emulator.createRegistration({ hub: 'DoctorHub', platform: 'fcmv1', tags: ['news'] });
  core = await createTestCore(dir);
  await publishLocalEnvironment(core.dataDir, {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    ca: ca.certPem,
    nhub: { baseUrl: emulator.baseUrl },
    admin: { nhub: emulator.adminUrl },
  });
});
afterAll(async () => {
  await core.close();
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

async function send(connectionString: string, tags: string): Promise<SendResult> {
  const credential = (await core.credentials.import({ kind: 'nhub', connectionString, hubName: 'DoctorHub' })).id;
  // Parsed as the dispatcher parses every send, so the options' defaults apply.
  const request = nhubSendSchema.parse({
    provider: 'nhub',
    credential,
    environment: 'local',
    target: tags,
    options: { format: 'fcmv1', targetKind: 'tags', test: true },
    payload: JSON.stringify({ message: { notification: { title: 'doctor' } } }),
  });
  const { result } = await core.sender.send(request);
  return result;
}

describe('Notification Hubs answers, diagnosed from their own exchange', () => {
  it('a test send with Success 0, Failure 0: no registration has the tags, quoting the outcome and the tags', async () => {
    const result = await send(FULL, 'sports');
    expect(result.outcome).toBe('accepted');
    const cause = firstCause(result);
    expect(cause.id).toBe('nhub.no-match.tags');
    expect(cause.evidence).toContainEqual({
      source: 'response body',
      name: 'NotificationOutcome',
      quote: 'Success 0, Failure 0, 0 registrations',
    });
    expect(cause.evidence).toContainEqual({
      source: 'request header',
      name: 'ServiceBusNotification-Tags',
      quote: 'sports',
    });
    expect((await send(FULL, 'news')).diagnosis).toBeUndefined();
  });

  it('401 with the Listen key: its rights, quoting the key name and the hub’s detail', async () => {
    const result = await send(LISTEN, 'news');
    expect(result.status).toBe(401);
    const cause = firstCause(result);
    expect(cause.id).toBe('nhub.unauthorized.rights');
    expect(cause.evidence).toContainEqual({ source: 'credential', name: 'rights', quote: 'Listen' });
    expect(cause.evidence.find((e) => e.name === 'Detail')?.quote).toMatch(/'Send' claim\(s\) are required/);
  });
});
