import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core/core';
import { createLocalServices } from '../../main/local';
import { readLocalEnvironment } from '../../main/core/local/local-env';
import { setupWns } from '../../main/local/sandbox/wns';
import type { RunningWnsEmulator } from '../../main/emulators/wns';
import { startEmulators, type EmulatorSet } from '../../main/emulators/run';

/** The WNS emulator as the app starts it: from the registry, with persisted state, published for clients. */
describe('WNS in the local environment started from the emulator registry', () => {
  let dir: string;
  let set: EmulatorSet;
  let core: Core;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wns-local-'));
    set = await startEmulators({
      dataDir: dir,
      stateDir: join(dir, 'state'),
      only: ['wns'],
      checks: { xmlSchema: true },
    });
    core = await createCore({
      local: createLocalServices,
      mode: 'browser',
      dataDir: dir,
      workspaceDir: join(dir, 'ws'),
      ephemeralSecrets: true,
      log: () => {},
    });
  });
  afterAll(async () => {
    await core?.close();
    await set?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('publishes the channel base URL, the token URL and the admin URL', async () => {
    const env = await readLocalEnvironment(dir);
    const wns = set.emulators.wns as RunningWnsEmulator;
    expect(env?.wns).toEqual({ baseUrl: wns.baseUrl, tokenUrl: `${wns.baseUrl}/accesstoken.srf` });
    expect(env?.admin['wns']).toBe(wns.adminUrl);
    // Checks given to the whole set reach this emulator by name.
    expect(wns.checks.xmlSchema).toBe(true);
  });

  it('sends a sandbox toast end to end and refuses a wrong root with the switched-on XML check', async () => {
    const env = (await readLocalEnvironment(dir))!;
    const sandbox = await setupWns({ env, credentials: core.credentials });
    const base = {
      provider: 'wns' as const,
      credential: sandbox.credentialId,
      environment: 'local' as const,
      target: sandbox.device.target,
    };
    const ok = await core.sender.send({ ...base, options: { type: 'toast' }, payload: sandbox.draft.payload });
    expect(ok.result.outcome).toBe('accepted');
    // --force past our own preflight, to see the emulator's 400 for a badge sent as a tile.
    const bad = await core.sender.send(
      { ...base, options: { type: 'tile' }, payload: '<badge value="1"/>' },
      { ignorePreflight: true },
    );
    expect(bad.result).toMatchObject({ outcome: 'rejected', status: 400, reason: 'BAD_REQUEST' });
    expect(bad.result.explanation).toContain('must start with <tile>');
  });
});
