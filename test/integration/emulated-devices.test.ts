import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import type { CallName, CallInput, CallOutput } from '../../shared/contract';
import { PROVIDER_IDS } from '../../shared/providers/ids';
import { createTestCore } from '../support/core-harness';
import { sendSandboxDrafts } from '../support/sandbox-sends';

// Emulated devices from the Emulators screen's calls, against the real emulators: each one is
// known to its emulator, so a send to it is accepted; an imported token is not until registered.
describe('emulated devices and registered local devices', () => {
  let dir: string;
  let core: Core;

  const dispatch = async <N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> => {
    const reply = await core.dispatch(name, input, { transport: 'test', trusted: true });
    if (!reply.ok) throw Object.assign(new Error(reply.error.message), reply.error);
    return reply.value as CallOutput<N>;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pc-emulated-'));
    core = await createTestCore(dir);
  });

  afterAll(async () => {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses before the sandbox is set up, saying what to press', async () => {
    await core.emulators.start();
    await expect(dispatch('sandbox.addDevices', { provider: 'apns', count: 1 })).rejects.toMatchObject({
      code: 'SANDBOX_NOT_SET_UP',
      hint: 'Press “Try it locally” first.',
    });
  });

  it('adds numbered devices every emulator accepts sends to', async () => {
    for (const step of await dispatch('sandbox.init', {})) expect(step, step.message).toMatchObject({ ok: true });
    for (const provider of PROVIDER_IDS) {
      expect(await dispatch('sandbox.addDevices', { provider, count: 2 })).toMatchObject({ added: 2 });
    }
    const again = await dispatch('sandbox.addDevices', { provider: 'apns', count: 1 });
    expect(again.labels).toEqual(['Emulated iPhone 003', 'Emulated iPhone 003']);

    const emulated = (await core.devices.list()).filter((d) => d.tags.includes('emulated'));
    expect(emulated.filter((d) => d.provider === 'apns').map((d) => d.label)).toEqual([
      'Emulated iPhone 001',
      'Emulated iPhone 002',
      'Emulated iPhone 003',
    ]);
    expect(emulated.every((d) => d.environment === 'local')).toBe(true);
    const last = Object.fromEntries(emulated.map((d) => [d.provider, d.target]));
    for (const { provider, result } of await sendSandboxDrafts(core, PROVIDER_IDS, last)) {
      expect(result, `${provider}: ${result.reason} ${result.explanation}`).toMatchObject({ outcome: 'accepted' });
    }
  });

  it('says an imported local token is unknown to the emulator, and registers it', async () => {
    const token = randomBytes(32).toString('hex');
    await core.devices.save({ label: 'Imported phone', provider: 'apns', environment: 'local', target: token });
    const [before] = await sendSandboxDrafts(core, ['apns'], { apns: token });
    expect(before!.result).toMatchObject({
      outcome: 'rejected',
      reason: 'BadDeviceToken',
      explanation: 'This token is not registered with the local emulator: add it on the Emulators screen.',
    });

    const registered = await dispatch('sandbox.registerDevices', { provider: 'apns' });
    // The sandbox's and the emulated devices were known already: only the imported one is new.
    expect(registered).toEqual({ registered: 1, local: 5 });
    const [after] = await sendSandboxDrafts(core, ['apns'], { apns: token });
    expect(after!.result, after!.result.explanation ?? '').toMatchObject({ outcome: 'accepted' });
    expect(await dispatch('sandbox.registerDevices', { provider: 'apns' })).toEqual({ registered: 0, local: 5 });
  });

  it('says why an emulator that issues its own targets cannot register imported ones', async () => {
    await expect(dispatch('sandbox.registerDevices', { provider: 'wns' })).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      message: 'The WNS emulator issues its own channel URIs: add emulated devices instead.',
    });
  });
});
