import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import {
  deviceInputSchema,
  deviceKey,
  deviceSchema,
  type Device,
  type DeviceInput,
} from '../../../shared/domain/device';
import type { SendResult } from '../../../shared/domain/send-result';
import { AppError } from '../../../shared/errors';
import { FileLock, readJsonFile, writeJsonFileAtomic } from './json-file';

const fileSchema = z.object({ version: z.literal(1), devices: z.array(deviceSchema) });

export interface UpsertOutcome {
  device: Device;
  /** True when a device with the same provider and target existed and was updated instead. */
  updated: boolean;
}

/**
 * Devices in the workspace's devices.json. A second device with the same provider and target
 * updates the first (like django-push-notifications' UPDATE_ON_DUPLICATE_REG_ID).
 */
export class DeviceStore {
  readonly #file: string;
  readonly #lock = new FileLock();
  /** Gone results waiting for the next batch. */
  readonly #gone: Array<{ result: SendResult; resolve: (count: number) => void; reject: (error: unknown) => void }> =
    [];

  constructor(workspaceDir: string) {
    this.#file = join(workspaceDir, 'devices.json');
  }

  /** After any change already queued (gone results from a send that just finished, say). */
  async list(): Promise<Device[]> {
    return (await this.#lock.run(() => this.#read())).devices;
  }

  async get(idOrLabel: string): Promise<Device> {
    const device = (await this.list()).find((d) => d.id === idOrLabel || d.label === idOrLabel);
    if (!device) throw new AppError('NOT_FOUND', `No device named "${idOrLabel}".`);
    return device;
  }

  save(input: DeviceInput): Promise<UpsertOutcome> {
    return this.#lock.run(async () => {
      const file = await this.#read();
      const outcome = upsert(file.devices, input, new Date().toISOString());
      await this.#write(file.devices);
      return outcome;
    });
  }

  /** All or nothing: every row is validated first; one bad row means nothing is written. */
  saveMany(inputs: readonly DeviceInput[]): Promise<{ created: number; updated: number }> {
    return this.#lock.run(async () => {
      const file = await this.#read();
      const now = new Date().toISOString();
      let created = 0;
      let updated = 0;
      const index = new DeviceIndex(file.devices);
      for (const input of inputs) {
        const outcome = upsert(file.devices, input, now, index);
        if (outcome.updated) updated++;
        else created++;
      }
      await this.#write(file.devices);
      return { created, updated };
    });
  }

  remove(ids: readonly string[]): Promise<number> {
    return this.#lock.run(async () => {
      const file = await this.#read();
      const wanted = new Set(ids);
      const kept = file.devices.filter((d) => !wanted.has(d.id));
      await this.#write(kept);
      return file.devices.length - kept.length;
    });
  }

  /** Removes every device marked gone; returns how many. */
  prune(): Promise<number> {
    return this.#lock.run(async () => {
      const file = await this.#read();
      const kept = file.devices.filter((d) => d.state !== 'gone');
      await this.#write(kept);
      return file.devices.length - kept.length;
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
      if (this.#gone.length === 1) void this.#lock.run(() => this.#applyGone());
    });
  }

  async #applyGone(): Promise<void> {
    const batch = this.#gone.splice(0);
    try {
      const file = await this.#read();
      const byKey = new Map<string, Device[]>();
      for (const device of file.devices) {
        const key = deviceKey(device.provider, device.target);
        byKey.set(key, [...(byKey.get(key) ?? []), device]);
      }
      const now = new Date().toISOString();
      const counts = batch.map(({ result }) => {
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
      if (counts.some((count) => count > 0)) await this.#write(file.devices);
      batch.forEach((entry, i) => entry.resolve(counts[i]!));
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  }

  async #read(): Promise<z.infer<typeof fileSchema>> {
    return readJsonFile(this.#file, fileSchema, { version: 1 as const, devices: [] });
  }

  async #write(devices: Device[]): Promise<void> {
    await writeJsonFileAtomic(this.#file, { version: 1, devices });
  }
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
  index.put(devices.length, device);
  return { device, updated: false };
}
