import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  deviceInputSchema,
  deviceKey,
  deviceSchema,
  PREVIOUS_TARGETS_MAX,
  type Device,
  type DeviceInput,
} from '../../../shared/domain/device';
import type { SendResult } from '../../../shared/domain/send-result';
import { AppError } from '../../../shared/errors';
import { JsonFile } from './json-file';

const fileSchema = z.object({ version: z.literal(1), devices: z.array(deviceSchema) });
type DevicesFile = z.infer<typeof fileSchema>;

export interface UpsertOutcome {
  device: Device;
  /** True when a device with the same provider and target existed and was updated instead. */
  updated: boolean;
}

interface GoneEntry {
  result: SendResult;
  resolve: (count: number) => void;
  reject: (error: unknown) => void;
}

/**
 * Devices in the workspace's devices.json. A second device with the same provider and target
 * updates the first (like django-push-notifications' UPDATE_ON_DUPLICATE_REG_ID).
 */
export class DeviceStore {
  readonly #file: JsonFile<typeof fileSchema>;
  /** Gone results waiting for the next batch. */
  readonly #gone: GoneEntry[] = [];
  /**
   * The list as last read, with the file's identity then (inode, size, mtime in ns). The composer's
   * preflight asks for it on every edit (the Live Activity kind check), and parsing 100,000
   * devices took about 0.7 s; the file is replaced by rename on every write, so an unchanged
   * identity is unchanged content. Callers get a copy of the array.
   */
  #last: { stamp: string; devices: Device[] } | null = null;

  constructor(workspaceDir: string) {
    this.#file = new JsonFile(join(workspaceDir, 'devices.json'), fileSchema, () => ({ version: 1, devices: [] }));
  }

  /** After any change already queued (gone results from a send that just finished, say). */
  async list(): Promise<Device[]> {
    await this.#file.settled();
    const stamp = await this.#stamp();
    if (stamp === null || this.#last?.stamp !== stamp) {
      const { devices } = await this.#file.read();
      this.#last = stamp === null ? null : { stamp, devices };
      return [...devices];
    }
    return [...this.#last.devices];
  }

  async #stamp(): Promise<string | null> {
    try {
      const info = await stat(this.#file.path, { bigint: true });
      return `${info.ino}:${info.size}:${info.mtimeNs}`;
    } catch {
      return null;
    }
  }

  async get(idOrLabel: string): Promise<Device> {
    const device = (await this.list()).find((d) => d.id === idOrLabel || d.label === idOrLabel);
    if (!device) throw new AppError('NOT_FOUND', `No device named "${idOrLabel}".`);
    return device;
  }

  save(input: DeviceInput): Promise<UpsertOutcome> {
    return this.#file.update((file) => ({
      value: file,
      result: upsert(file.devices, input, new Date().toISOString()),
    }));
  }

  /** All or nothing: every row is validated first; one bad row means nothing is written. */
  saveMany(inputs: readonly DeviceInput[]): Promise<{ created: number; updated: number }> {
    return this.#file.update((file) => {
      const now = new Date().toISOString();
      let created = 0;
      let updated = 0;
      const index = new DeviceIndex(file.devices);
      for (const input of inputs) {
        const outcome = upsert(file.devices, input, now, index);
        if (outcome.updated) updated++;
        else created++;
      }
      return { value: file, result: { created, updated } };
    });
  }

  remove(ids: readonly string[]): Promise<number> {
    const wanted = new Set(ids);
    return this.#keep((d) => !wanted.has(d.id));
  }

  /** Removes every device marked gone; returns how many. */
  prune(): Promise<number> {
    return this.#keep((d) => d.state !== 'gone');
  }

  /**
   * In one locked change, removes the devices `stale` picks and saves `input`: the sandbox's
   * "replace my emulated device", which must not leave two when two processes run it at once.
   */
  replace(stale: (device: Device) => boolean, input: DeviceInput): Promise<UpsertOutcome> {
    return this.#file.update((file) => {
      const kept: DevicesFile = { ...file, devices: file.devices.filter((d) => !stale(d)) };
      return { value: kept, result: upsert(kept.devices, input, new Date().toISOString()) };
    });
  }

  #keep(keep: (device: Device) => boolean): Promise<number> {
    return this.#file.update((file) => {
      const devices = file.devices.filter(keep);
      const removed = file.devices.length - devices.length;
      return { value: removed > 0 ? { ...file, devices } : undefined, result: removed };
    });
  }

  /**
   * A send answered Unregistered / 410 / UNREGISTERED: mark the matching devices gone. Results
   * arriving together (a bulk send announces thousands) are applied in one read and one write.
   */
  markGone(result: SendResult): Promise<number> {
    if (!result.deviceStateChange) return Promise.resolve(0);
    return new Promise((resolve, reject) => {
      this.#gone.push({ result, resolve, reject });
      if (this.#gone.length === 1) void this.#applyGone();
    });
  }

  async #applyGone(): Promise<void> {
    let batch: GoneEntry[] = [];
    try {
      const counts = await this.#file.update((file) => {
        // Taken under the lock, so results that arrived while waiting for it join this write.
        batch = this.#gone.splice(0);
        const counts = markGone(
          file.devices,
          batch.map((entry) => entry.result),
        );
        return { value: counts.some((count) => count > 0) ? file : undefined, result: counts };
      });
      batch.forEach((entry, i) => entry.resolve(counts[i]!));
    } catch (error) {
      // Before the batch was taken, everything waiting is this call's to fail.
      for (const entry of batch.length > 0 ? batch : this.#gone.splice(0)) entry.reject(error);
    }
  }
}

