import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Exchange } from '../../shared/domain/exchange';
import { nhubSendSchema } from '../../shared/providers/nhub/message';
import { nhubTemplates } from '../../shared/providers/nhub/templates';
import { createCore, type Core } from '../../main/core/core';
import { createLocalServices } from '../../main/local';
import { publishLocalEnvironment } from '../../main/core/local/local-env';
import { LocalCa } from '../../main/emulators/common/ca';
import { startNhubEmulator, type RunningNhubEmulator } from '../../main/emulators/nhub';

const NAMESPACE = 'core-ns.servicebus.windows.net';
const KEY = 'core-key-as-text==';
const CONNECTION = `Endpoint=sb://${NAMESPACE}/;SharedAccessKeyName=DefaultFullSharedAccessSignature;SharedAccessKey=${KEY}`;

/** The whole path: imported connection string → sender → preflight → NH client → transport → local hub. */
describe('Notification Hubs through the core sender in the local environment', () => {
  const ca = LocalCa.create('nhub core test CA');
  let emulator: RunningNhubEmulator;
  let core: Core;
  let dir: string;
  let credentialId: string;
  const exchanges: Exchange[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nhub-core-'));
    emulator = await startNhubEmulator({ ca });
    emulator.registerCredential({ connectionString: CONNECTION, hub: 'CoreHub' });
    await publishLocalEnvironment(dir, {
      pid: process.pid,
      startedAt: new Date().toISOString(),
      ca: ca.certPem,
      nhub: { baseUrl: emulator.baseUrl },
      admin: { nhub: emulator.adminUrl },
    });
    core = await createCore({
      local: createLocalServices,
      mode: 'browser',
      dataDir: dir,
      workspaceDir: join(dir, 'ws'),
      ephemeralSecrets: true,
      log: () => {},
    });
    core.events.subscribe((name, payload) => name === 'exchange.recorded' && exchanges.push(payload as Exchange));
    credentialId = (
      await core.credentials.import({
        kind: 'nhub',
        connectionString: CONNECTION,
        hubName: 'CoreHub',
        label: 'nhub-core',
      })
    ).id;
  });
  afterAll(async () => {
    await core.close();
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('sends every template to matching registrations with no preflight findings beyond notes', async () => {
    const toast =
      '<toast><visual><binding template="ToastText01"><text id="1">$(greeting_en)</text></binding></visual></toast>';
    emulator.createRegistration({
      hub: 'CoreHub',
      platform: 'apple',
      tags: ['news'],
      installationId: 'my-installation-id',
    });
    emulator.createRegistration({ hub: 'CoreHub', platform: 'fcmv1', tags: ['news', 'en'] });
    emulator.createRegistration({ hub: 'CoreHub', platform: 'windows', tags: ['sports'] });
    emulator.createRegistration({ hub: 'CoreHub', platform: 'windows', template: toast });
    for (const template of nhubTemplates) {
      // Parsed as the dispatcher parses every send, so the options' defaults apply.
      const { result, preflight } = await core.sender.send(
        nhubSendSchema.parse({
          provider: 'nhub',
          credential: credentialId,
          environment: 'local',
          target: template.target ?? '',
          options: template.options,
          payload: template.payload,
        }),
      );
      expect(result.outcome, template.id).toBe('accepted');
      expect(
        preflight.filter((issue) => issue.severity !== 'info'),
        template.id,
      ).toEqual([]);
    }
    const payloads = emulator.inbox.list().map((d) => d.payload);
    expect(payloads).toContain(
      '<toast><visual><binding template="ToastText01"><text id="1">Hello</text></binding></visual></toast>',
    );
    // Each template's target matches exactly one of the registrations above.
    expect(payloads).toHaveLength(nhubTemplates.length);
    expect(JSON.stringify(exchanges)).not.toContain(KEY);
  });

  it('blocks on preflight errors unless forced, and the hub then answers with the matching rejection', async () => {
    const request = nhubSendSchema.parse({
      provider: 'nhub',
      credential: 'nhub-core',
      environment: 'local',
      target: 'news & sports',
      options: { format: 'apple' },
      payload: '{"aps":{}}',
    });
    await expect(core.sender.send(request)).rejects.toThrow(/must be doubled/);
    const forced = await core.sender.send(request, { ignorePreflight: true });
    expect(forced.result).toMatchObject({ outcome: 'rejected', status: 400, reason: 'InvalidTags' });
  });

  it("the core's nhub provider proves the imported credential against the local hub", async () => {
    const credential = await core.credentials.resolve(credentialId);
    const local = { pid: process.pid, startedAt: '', ca: ca.certPem, nhub: { baseUrl: emulator.baseUrl }, admin: {} };
    const message = await core.providers.nhub.testCredential(credential, {
      transport: core.transport,
      credential,
      local,
    });
    expect(message).toBe(
      `SAS token signed for https://${NAMESPACE}/corehub with key "DefaultFullSharedAccessSignature"; the local hub accepted it.`,
    );
  });

  it('credentials.test under --env local asks the local hub, so a wrong key fails there rather than at the first send', async () => {
    const caller = { transport: 'test', trusted: true } as const;
    const good = await core.dispatch('credentials.test', { id: credentialId, environment: 'local' }, caller);
    expect(good).toEqual({
      ok: true,
      value: {
        ok: true,
        message: `SAS token signed for https://${NAMESPACE}/corehub with key "DefaultFullSharedAccessSignature"; the local hub accepted it.`,
      },
    });
    const wrong = await core.credentials.import({
      kind: 'nhub',
      connectionString: CONNECTION.replace(KEY, 'not-the-key=='),
      hubName: 'CoreHub',
      label: 'nhub-core wrong key',
    });
    const failed = await core.dispatch('credentials.test', { id: wrong.id, environment: 'local' }, caller);
    expect(failed).toMatchObject({
      ok: true,
      value: { ok: false, message: expect.stringMatching(/^The emulator refused the SAS token: InvalidSignature/) },
    });
    expect(JSON.stringify(failed)).not.toContain('not-the-key');
  });
});
