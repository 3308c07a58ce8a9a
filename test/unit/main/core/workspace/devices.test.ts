import { mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeviceStore } from '../../../../../main/core/workspace/devices';

const token = 'ab'.repeat(32);

describe('DeviceStore', () => {
  it('reads the file again only when it changed, even to a same-size file another process wrote', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pc-dev-'));
    const store = new DeviceStore(dir);
    await store.save({ label: 'Phone A', provider: 'apns', environment: 'sandbox', target: token });
    const first = await store.list();
    first.pop(); // a caller's copy: the next list is whole
    expect((await store.list()).map((d) => d.label)).toEqual(['Phone A']);
    // Another process replaces the file (write, then rename, as every writer here does).
    const file = join(dir, 'devices.json');
    const text = readFileSync(file, 'utf8').replace('Phone A', 'Phone B');
    writeFileSync(`${file}.tmp`, text);
    renameSync(`${file}.tmp`, file);
    expect((await store.list()).map((d) => d.label)).toEqual(['Phone B']);
    // Unchanged, it answers from what it read, each caller with its own array.
    const again = await store.list();
    expect(again).not.toBe(await store.list());
    expect(again).toEqual(await store.list());
  });

  it('updates instead of duplicating the same provider and target', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pc-dev-'));
    const store = new DeviceStore(dir);
    const first = await store.save({ label: 'Phone', provider: 'apns', environment: 'sandbox', target: token });
    const second = await store.save({
      label: 'Phone (renamed)',
      provider: 'apns',
      environment: 'sandbox',
      target: ` ${token} `,
    });
    expect(first.updated).toBe(false);
    expect(second.updated).toBe(true);
    expect(await store.list()).toHaveLength(1);
    expect((await store.list())[0]!.label).toBe('Phone (renamed)');
    expect(JSON.parse(readFileSync(join(dir, 'devices.json'), 'utf8')).devices).toHaveLength(1);
  });

  it("treats an APNs token in upper and lower case as one device, but not other providers' targets", async () => {
    const store = new DeviceStore(mkdtempSync(join(tmpdir(), 'pc-dev-')));
    await store.save({ label: 'Phone', provider: 'apns', environment: 'sandbox', target: token.toUpperCase() });
    const again = await store.save({ label: 'Phone', provider: 'apns', environment: 'sandbox', target: token });
    expect(again.updated).toBe(true);
    await store.save({ label: 'Android', provider: 'fcm', environment: 'sandbox', target: 'AbC:1' });
    expect(
      (await store.save({ label: 'Other', provider: 'fcm', environment: 'sandbox', target: 'abc:1' })).updated,
    ).toBe(false);
    expect(await store.list()).toHaveLength(3);
  });

  it('marks devices gone from a send result and prunes them on request', async () => {
    const store = new DeviceStore(mkdtempSync(join(tmpdir(), 'pc-dev-')));
    await store.save({ label: 'A', provider: 'apns', environment: 'sandbox', target: token });
    await store.save({ label: 'B', provider: 'fcm', environment: 'sandbox', target: 'x:y' });
    const marked = await store.markGone({
      id: 'r',
      provider: 'apns',
      target: token,
      outcome: 'rejected',
      status: 410,
      reason: 'Unregistered',
      explanation: null,
      hint: null,
      messageIds: {},
      retryable: false,
      deviceStateChange: { state: 'gone', at: '2026-11-23T10:00:00.000Z', reason: 'Unregistered' },
      exchangeIds: [],
      durationMs: 1,
      startedAt: '',
    });
    expect(marked).toBe(1);
    const gone = (await store.list()).find((d) => d.label === 'A')!;
    expect(gone).toMatchObject({ state: 'gone', goneReason: 'Unregistered', goneAt: '2026-11-23T10:00:00.000Z' });
    expect(await store.prune()).toBe(1);
    expect((await store.list()).map((d) => d.label)).toEqual(['B']);
  });

  it('imports thousands of rows and keeps up with a bulk send full of gone devices', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pc-dev-'));
    const store = new DeviceStore(dir);
    const targets = Array.from({ length: 3_000 }, (_, i) => i.toString(16).padStart(64, '0'));
    const importStarted = performance.now();
    const imported = await store.saveMany(
      targets.map((target, i) => ({ label: `D${i}`, provider: 'apns', environment: 'local', target })),
    );
    // Each row searched the whole list before: seconds for thousands of rows.
    expect((performance.now() - importStarted) / 1000).toBeLessThan(3);
    expect(imported).toEqual({ created: 3_000, updated: 0 });
    // Importing the same list again updates every device (found by token), duplicating none.
    const again = await store.saveMany(
      targets.map((target, i) => ({ label: `E${i}`, provider: 'apns', environment: 'local', target })),
    );
    expect(again).toEqual({ created: 0, updated: 3_000 });
    expect(await store.list()).toHaveLength(3_000);
    const gone = (target: string) => ({
      id: target,
      provider: 'apns' as const,
      target,
      outcome: 'rejected' as const,
      status: 410,
      reason: 'Unregistered',
      explanation: null,
      hint: null,
      messageIds: {},
      retryable: false,
      deviceStateChange: { state: 'gone' as const, at: '2026-11-30T00:00:00.000Z', reason: 'Unregistered' },
      exchangeIds: [],
      durationMs: 1,
      startedAt: '',
    });
    const started = performance.now();
    // As the bulk engine announces them: all at once, plus results for targets that are not saved.
    const counts = await Promise.all([
      ...targets.map((target) => store.markGone(gone(target))),
      store.markGone(gone('f'.repeat(64))),
    ]);
    const seconds = (performance.now() - started) / 1000;
    expect(counts.slice(0, -1).every((count) => count === 1)).toBe(true);
    expect(counts.at(-1)).toBe(0);
    expect((await store.list()).every((device) => device.state === 'gone')).toBe(true);
    // Each result reading and rewriting devices.json took minutes for lists this size.
    expect(seconds).toBeLessThan(5);
    expect(await store.prune()).toBe(3_000);
  }, 60_000);

  it('matches Web Push subscriptions by endpoint', async () => {
    const store = new DeviceStore(mkdtempSync(join(tmpdir(), 'pc-dev-')));
    const sub = (auth: string) => JSON.stringify({ endpoint: 'https://push.example/1', keys: { p256dh: 'B', auth } });
    await store.save({ label: 'Browser', provider: 'webpush', environment: 'local', target: sub('a') });
    const again = await store.save({ label: 'Browser', provider: 'webpush', environment: 'local', target: sub('b') });
    expect(again.updated).toBe(true);
    expect(await store.list()).toHaveLength(1);
  });

  it('imports all-or-nothing', async () => {
    const store = new DeviceStore(mkdtempSync(join(tmpdir(), 'pc-dev-')));
    await expect(
      store.saveMany([
        { label: 'ok', provider: 'apns', environment: 'sandbox', target: token },
        { label: '', provider: 'apns', environment: 'sandbox', target: 'cd'.repeat(32) },
      ]),
    ).rejects.toThrow();
    expect(await store.list()).toHaveLength(0);
  });
});
