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
  /** An emulated Live Activity (its token is the activity's update token): its id. */
  activityId: z.string().optional(),
  /** The activity's `attributes-type`, when it was said. */
  attributesType: z.string().optional(),
  /** Broadcast channels the activity is subscribed to: each broadcast to one is delivered to its token. */
  channels: z.array(z.string()).optional(),
  /** A push-to-start token (`Activity<T>.pushToStartToken`): one per app and `attributesType`; it only starts activities. */
  pushToStart: z.boolean().optional(),
  /** An activity: its attributes, as the start gave them. */
  attributes: z.unknown().optional(),
  /** An activity: the content-state it shows now (the last update the device took). */
  contentState: z.unknown().optional(),
  /** An activity: the last `aps.timestamp` it took; an update not newer than this is dropped as stale. */
  lastTimestamp: z.number().optional(),
  /** An activity: milliseconds since epoch when an `end` arrived; later updates are dropped. */
  endedAt: z.number().optional(),
  /** An activity started by push-to-start: that token. */
  startedBy: z.string().optional(),
  /** A rotated update token: when it was replaced (later pushes get 410) and by which token. */
  rotatedAt: z.number().optional(),
  rotatedTo: z.string().optional(),
});
export type DeviceRecord = z.infer<typeof deviceRecordSchema>;

/** A broadcast channel (protocols.md §1.6): one app's, in one environment. */
const channelRecordSchema = z.object({
  channelId: z.string(),
  bundleId: z.string(),
  environment: apnsEnvironmentSchema,
  /** 0: no message stored; 1: the most recent broadcast kept for 8 hours. */
  storagePolicy: z.union([z.literal(0), z.literal(1)]),
  createdAt: z.string(),
  /** Policy 1: the last broadcast, handed to an activity that subscribes within 8 hours. */
  stored: z.object({ payload: z.string(), headers: z.record(z.string(), z.string()), at: z.number() }).optional(),
});
export type ChannelRecord = z.infer<typeof channelRecordSchema>;

const stateSchema = z.object({
  keys: z.array(keyRecordSchema).default([]),
  devices: z.array(deviceRecordSchema).default([]),
  channels: z.array(channelRecordSchema).default([]),
});

/**
 * Keys and devices the emulator knows, kept in memory and written (asynchronously, on admin
 * changes and when an emulated Live Activity changes) to `<stateDir>/apns-state.json`, so request
 * handling never waits for the disk.
 */
