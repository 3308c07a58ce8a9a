import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import { startApnsEmulator, type RunningApnsEmulator } from '../../main/emulators/apns';
import { LocalCa } from '../../main/emulators/common/ca';
import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import { sendRequestSchema } from '../../shared/domain/send-request';
import { parseActivityAttributes } from '../../shared/live-activity/swift-attributes';
import { createTestCore, importApnsKey, publishTestEmulators } from '../support/core-harness';

const BUNDLE = 'com.example.delivery';
const CALLER = { transport: 'test', trusted: true } as const;
const TOKEN = 'ab'.repeat(80);
const SWIFT = `
struct DeliveryAttributes: ActivityAttributes {
  struct ContentState: Codable, Hashable {
    var status: String
    var eta: Date
  }
  var orderId: String
}`;

let dir: string;
let apns: RunningApnsEmulator;
let core: Core;
let credential: string;

async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const result = await core.dispatch(name, input, CALLER);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as CallOutput<N>;
}

const request = (aps: Record<string, unknown>, priority = 10) =>
  sendRequestSchema.parse({
    provider: 'apns',
    credential,
    environment: 'local',
    target: TOKEN,
    options: { pushType: 'liveactivity', topic: `${BUNDLE}.push-type.liveactivity`, priority },
    payload: JSON.stringify({ aps }),
  });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pc-live-activity-'));
  const ca = LocalCa.create('Live Activity CA');
  // Any hex token is a device here: the test is about preflight's context, not registration.
  apns = await startApnsEmulator({ ca, checks: { registeredDevices: false } });
  core = await createTestCore(dir);
  await publishTestEmulators(core, ca.certPem, { apns });
  credential = (await importApnsKey(core, apns.createKey({ topics: [BUNDLE] }))).id;
}, 30_000);

afterAll(async () => {
  await core?.close();
  await apns?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('Live Activity contracts and history in preflight', () => {
  it('saves a contract from the pasted Swift, lists it from the workspace file, and replaces it by type', async () => {
    const [parsed] = parseActivityAttributes(SWIFT).activities;
    const saved = await call('liveActivity.contracts.save', {
      attributesType: parsed!.attributesType,
      dateEncoding: 'deferredToDate',
      contentState: parsed!.contentState,
      attributes: parsed!.attributes,
      swiftSource: SWIFT,
    });
    expect(saved.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    await call('liveActivity.contracts.save', { ...saved, dateEncoding: 'deferredToDate' });
    const listed = await call('liveActivity.contracts.list', {});
    expect(listed.map((c) => c.attributesType)).toEqual(['DeliveryAttributes']);
    const file = JSON.parse(await readFile(join(dir, 'ws', 'live-activity-contracts.json'), 'utf8')) as {
      contracts: Array<{ swiftSource: string }>;
    };
    expect(file.contracts[0]!.swiftSource).toBe(SWIFT);
  });

  it('refuses a contract whose attributes type is not a Swift name, in words', async () => {
    const result = await core.dispatch(
      'liveActivity.contracts.save',
      { attributesType: 'Delivery Attributes', dateEncoding: 'deferredToDate', contentState: {}, attributes: {} },
      CALLER,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('An attributes type is a Swift type name');
  });

  it('checks content-state against the saved contract, with the path and the Swift type', async () => {
    const now = Math.floor(Date.now() / 1000);
    const issues = await call(
      'send.preflight',
      request({ timestamp: now, event: 'update', 'content-state': { status: 'Out', eta: '2026-12-04T12:00:00Z' } }, 5),
    );
    const contract = issues.filter((i) => i.code === 'apns.liveactivity.contract');
    expect(contract).toHaveLength(1);
    expect(contract[0]!.path).toBe('/aps/content-state/eta');
    expect(contract[0]!.message).toMatch(/^content-state\.eta: Date is encoded as a number by default; got a string/);
  });

  it('knows the last timestamp and the priority-10 count per activity from the sends it recorded', async () => {
    const now = Math.floor(Date.now() / 1000);
    const state = { status: 'On the way', eta: now + 600 - 978_307_200 };
    for (const [offset, priority] of [
      [0, 10],
      [60, 10],
      [120, 5],
    ] as const) {
      const { result } = await core.sender.send(
        request({ timestamp: now + offset, event: 'update', 'content-state': state }, priority),
      );
      expect(result, `${result.reason} ${result.explanation}`).toMatchObject({ outcome: 'accepted' });
    }
    expect(await call('liveActivity.activity', { target: TOKEN })).toEqual({
      lastTimestamp: now + 120,
      priority10LastHour: 2,
      sendsLastHour: 3,
    });
    const issues = await call(
      'send.preflight',
      request({ timestamp: now + 30, event: 'update', 'content-state': state }),
    );
    const stale = issues.find((i) => i.code === 'apns.liveactivity.timestamp-stale');
    expect(stale?.message).toBe(
      `timestamp ${now + 30} is 90 seconds older than the last one sent to this activity (${now + 120}); the device drops an update older than the one it shows, while APNs still answers 200`,
    );
    const budget = issues.find((i) => i.code === 'apns.liveactivity.budget');
    expect(budget?.message).toMatch(
      /^Budget: this would be priority-10 push 3 to this activity in the last hour \(3 Live Activity pushes in all\)/,
    );
    // Another token is another activity: nothing known.
    expect(await call('liveActivity.activity', { target: 'cd'.repeat(32) })).toEqual({
      lastTimestamp: null,
      priority10LastHour: 0,
      sendsLastHour: 0,
    });
  });

  it('deletes a contract, and says so when there is none to delete', async () => {
    expect(await call('liveActivity.contracts.delete', { attributesType: 'DeliveryAttributes' })).toEqual({ ok: true });
    expect(await call('liveActivity.contracts.list', {})).toEqual([]);
    const again = await core.dispatch(
      'liveActivity.contracts.delete',
      { attributesType: 'DeliveryAttributes' },
      CALLER,
    );
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No content-state contract for DeliveryAttributes.' },
    });
  });
});
