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

  constructor(workspaceDir: string) {
    this.#file = join(workspaceDir, 'devices.json');
  }

  async list(): Promise<Device[]> {
    return (await this.#read()).devices;
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
      for (const input of inputs) {
        const outcome = upsert(file.devices, input, now);
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

  /** A send answered Unregistered / 410 / UNREGISTERED: mark the matching devices gone. */
  markGone(result: SendResult): Promise<number> {
    const change = result.deviceStateChange;
    if (!change) return Promise.resolve(0);
    return this.#lock.run(async () => {
      const file = await this.#read();
      const key = deviceKey(result.provider, result.target);
      let count = 0;
      for (const device of file.devices) {
        if (deviceKey(device.provider, device.target) !== key || device.state === 'gone') continue;
        device.state = 'gone';
        device.goneAt = change.at;
        device.goneReason = change.reason;
        device.updatedAt = new Date().toISOString();
        count++;
      }
      if (count > 0) await this.#write(file.devices);
      return count;
    });
  }

  async #read(): Promise<z.infer<typeof fileSchema>> {
    return readJsonFile(this.#file, fileSchema, { version: 1 as const, devices: [] });
  }

  async #write(devices: Device[]): Promise<void> {
    await writeJsonFileAtomic(this.#file, { version: 1, devices });
  }
}

function upsert(devices: Device[], input: DeviceInput, now: string): UpsertOutcome {
  const parsed = deviceInputSchema.parse(input);
  const key = deviceKey(parsed.provider, parsed.target);
  const existing =
    (parsed.id ? devices.find((d) => d.id === parsed.id) : undefined) ??
    devices.find((d) => deviceKey(d.provider, d.target) === key);
  if (existing) {
    const index = devices.indexOf(existing);
    const device: Device = { ...existing, ...parsed, id: existing.id, updatedAt: now, createdAt: existing.createdAt };
    // A device saved again (re-registered) is active again.
    if (existing.target !== parsed.target || parsed.id === undefined) {
      device.state = 'active';
      delete device.goneAt;
      delete device.goneReason;
    }
    devices[index] = device;
    return { device, updated: true };
  }
  const device: Device = { ...parsed, id: randomUUID(), state: 'active', createdAt: now, updatedAt: now };
  devices.push(device);
  return { device, updated: false };
}