function markGone(devices: Device[], results: readonly SendResult[]): number[] {
  const byKey = new Map<string, Device[]>();
  for (const device of devices) {
    const key = deviceKey(device.provider, device.target);
    byKey.set(key, [...(byKey.get(key) ?? []), device]);
  }
  const now = new Date().toISOString();
  return results.map((result) => {
    const change = result.deviceStateChange!;
    let count = 0;
    for (const device of byKey.get(deviceKey(result.provider, result.target)) ?? []) {
      if (device.state === 'gone') continue;
      device.state = 'gone';
      device.goneAt = change.at;
      device.goneReason = change.reason;
      device.updatedAt = now;
      count++;
    }
    return count;
  });
}

/** Positions of devices by id and by duplicate key, so a large import is not quadratic. */
class DeviceIndex {
  readonly #byId = new Map<string, number>();
  readonly #byKey = new Map<string, number>();

  constructor(readonly devices: Device[]) {
    devices.forEach((device, position) => this.#remember(device, position));
  }

  find(id: string | undefined, key: string): number | undefined {
    return (id ? this.#byId.get(id) : undefined) ?? this.#byKey.get(key);
  }

  put(position: number, device: Device): void {
    const previous = this.devices[position];
    if (previous && this.#byKey.get(deviceKey(previous.provider, previous.target)) === position)
      this.#byKey.delete(deviceKey(previous.provider, previous.target));
    this.devices[position] = device;
    this.#remember(device, position);
  }

  #remember(device: Device, position: number): void {
    // The first of any duplicates already in the file wins, as a linear search would find it.
    if (!this.#byId.has(device.id)) this.#byId.set(device.id, position);
    const key = deviceKey(device.provider, device.target);
    if (!this.#byKey.has(key)) this.#byKey.set(key, position);
  }
}

function upsert(devices: Device[], input: DeviceInput, now: string, index = new DeviceIndex(devices)): UpsertOutcome {
  const parsed = deviceInputSchema.parse(input);
  const position = index.find(parsed.id, deviceKey(parsed.provider, parsed.target));
  const existing = position === undefined ? undefined : devices[position];
  if (position !== undefined && existing) {
    const device: Device = { ...existing, ...parsed, id: existing.id, updatedAt: now, createdAt: existing.createdAt };
    // A kind given is given whole: an attributes type or activity id left out is cleared with it.
    if (parsed.kind !== undefined) {
      for (const key of ['attributesType', 'activityId'] as const) if (!parsed[key]) delete device[key];
      if (parsed.kind === 'token') delete device.kind;
    }
    rotate(device, existing);
    // A device saved again (re-registered) is active again.
    if (existing.target !== parsed.target || parsed.id === undefined) {
      device.state = 'active';
      delete device.goneAt;
      delete device.goneReason;
    }
    index.put(position, device);
    return { device, updated: true };
  }
  const device: Device = { ...parsed, id: randomUUID(), state: 'active', createdAt: now, updatedAt: now };
  if (device.kind === 'token') delete device.kind;
  index.put(devices.length, device);
  return { device, updated: false };
}

/**
 * An update token rotates (ActivityKit hands the app a new one through pushTokenUpdates): the
 * device keeps its id and name, and remembers the tokens before, so their sends in history still
 * name it and the activity's timestamps and budget count them.
 */
function rotate(device: Device, existing: Device): void {
  const changed = canonicalKey(existing.target) !== canonicalKey(device.target);
  if (!changed || device.kind !== 'update' || existing.kind !== 'update') {
    if (device.kind !== 'update') delete device.previousTargets;
    return;
  }
  const earlier = [existing.target, ...(existing.previousTargets ?? [])].filter(
    (target) => canonicalKey(target) !== canonicalKey(device.target),
  );
  device.previousTargets = [...new Set(earlier)].slice(0, PREVIOUS_TARGETS_MAX);
}

function canonicalKey(target: string): string {
  return deviceKey('apns', target);
}
