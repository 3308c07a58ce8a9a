import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import type { RunningFcmEmulator } from '../../main/emulators/fcm';
import { startEmulators, type EmulatorSet } from '../../main/emulators/run';
import type { RunningWnsEmulator } from '../../main/emulators/wns';
import { generateFixtures, type Fixtures } from '../fixtures/generate';
import { createTestCore } from '../support/core-harness';

/**
 * `credentials.test` for the kinds that need a token endpoint: it goes through the provider's
 * testCredential and the real transport to the local FCM and WNS emulators (never the internet).
 */
const caller = { transport: 'test', trusted: true } as const;
let dir: string;
let set: EmulatorSet;
let core: Core;
let fx: Fixtures;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cred-online-'));
  fx = generateFixtures();
  set = await startEmulators({ dataDir: join(dir, 'data'), only: ['fcm', 'wns'] });
  core = await createTestCore(dir);
}, 60_000);
afterAll(async () => {
  await core.close();
  await set.close();
  await rm(dir, { recursive: true, force: true });
  await rm(fx.dir, { recursive: true, force: true });
});

const test = async (id: string) => core.dispatch('credentials.test', { id, environment: 'local' }, caller);

describe('credentials.test against local token endpoints', () => {
  it('FCM: obtains an OAuth token for a service account the emulator knows', async () => {
    const account = await (set.emulators.fcm as RunningFcmEmulator).createServiceAccount('online-project');
    const meta = await core.credentials.import({
      kind: 'fcm-service-account',
      file: Buffer.from(JSON.stringify(account)),
      fileName: 'sa.json',
    });
    expect(await test(meta.id)).toEqual({
      ok: true,
      value: {
        ok: true,
        message: expect.stringMatching(
          /^The local FCM emulator issued an access token for .* \(project online-project\), valid for \d+ min\.$/,
        ),
      },
    });
  });

  it('FCM: reports a key the token endpoint refuses, as a failed test rather than an error', async () => {
    const meta = await core.credentials.import({
      kind: 'fcm-service-account',
      file: readFileSync(fx.serviceAccount),
      fileName: 'stranger.json',
    });
    const result = await test(meta.id);
    expect(result).toMatchObject({
      ok: true,
      value: {
        ok: false,
        message: expect.stringMatching(/^The token endpoint refused the service account: invalid_grant/),
      },
    });
  });

  it('WNS: obtains a token for a registered package SID, and fails for a wrong secret', async () => {
    const wns = set.emulators.wns as RunningWnsEmulator;
    const packageSid = 'ms-app://S-1-15-2-77-88-99';
    wns.registerApp({ clientId: packageSid, clientSecret: 'right-secret' });
    const good = await core.credentials.import({
      kind: 'wns',
      packageSid,
      clientSecret: 'right-secret',
      label: 'good',
    });
    const bad = await core.credentials.import({ kind: 'wns', packageSid, clientSecret: 'wrong-secret', label: 'bad' });
    // Under --env local the emulator answered, so the message names it, never the live service.
    expect(await test(good.id)).toEqual({
      ok: true,
      value: {
        ok: true,
        message: expect.stringMatching(
          /^The local WNS emulator issued a WNS access token, valid for [\d,]+ minutes\.$/,
        ),
      },
    });
    const failed = await test(bad.id);
    expect(failed).toMatchObject({
      ok: true,
      value: {
        ok: false,
        message: expect.stringMatching(/^The WNS token endpoint refused the credential \(400 invalid_client\)/),
      },
    });
    expect(JSON.stringify(failed)).not.toContain('wrong-secret');
  });

  it('WNS: an Entra app tested locally names the emulator, not Microsoft Entra ID', async () => {
    const wns = set.emulators.wns as RunningWnsEmulator;
    wns.registerApp({
      clientId: '7d2c4b1a-0e5f-4c3a-9b8d-1f2e3a4b5c6d',
      clientSecret: 'entra-secret',
      tenantId: 'contoso.onmicrosoft.com',
    });
    const entra = await core.credentials.import({
      kind: 'wns',
      tenantId: 'contoso.onmicrosoft.com',
      clientId: '7d2c4b1a-0e5f-4c3a-9b8d-1f2e3a4b5c6d',
      clientSecret: 'entra-secret',
      label: 'entra',
    });
    const result = await test(entra.id);
    expect(result).toMatchObject({ ok: true, value: { ok: true } });
    expect(JSON.stringify(result)).toMatch(/The local WNS emulator issued/);
    expect(JSON.stringify(result)).not.toMatch(/login\.live\.com|Entra ID/);
  });

  it('tests where its profiles send when no environment is given, and fails in whole sentences elsewhere', async () => {
    const account = await (set.emulators.fcm as RunningFcmEmulator).createServiceAccount('profiled-project');
    const meta = await core.credentials.import({
      kind: 'fcm-service-account',
      file: Buffer.from(JSON.stringify(account)),
      fileName: 'profiled.json',
    });
    await core.profiles.save({ name: 'Local FCM', provider: 'fcm', credentialId: meta.id, environment: 'local' });
    // Like a send through that profile: the emulator's token endpoint, trusted through the local CA.
    expect(await core.dispatch('credentials.test', { id: meta.id }, caller)).toMatchObject({
      ok: true,
      value: { ok: true, message: expect.stringMatching(/^The local FCM emulator issued an access token/) },
    });
    // Asked for live, the emulator's certificate is not trusted: said as sentences, each with its stop.
    expect(await core.dispatch('credentials.test', { id: meta.id, environment: 'live' }, caller)).toMatchObject({
      ok: true,
      value: {
        ok: false,
        message: expect.stringMatching(/^The certificate of 127\.0\.0\.1:\d+ is not trusted \(\w+\)\. For the .*\.$/),
      },
    });
  });
});
