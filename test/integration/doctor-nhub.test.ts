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
const SEND_ONLY = connection('SendOnly', 'send-key==');
/** A legacy GCM-shaped body saved as an FcmV1 template (azure-notificationhubs-dotnet #313). */
const LEGACY_TEMPLATE = '{"notification":{"title":"$(title)"},"data":{"id":"$(id)"}}';
const ca = LocalCa.create('nhub doctor test CA');
let dir: string;
let emulator: RunningNhubEmulator;
let core: Core;
let legacyId: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'doctor-nhub-'));
  emulator = await startNhubEmulator({ ca });
  emulator.registerCredential({ connectionString: FULL, hub: 'DoctorHub' });
  emulator.registerCredential({ connectionString: LISTEN, hub: 'DoctorHub', rights: ['Listen'] });
  emulator.registerCredential({ connectionString: SEND_ONLY, hub: 'DoctorHub', rights: ['Send'] });
  emulator.createRegistration({ hub: 'DoctorHub', platform: 'fcmv1', tags: ['news'] });
  legacyId = emulator.createRegistration({
    hub: 'DoctorHub',
    platform: 'fcmv1',
    tags: ['legacy'],
    template: LEGACY_TEMPLATE,
  }).registrationId;
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

async function send(
  connectionString: string,
  tags: string,
  format = 'fcmv1',
  payload = JSON.stringify({ message: { notification: { title: 'doctor' } } }),
): Promise<SendResult> {
  const credential = (await core.credentials.import({ kind: 'nhub', connectionString, hubName: 'DoctorHub' })).id;
  // Parsed as the dispatcher parses every send, so the options' defaults apply.
  const request = nhubSendSchema.parse({
    provider: 'nhub',
    credential,
    environment: 'local',
    target: tags,
    options: { format, targetKind: 'tags', test: true },
    payload,
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
    // The hub sample, read with the same key after the send: which tags exist, and that none matches.
    expect(cause.evidence).toContainEqual({
      source: 'hub registrations',
      name: 'tags',
      quote: 'tags in the hub: legacy, news (in 2 registrations)',
    });
    expect(cause.evidence).toContainEqual({
      source: 'hub registrations',
      name: 'matching',
      quote: '0 of 2 match "sports"; 0 of those take this format',
    });
    expect((await send(FULL, 'news')).diagnosis).toBeUndefined();
  });

  it('a template send to an FcmV1 template without {"message": …}: Success 0, Failure 0, quoting the registration and its keys', async () => {
    const result = await send(FULL, 'legacy', 'template', JSON.stringify({ title: 'doctor', id: '7' }));
    expect(result.outcome).toBe('accepted');
    const cause = firstCause(result);
    expect(cause.id).toBe('nhub.no-match.fcmv1-template');
    expect(cause.evidence).toContainEqual({
      source: 'response body',
      name: 'NotificationOutcome',
      quote: 'Success 0, Failure 0, 0 registrations',
    });
    expect(cause.evidence).toContainEqual({
      source: 'hub registrations',
      name: 'FcmV1Template',
      quote: `${legacyId}: top-level keys notification, data, no "message"`,
    });
    expect(cause.fix).toContain('{"message": {"notification"');
    // The sample keeps no handle or template body in the result (and so in history).
    expect(JSON.stringify(result.details)).not.toContain('$(title)');
  });

  it('a key without Manage cannot read the sample: said as evidence, and the send result stands', async () => {
    const result = await send(SEND_ONLY, 'sports');
    expect(result.outcome).toBe('accepted');
    const cause = firstCause(result);
    expect(cause.id).toBe('nhub.no-match.tags');
    const notRead = cause.evidence.find((e) => e.source === 'hub registrations');
    expect(notRead?.name).toBe('not read');
    expect(notRead?.quote).toMatch(/"SendOnly"\) has no Listen\/Manage right to list registrations/);
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
