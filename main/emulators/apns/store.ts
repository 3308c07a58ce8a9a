import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

export const apnsEnvironmentSchema = z.enum(['sandbox', 'production']);
export type ApnsEmulatorEnvironment = z.infer<typeof apnsEnvironmentSchema>;

/** A signing key registered with the emulator: the public half of a .p8 and who it belongs to. */
const keyRecordSchema = z.object({
  keyId: z.string(),
  teamId: z.string(),
  publicKeyPem: z.string(),
  /** Team keys are Sandbox-only, Production-only or (older keys) both. */
  environment: z.enum(['sandbox', 'production', 'both']),
  /** Topic-specific keys list their bundle ids; absent: every topic of the team. */
  topics: z.array(z.string()).optional(),
  registeredAt: z.string(),
});
export type KeyRecord = z.infer<typeof keyRecordSchema>;

/**
 * Push types whose tokens are not the app's own: PushKit's (VoIP, complication, File Provider,
 * Push to Talk) and a Live Activity's. Such a token only takes its own topic suffix.
 */
export const SEPARATE_TOKEN_PUSH_TYPES = [
  'voip',
  'complication',
  'fileprovider',
  'pushtotalk',
  'liveactivity',
] as const;

/** An emulated device: a token issued to one app in one environment. */
const deviceRecordSchema = z.object({
  token: z.string(),
  bundleId: z.string(),
  /** The push type this token was issued for (a PushKit or Live Activity token); absent: the app's own token. */
  tokenFor: z.enum(SEPARATE_TOKEN_PUSH_TYPES).optional(),
  environment: apnsEnvironmentSchema,
  label: z.string().optional(),
  createdAt: z.string(),
  /** Milliseconds since epoch when the app was "uninstalled": later pushes get 410 Unregistered. */
  unregisteredAt: z.number().optional(),
  /** Milliseconds since epoch when the token expired: later pushes get 410 ExpiredToken. */
  expiredAt: z.number().optional(),
});
export type DeviceRecord = z.infer<typeof deviceRecordSchema>;

const stateSchema = z.object({
  keys: z.array(keyRecordSchema).default([]),
  devices: z.array(deviceRecordSchema).default([]),
});

/**
 * Keys and devices the emulator knows, kept in memory and written (asynchronously, only on admin
 * changes) to `<stateDir>/apns-state.json`, so request handling never touches the disk.
 */
export class ApnsStore {
  readonly keys = new Map<string, KeyRecord>();
  readonly devices = new Map<string, DeviceRecord>();
  readonly #file: string | null;
  #writing: Promise<void> = Promise.resolve();

  private constructor(file: string | null) {
    this.#file = file;
  }

  static async open(stateDir: string | undefined): Promise<ApnsStore> {
    const store = new ApnsStore(stateDir ? join(stateDir, 'apns-state.json') : null);
    if (stateDir) {
      await mkdir(stateDir, { recursive: true });
      try {
        const state = stateSchema.parse(JSON.parse(await readFile(store.#file!, 'utf8')));
        for (const key of state.keys) store.keys.set(key.keyId, key);
        for (const device of state.devices) store.devices.set(device.token.toLowerCase(), device);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    return store;
  }

  registerKey(
    input: Omit<KeyRecord, 'registeredAt' | 'environment'> & { environment?: KeyRecord['environment'] },
  ): KeyRecord {
    const record: KeyRecord = { environment: 'both', ...input, registeredAt: new Date().toISOString() };
    this.keys.set(record.keyId, record);
    this.#persist();
    return record;
  }

  /** A key revoked in the developer portal: its tokens are InvalidProviderToken from now on. */
  revokeKey(keyId: string): boolean {
    const removed = this.keys.delete(keyId);
    if (removed) this.#persist();
    return removed;
  }

  createDevice(input: {
    bundleId: string;
    environment?: ApnsEmulatorEnvironment | undefined;
    token?: string | undefined;
    label?: string | undefined;
    tokenFor?: DeviceRecord['tokenFor'];
  }): DeviceRecord {
    const record: DeviceRecord = {
      token: (input.token ?? randomBytes(32).toString('hex')).toLowerCase(),
      bundleId: input.bundleId,
      environment: input.environment ?? 'sandbox',
      createdAt: new Date().toISOString(),
      ...(input.label ? { label: input.label } : {}),
      ...(input.tokenFor ? { tokenFor: input.tokenFor } : {}),
    };
    this.devices.set(record.token, record);
    this.#persist();
    return record;
  }

  device(token: string): DeviceRecord | undefined {
    return this.devices.get(token.toLowerCase());
  }

  unregister(token: string, at: number): boolean {
    return this.#mark(token, 'unregisteredAt', at);
  }

  expire(token: string, at: number): boolean {
    return this.#mark(token, 'expiredAt', at);
  }

  #mark(token: string, field: 'unregisteredAt' | 'expiredAt', at: number): boolean {
    const device = this.device(token);
    if (!device) return false;
    device[field] = at;
    this.#persist();
    return true;
  }

  async flush(): Promise<void> {
    await this.#writing;
  }

  #persist(): void {
    if (!this.#file) return;
    const file = this.#file;
    const text = JSON.stringify({ keys: [...this.keys.values()], devices: [...this.devices.values()] }, null, 2);
    // Writes are chained so an older state never lands after a newer one.
    this.#writing = this.#writing.then(async () => {
      const temp = `${file}.tmp`;
      await writeFile(temp, text, { mode: 0o600 });
      await rename(temp, file);
    });
  }
}
