import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import { startApnsEmulator, type RunningApnsEmulator } from '../../main/emulators/apns';
import { LocalCa } from '../../main/emulators/common/ca';
import type { Device } from '../../shared/domain/device';
import type { SendRequest } from '../../shared/domain/send-request';
import { createTestCore, importApnsKey, publishTestEmulators } from '../support/core-harness';

/**
 * Bulk sends to saved devices through the core's API against the real APNs emulator: a 410
 * marks the device gone (and prune removes it), and "retry the retryable ones" sends again to
 * exactly the 503'd devices with their own {{device.*}} values.
 */
const BUNDLE = 'com.example.bulkretry';
let dir: string;
let apns: RunningApnsEmulator;
let core: Core;
let credentialId: string;
let devices: Device[];

const trusted = { transport: 'test' as const, trusted: true };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bulk-retry-'));
  const ca = LocalCa.create('Bulk Retry CA');
  apns = await startApnsEmulator({ ca });
  core = await createTestCore(dir);
  await publishTestEmulators(core, ca.certPem, { apns });
  const key = apns.createKey({});
  credentialId = (await importApnsKey(core, key)).id;
  devices = [];
  for (let i = 0; i < 4; i++) {
    const token = apns.createDevice({ bundleId: BUNDLE }).token;
    const saved = await core.devices.save({
      label: `Phone ${i}`,
      provider: 'apns',
      platform: 'ios',
      environment: 'local',
      target: token,
      tags: [],
      notes: '',
      fields: { badge: String(10 + i) },
    });
    devices.push(saved.device);
  }
});

afterAll(async () => {
  await core?.close();
  await apns?.close();
  await rm(dir, { recursive: true, force: true });
});

const request: () => SendRequest = () =>
  ({
    provider: 'apns',
    credential: credentialId,
    environment: 'local',
    target: '',
    options: { pushType: 'alert', topic: BUNDLE },
    payload: '{"aps":{"alert":"Hi {{device.label}}","badge":{{device.badge}}}}',
  }) as SendRequest;

describe('bulk send to saved devices', () => {
  it('marks a 410 device gone, retries only the retryable ones with their own values, and prunes the gone', async () => {
    apns.unregisterDevice(devices[2]!.target);
    // One at a time so the first two requests are the first two devices.
    apns.faults.add({ action: { kind: 'status', status: 503 }, times: 2 });
    const first = await core.bulk.start({
      request: request(),
      deviceIds: devices.map((d) => d.id),
      options: { concurrency: 1, maxAttempts: 1 },
    });
    await first.done;
    const results = await core.dispatch('bulk.results', { sendId: first.sendId }, trusted);
    expect(results).toMatchObject({ ok: true });
    const items = (results as { value: { items: Array<Record<string, unknown>> } }).value.items;
    expect(items.map((item) => [item['outcome'], item['status'], item['reason'], item['retryable']])).toEqual([
      ['rejected', 503, 'ServiceUnavailable', true],
      ['rejected', 503, 'ServiceUnavailable', true],
      ['rejected', 410, 'Unregistered', false],
      ['accepted', 200, null, false],
    ]);

    await expect.poll(async () => (await core.devices.get(devices[2]!.id)).state).toBe('gone');
    expect((await core.devices.get(devices[2]!.id)).goneReason).toMatch(/Unregistered|410/);
    expect((await core.devices.get(devices[0]!.id)).state).toBe('active');

    const retried = await core.dispatch('bulk.retry', { sendId: first.sendId }, trusted);
    expect(retried).toMatchObject({ ok: true, value: { total: 2 } });
    const second = (retried as { value: { sendId: string } }).value.sendId;
    await expect.poll(() => core.bulk.get(second).state).toBe('done');
    expect(core.bulk.get(second).progress()).toMatchObject({ total: 2, accepted: 2 });
    for (const i of [0, 1, 3]) {
      const inbox = apns.inbox.list(devices[i]!.target.toLowerCase());
      expect(inbox, `device ${i}`).toHaveLength(1);
      expect(JSON.parse(inbox[0]!.payload)).toEqual({ aps: { alert: `Hi Phone ${i}`, badge: 10 + i } });
    }
    expect(apns.inbox.list(devices[2]!.target.toLowerCase())).toHaveLength(0);

    const again = await core.dispatch('bulk.retry', { sendId: second }, trusted);
    expect(again).toMatchObject({ ok: false, error: { message: expect.stringContaining('Nothing to retry') } });

    expect(await core.dispatch('devices.prune', {}, trusted)).toMatchObject({ ok: true, value: { removed: 1 } });
    expect((await core.devices.list()).map((d) => d.id)).toEqual([devices[0]!.id, devices[1]!.id, devices[3]!.id]);
  });

  it('refuses to retry a send that is still running', async () => {
    apns.faults.add({ action: { kind: 'delay', ms: 300 } });
    const slow = await core.bulk.start({
      request: request(),
      deviceIds: [devices[0]!.id],
      options: { concurrency: 1 },
    });
    const early = await core.dispatch('bulk.retry', { sendId: slow.sendId }, trusted);
    expect(early).toMatchObject({ ok: false, error: { message: expect.stringContaining('still running') } });
    await slow.done;
    apns.faults.clear();
  });
});
