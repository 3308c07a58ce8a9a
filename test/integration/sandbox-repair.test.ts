import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core/core';
import { OsKeychain } from '../../main/core/credentials/keychain';
import { createLocalServices } from '../../main/local';
import { isSandboxCredential, type CallOutput } from '../../shared/contract';
import { PROVIDER_IDS } from '../../shared/providers/ids';
import { sendSandboxDrafts } from '../support/sandbox-sends';
import { describeWithSystem } from '../support/system';

const missing = process.env['DBUS_SESSION_BUS_ADDRESS'] ? null : 'no D-Bus session (run through npm test)';
const trusted = { transport: 'test', trusted: true } as const;

// A wiped keychain (or a restart of a run that kept secrets in memory) leaves the sandbox's
// credentials listed without their secrets. "Try it locally" again must make new ones, tell the
// emulators, and every send must work, with the credentials' ids (and so the profiles) unchanged.
describeWithSystem('sandbox init repairs demo credentials whose secrets are gone', missing, () => {
  const serviceName = `push-console-test-${randomUUID()}`;
  let dir: string;
  let core: Core;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pc-sandbox-repair-'));
    core = await createCore({
      local: createLocalServices,
      mode: 'browser',
      dataDir: join(dir, 'data'),
      workspaceDir: join(dir, 'ws'),
      secrets: new OsKeychain(serviceName),
      log: () => {},
    });
    expect((await core.secrets.status()).state).toBe('available');
  }, 60_000);

  afterAll(async () => {
    for (const meta of (await core?.credentials.list()) ?? []) await core.secrets.delete(meta.id).catch(() => false);
    await core?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const list = async () => {
    const reply = await core.dispatch('credentials.list', {}, trusted);
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.value as CallOutput<'credentials.list'>;
  };
  const init = async () => {
    const reply = await core.dispatch('sandbox.init', {}, trusted);
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.value as CallOutput<'sandbox.init'>;
  };

  it('marks the demo credentials as its own, lists deleted secrets as missing, and makes them again', async () => {
    for (const step of await init()) expect(step, step.message).toMatchObject({ ok: true });
    const first = await list();
    expect(first).toHaveLength(PROVIDER_IDS.length);
    for (const meta of first) expect(meta, meta.label).toMatchObject({ secretMissing: false });
    expect(first.every(isSandboxCredential)).toBe(true);

    // Another handle on the same keychain service: the entries go from the OS keychain itself.
    const wiper = new OsKeychain(serviceName);
    for (const meta of first) expect(await wiper.delete(meta.id)).toBe(true);
    for (const meta of await list()) expect(meta, meta.label).toMatchObject({ secretMissing: true });

    const steps = await init();
    // Every provider, Notification Hubs last (it registers the APNs device's token).
    expect(steps.map((s) => s.provider)).toEqual([...PROVIDER_IDS.filter((id) => id !== 'nhub'), 'nhub']);
    for (const step of steps) expect(step, step.message).toMatchObject({ ok: true });
    const repaired = await list();
    expect(repaired.map((m) => m.id).sort()).toEqual(first.map((m) => m.id).sort());
    for (const meta of repaired) expect(meta, meta.label).toMatchObject({ secretMissing: false });
    expect(repaired.every(isSandboxCredential)).toBe(true);
    // In the OS keychain, not only in this process.
    for (const meta of repaired) expect(await wiper.get(meta.id), meta.label).not.toBeNull();

    for (const { provider, result } of await sendSandboxDrafts(core, PROVIDER_IDS)) {
      expect(result, `${provider}: ${result.reason} ${result.explanation}`).toMatchObject({ outcome: 'accepted' });
    }
  }, 60_000);
});
