import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * The apps registered with the emulated WNS (Package SID or Entra app id with its secret) and
 * the channels handed out to emulated devices. These are test fixtures owned by the emulator,
 * never a user's real credentials.
 */
const appRecordSchema = z.object({
  /** Package SID (ms-app://s-1-15-2-…) or Entra application (client) id. */
  clientId: z.string(),
  clientSecret: z.string(),
  /** Set for Entra apps: tokens are then only issued on this tenant's path. */
  tenantId: z.string().optional(),
  label: z.string().optional(),
  registeredAt: z.string(),
});
export type AppRecord = z.infer<typeof appRecordSchema>;

export const CHANNEL_STATES = ['active', 'expired', 'gone'] as const;
export const CONNECTION_STATES = ['connected', 'disconnected', 'tempdisconnected'] as const;

const channelRecordSchema = z.object({
  id: z.string(),
  /** The opaque `token` query value of the channel URI. */
  token: z.string(),
  /** The app (clientId) the channel belongs to; null accepts any registered app. */
  owner: z.string().nullable(),
  label: z.string().optional(),
  createdAt: z.string(),
  /** expired → 404 (unknown to WNS), gone → 410. */
  state: z.enum(CHANNEL_STATES),
  connection: z.enum(CONNECTION_STATES),
});
export type ChannelRecord = z.infer<typeof channelRecordSchema>;

const stateSchema = z.object({
  apps: z.array(appRecordSchema).default([]),
  channels: z.array(channelRecordSchema).default([]),
});

export class WnsStore {
  readonly #apps = new Map<string, AppRecord>();
  readonly #channels = new Map<string, ChannelRecord>();
  readonly #file: string | null;
  #writing: Promise<void> = Promise.resolve();

  private constructor(file: string | null) {
    this.#file = file;
  }

  static async open(stateDir: string | undefined): Promise<WnsStore> {
    const store = new WnsStore(stateDir ? join(stateDir, 'wns-state.json') : null);
    if (stateDir) {
      await mkdir(stateDir, { recursive: true });
      try {
        const state = stateSchema.parse(JSON.parse(await readFile(store.#file!, 'utf8')));
        for (const app of state.apps) store.#apps.set(app.clientId, app);
        for (const channel of state.channels) store.#channels.set(channel.id, channel);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    return store;
  }

  registerApp(input: {
    clientId: string;
    clientSecret: string;
    tenantId?: string | undefined;
    label?: string | undefined;
  }): AppRecord {
    const record: AppRecord = {
      clientId: input.clientId,
      clientSecret: input.clientSecret,
      registeredAt: new Date().toISOString(),
      ...(input.tenantId ? { tenantId: input.tenantId } : {}),
      ...(input.label ? { label: input.label } : {}),
    };
    this.#apps.set(record.clientId, record);
    this.#persist();
    return record;
  }

  app(clientId: string): AppRecord | undefined {
    return this.#apps.get(clientId);
  }

  apps(): AppRecord[] {
    return [...this.#apps.values()];
  }

  createChannel(input: { owner?: string | undefined; label?: string | undefined }): ChannelRecord {
    const record: ChannelRecord = {
      id: randomUUID(),
      // Real channel tokens are long opaque base64 strings; URL-safe here so no escaping is needed.
      token: `AwYAAAD${randomBytes(60).toString('base64url')}`,
      owner: input.owner ?? null,
      createdAt: new Date().toISOString(),
      state: 'active',
      connection: 'connected',
      ...(input.label ? { label: input.label } : {}),
    };
    this.#channels.set(record.id, record);
    this.#persist();
    return record;
  }

  channel(id: string): ChannelRecord | undefined {
    return this.#channels.get(id);
  }

  channelByToken(token: string): ChannelRecord | undefined {
    for (const channel of this.#channels.values()) if (channel.token === token) return channel;
    return undefined;
  }

  channels(): ChannelRecord[] {
    return [...this.#channels.values()];
  }

  update(id: string, change: Partial<Pick<ChannelRecord, 'state' | 'connection'>>): ChannelRecord | undefined {
    const channel = this.#channels.get(id);
    if (!channel) return undefined;
    Object.assign(channel, change);
    this.#persist();
    return channel;
  }

  remove(id: string): boolean {
    const removed = this.#channels.delete(id);
    if (removed) this.#persist();
    return removed;
  }

  async flush(): Promise<void> {
    await this.#writing;
  }

  #persist(): void {
    const file = this.#file;
    if (!file) return;
    const text = JSON.stringify({ apps: this.apps(), channels: this.channels() }, null, 2);
    // Chained, atomic writes (temp file + rename) so a crash never leaves half a file.
    this.#writing = this.#writing.then(async () => {
      const temp = `${file}.${randomUUID()}.tmp`;
      await writeFile(temp, text, { mode: 0o600 });
      await rename(temp, file);
    });
  }
}
