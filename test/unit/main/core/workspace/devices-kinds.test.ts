import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { targetNamer } from '../../../../../shared/devices/display-name';
import { DeviceStore } from '../../../../../main/core/workspace/devices';

const token = 'ab'.repeat(32);

/** devices.json as the app wrote it before device kinds existed (issue 25), byte for byte. */
const BEFORE_KINDS = `{
  "version": 1,
  "devices": [
    {
      "id": "0b6f7c0e-8f53-4a5e-9d55-0c1e2f3a4b5c",
      "label": "Sandbox iPhone",
      "provider": "apns",
      "platform": "ios",
      "environment": "local",
      "target": "${token}",
      "tags": ["sandbox"],
      "notes": "",
      "fields": { "badge": "3" },
      "state": "active",
      "createdAt": "2026-03-01T10:00:00.000Z",
      "updatedAt": "2026-03-01T10:00:00.000Z"
    },
    {
      "id": "6a1d2e3f-4b5c-4d6e-8f70-8192a3b4c5d6",
      "label": "Old Pixel",
      "provider": "fcm",
      "platform": "android",
      "environment": "sandbox",
      "target": "${'a'.repeat(22)}:${'b'.repeat(140)}",
      "tags": [],
      "notes": "QA desk",
      "fields": {},
      "state": "gone",
      "goneAt": "2026-03-02T09:00:00.000Z",
      "goneReason": "UNREGISTERED",
      "createdAt": "2026-03-01T10:00:00.000Z",
      "updatedAt": "2026-03-02T09:00:00.000Z"
    }
  ]
}
`;

function workspace(): string {
  return mkdtempSync(join(tmpdir(), 'pc-dev-kinds-'));
}

describe('DeviceStore and device kinds', () => {
  it('loads a devices.json from before kinds unchanged, every device an ordinary token', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'devices.json'), BEFORE_KINDS);
    const devices = await new DeviceStore(dir).list();
    expect(devices).toEqual(JSON.parse(BEFORE_KINDS).devices);
    expect(devices.map((d) => d.kind)).toEqual([undefined, undefined]);
    // Reading writes nothing.
    expect(readFileSync(join(dir, 'devices.json'), 'utf8')).toBe(BEFORE_KINDS);
  });

  it('saves the Live Activity kinds, and a token kind is stored as no kind at all', async () => {
    const dir = workspace();
    const store = new DeviceStore(dir);
    await store.save({
      label: 'Start',
      provider: 'apns',
      environment: 'sandbox',
      target: token,
      kind: 'push-to-start',
      attributesType: 'DeliveryAttributes',
    });
    await store.save({
      label: 'Plain',
      provider: 'apns',
      environment: 'sandbox',
      target: 'cd'.repeat(32),
      kind: 'token',
    });
    const saved = JSON.parse(readFileSync(join(dir, 'devices.json'), 'utf8')).devices;
    expect(saved[0]).toMatchObject({ kind: 'push-to-start', attributesType: 'DeliveryAttributes' });
    expect(saved[1]).not.toHaveProperty('kind');
  });

  it('a rotated update token keeps its device, name and the tokens before it, which still name it in history', async () => {
    const store = new DeviceStore(workspace());
    const first = await store.save({
      label: 'Order 1024',
      provider: 'apns',
      environment: 'sandbox',
      target: token,
      kind: 'update',
      attributesType: 'DeliveryAttributes',
      activityId: 'act-1024',
    });
    const rotated = 'cd'.repeat(32);
    const again = await store.save({ ...first.device, target: rotated });
    expect(again.updated).toBe(true);
    expect(again.device).toMatchObject({ id: first.device.id, label: 'Order 1024', target: rotated });
    expect(again.device.previousTargets).toEqual([token]);
    const third = await store.save({ ...again.device, target: 'ef'.repeat(32) });
    expect(third.device.previousTargets).toEqual([rotated, token]);
    expect(await store.list()).toHaveLength(1);

    const name = targetNamer({ devices: await store.list(), profiles: [] });
    expect(name('apns', token).device).toBe('Order 1024');
    expect(name('apns', 'ef'.repeat(32)).device).toBe('Order 1024');

    // Made an ordinary token, it forgets the activity and its earlier tokens.
    const plain = await store.save({
      id: first.device.id,
      label: 'Phone',
      provider: 'apns',
      environment: 'sandbox',
      target: 'ef'.repeat(32),
      kind: 'token',
    });
    expect(plain.device).not.toHaveProperty('kind');
    expect(plain.device).not.toHaveProperty('attributesType');
    expect(plain.device).not.toHaveProperty('activityId');
    expect(plain.device).not.toHaveProperty('previousTargets');
  });

  it('an ordinary token whose target changes remembers nothing', async () => {
    const store = new DeviceStore(workspace());
    const first = await store.save({ label: 'Phone', provider: 'apns', environment: 'sandbox', target: token });
    const again = await store.save({ ...first.device, target: 'cd'.repeat(32) });
    expect(again.device).not.toHaveProperty('previousTargets');
  });
});
