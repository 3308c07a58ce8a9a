import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core/core';
import { createLocalServices } from '../../main/local';
import { publishLocalEnvironment } from '../../main/core/local/local-env';
import { LocalCa } from '../../main/emulators/common/ca';
import { readLocalEnvironment } from '../../main/core/local/local-env';
import { setupWns } from '../../main/local/sandbox/wns';
import { startWnsEmulator, type RunningWnsEmulator } from '../../main/emulators/wns';
import { wnsTemplates } from '../../shared/providers/wns/templates';
import { wnsLocalEnv } from '../support/wns-local-env';

const SID = 'ms-app://s-1-15-2-4242424242-4242424242-4242424242';
const SECRET = 'core-test-secret';

/** The whole send path: imported credential → sender → preflight → WNS client → transport → local WNS. */
describe('WNS through the core sender in the local environment', () => {
  const ca = LocalCa.create('WNS core test CA');
  let emulator: RunningWnsEmulator;
  let core: Core;
  let dir: string;
  let credentialId: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wns-core-'));
    emulator = await startWnsEmulator({ ca });
    emulator.registerApp({ clientId: SID, clientSecret: SECRET });
    await publishLocalEnvironment(dir, wnsLocalEnv(emulator, ca.certPem));
    core = await createCore({
      local: createLocalServices,
      mode: 'browser',
      dataDir: dir,
      workspaceDir: join(dir, 'ws'),
      ephemeralSecrets: true,
      log: () => {},
    });
    credentialId = (
      await core.credentials.import({ kind: 'wns', packageSid: SID, clientSecret: SECRET, label: 'wns-core' })
    ).id;
  });
  afterAll(async () => {
    await core.close();
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('delivers every template to an emulated device', async () => {
    const channel = emulator.createChannel({ owner: SID });
    for (const template of wnsTemplates) {
      const { result } = await core.sender.send({
        provider: 'wns',
        credential: credentialId,
        environment: 'local',
        target: channel.channelUri,
        options: { type: 'toast', ...template.options },
        payload: template.payload,
      });
      expect(result.outcome, template.id).toBe('accepted');
    }
    expect(emulator.inbox.list(channel.id).map((d) => d.payload)).toEqual(wnsTemplates.map((t) => t.payload));
  });

  it('blocks malformed XML in preflight before anything is sent', async () => {
    const channel = emulator.createChannel({ owner: SID });
    await expect(
      core.sender.send({
        provider: 'wns',
        credential: 'wns-core',
        environment: 'local',
        target: channel.channelUri,
        options: { type: 'toast' },
        payload: '<toast><visual></toast>',
      }),
    ).rejects.toThrow(/The XML is not well-formed at line 1, column 16/);
    expect(emulator.inbox.list(channel.id)).toEqual([]);
  });

  it('testCredential through the provider registry obtains a token from the emulator', async () => {
    const credential = await core.credentials.resolve(credentialId);
    const env = {
      pid: process.pid,
      startedAt: '',
      ca: ca.certPem,
      wns: { baseUrl: emulator.baseUrl, tokenUrl: emulator.tokenUrl },
      admin: {},
    };
    const { createWnsProvider } = await import('../../main/core/providers/wns');
    const { createTransport } = await import('../../main/core/transport');
    const transport = createTransport();
    try {
      await expect(
        createWnsProvider().testCredential(credential, { transport, credential, local: env }),
      ).resolves.toContain('issued a WNS access token');
    } finally {
      await transport.close();
    }
  });

  it('sandbox setup registers a generated app and a device, and a push to it arrives (twice: the app is kept)', async () => {
    const env = (await readLocalEnvironment(dir))!;
    const first = await setupWns({ env, credentials: core.credentials });
    const second = await setupWns({ env, credentials: core.credentials });
    expect(second.credentialId).toBe(first.credentialId);
    const channelId = emulator.channels().find((c) => c.channelUri === second.device.target)!.id;
    const { result } = await core.sender.send({
      provider: 'wns',
      credential: second.credentialId,
      environment: 'local',
      target: second.device.target,
      options: { type: 'toast' },
      payload: second.draft.payload,
    });
    expect(result.outcome).toBe('accepted');
    expect(emulator.inbox.list(channelId)).toHaveLength(1);
  });
});
