import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import { createTestCore } from '../support/core-harness';
import type { SendRequest } from '../../shared/domain/send-request';
import { sendSandboxDrafts } from '../support/sandbox-sends';
import { PROVIDER_IDS } from '../../shared/providers/ids';

// The local sandbox from an empty workspace: every provider gets a credential, an emulated
// device and a local profile, and a push to each lands in that emulator's inbox.
describe('local sandbox', () => {
  let dir: string;
  let core: Core;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pc-sandbox-'));
    core = await createTestCore(dir);
  });

  afterAll(async () => {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sets up every built provider and each first push is delivered', async () => {
    const result = await core.dispatch('sandbox.init', {}, { transport: 'test', trusted: true });
    expect(result.ok).toBe(true);
    const steps = (result as { value: Array<{ provider: string; ok: boolean; message: string }> }).value;
    // Every provider in the registry, Notification Hubs last (it registers the APNs device's token).
    expect(steps.map((s) => s.provider)).toEqual([...PROVIDER_IDS.filter((id) => id !== 'nhub'), 'nhub']);
    for (const step of steps) expect(step, step.message).toMatchObject({ ok: true });

    const providers = steps.map((step) => step.provider as SendRequest['provider']);
    for (const { provider, result: sent } of await sendSandboxDrafts(core, providers)) {
      expect(sent, `${provider}: ${sent.reason} ${sent.explanation}`).toMatchObject({ outcome: 'accepted' });
      const inbox = core.emulators.inbox(provider);
      expect(inbox.length, `${provider} inbox`).toBeGreaterThan(0);
    }
    // The hub's Apple registration uses the sandbox iPhone's token: the hub send reached APNs too.
    const apnsDevice = (await core.devices.list()).find((d) => d.provider === 'apns')!;
    expect(core.emulators.inbox('apns', apnsDevice.target).length).toBe(2);
  });

  it('can run again without duplicating credentials, profiles or devices', async () => {
    const before = {
      credentials: (await core.credentials.list()).length,
      profiles: (await core.profiles.list()).length,
    };
    const again = await core.dispatch('sandbox.init', {}, { transport: 'test', trusted: true });
    expect(again.ok).toBe(true);
    expect((await core.credentials.list()).length).toBe(before.credentials);
    expect((await core.profiles.list()).length).toBe(before.profiles);
    const sandboxDevices = (await core.devices.list()).filter((d) => d.tags.includes('sandbox'));
    expect(new Set(sandboxDevices.map((d) => d.provider)).size).toBe(sandboxDevices.length);
  });
});