export class ApnsStore {
  readonly keys = new Map<string, KeyRecord>();
  readonly devices = new Map<string, DeviceRecord>();
  readonly channels = new Map<string, ChannelRecord>();
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
        for (const channel of state.channels) store.channels.set(channel.channelId, channel);
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
    activityId?: string | undefined;
    attributesType?: string | undefined;
    channels?: string[] | undefined;
    /** An activity's state at its start (push-to-start). */
    activity?: Pick<DeviceRecord, 'attributes' | 'contentState' | 'lastTimestamp' | 'startedBy'>;
    pushToStart?: boolean;
  }): DeviceRecord {
    const record: DeviceRecord = {
      token: (input.token ?? randomBytes(32).toString('hex')).toLowerCase(),
      bundleId: input.bundleId,
      environment: input.environment ?? 'sandbox',
      createdAt: new Date().toISOString(),
      ...(input.label ? { label: input.label } : {}),
      ...(input.tokenFor ? { tokenFor: input.tokenFor } : {}),
      ...(input.activityId ? { activityId: input.activityId } : {}),
      ...(input.attributesType ? { attributesType: input.attributesType } : {}),
      ...(input.channels ? { channels: [...new Set(input.channels)] } : {}),
      ...(input.pushToStart ? { pushToStart: true } : {}),
      ...input.activity,
    };
    this.devices.set(record.token, record);
    this.#persist();
    return record;
  }

  device(token: string): DeviceRecord | undefined {
    return this.devices.get(token.toLowerCase());
  }

  activity(activityId: string): DeviceRecord | undefined {
    for (const device of this.devices.values()) if (device.activityId === activityId) return device;
    return undefined;
  }

  /** The emulated Live Activity whose current update token this is (a rotated token is none). */
  activityByToken(token: string): DeviceRecord | undefined {
    const device = this.device(token);
    return device?.activityId ? device : undefined;
  }

  /**
   * The app's push-to-start token for one attributes type in one environment: the one it has, or a
   * new one (ActivityKit gives an app one per `ActivityAttributes` type). `created` says which.
   */
  pushToStartToken(input: {
    bundleId: string;
    attributesType: string;
    environment?: ApnsEmulatorEnvironment | undefined;
    label?: string | undefined;
  }): { record: DeviceRecord; created: boolean } {
    const environment = input.environment ?? 'sandbox';
    for (const device of this.devices.values()) {
      if (
        device.pushToStart &&
        device.rotatedAt === undefined &&
        device.bundleId === input.bundleId &&
        device.attributesType === input.attributesType &&
        device.environment === environment
      )
        return { record: device, created: false };
    }
    const record = this.createDevice({ ...input, environment, tokenFor: 'liveactivity', pushToStart: true });
    return { record, created: true };
  }

  /** What a Live Activity push the device took changed (its content-state, timestamp, end). */
  updateActivity(
    activity: DeviceRecord,
    changes: Partial<Pick<DeviceRecord, 'contentState' | 'lastTimestamp' | 'endedAt'>>,
  ): void {
    Object.assign(activity, changes);
    this.#persist();
  }

  /**
   * The activity gets a new update token (as ActivityKit's `pushTokenUpdates` hands out): the
   * activity moves to it, and the old token stays known as rotated, so pushes to it are refused.
   */
  rotate(activity: DeviceRecord, at: number): DeviceRecord {
    const { token: previous, createdAt: _createdAt, ...kept } = activity;
    const record: DeviceRecord = {
      ...kept,
      token: randomBytes(32).toString('hex'),
      createdAt: new Date(at).toISOString(),
    };
    this.devices.set(record.token, record);
    this.devices.set(previous, {
      token: previous,
      bundleId: activity.bundleId,
      environment: activity.environment,
      tokenFor: 'liveactivity',
      createdAt: activity.createdAt,
      ...(activity.label ? { label: activity.label } : {}),
      rotatedAt: at,
      rotatedTo: record.token,
    });
    this.#persist();
    return record;
  }

  /** Subscribes (or with `subscribed` false, unsubscribes) an emulated activity to a channel. */
  subscribe(activity: DeviceRecord, channelId: string, subscribed = true): void {
    const channels = new Set(activity.channels ?? []);
    if (subscribed) channels.add(channelId);
    else channels.delete(channelId);
    activity.channels = [...channels];
    this.#persist();
  }

  /** The app's channels in one environment, oldest first. */
  channelsOf(bundleId: string, environment: ApnsEmulatorEnvironment): ChannelRecord[] {
    return [...this.channels.values()].filter((c) => c.bundleId === bundleId && c.environment === environment);
  }

  countChannels(environment: ApnsEmulatorEnvironment): number {
    let count = 0;
    for (const channel of this.channels.values()) if (channel.environment === environment) count += 1;
    return count;
  }

  createChannel(input: Omit<ChannelRecord, 'channelId' | 'createdAt' | 'stored'>): ChannelRecord {
    // Apple's ids are base64 of opaque bytes ("don't assume a channel ID size").
    const record: ChannelRecord = {
      ...input,
      channelId: randomBytes(16).toString('base64'),
      createdAt: new Date().toISOString(),
    };
    this.channels.set(record.channelId, record);
    this.#persist();
    return record;
  }

  deleteChannel(channelId: string): boolean {
    const removed = this.channels.delete(channelId);
    if (removed) this.#persist();
    return removed;
  }

  /** Keeps a policy-1 channel's last broadcast. */
  storeMessage(channel: ChannelRecord, stored: NonNullable<ChannelRecord['stored']>): void {
    channel.stored = stored;
    this.#persist();
  }

  /** Devices subscribed to the channel (its app and environment only). */
  subscribers(channel: ChannelRecord): DeviceRecord[] {
    return [...this.devices.values()].filter(
      (d) =>
        d.channels?.includes(channel.channelId) &&
        d.bundleId === channel.bundleId &&
        d.environment === channel.environment,
    );
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
    const text = JSON.stringify(
      { keys: [...this.keys.values()], devices: [...this.devices.values()], channels: [...this.channels.values()] },
      null,
      2,
    );
    // Writes are chained so an older state never lands after a newer one.
    this.#writing = this.#writing.then(async () => {
      const temp = `${file}.tmp`;
      await writeFile(temp, text, { mode: 0o600 });
      await rename(temp, file);
    });
  }
}
