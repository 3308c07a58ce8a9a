import { createECDH, randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * The emulated browsers' subscriptions (with the private keys a browser would hold, so the
 * emulator can decrypt) and the application server keys registered by tests. These are test
 * fixtures owned by the emulator, never a user's credentials.
 */
const subscriptionRecordSchema = z.object({
  id: z.string(),
  label: z.string().optional(),
  createdAt: z.string(),
  privateKey: z.string(),
  publicKey: z.string(),
  auth: z.string(),
  applicationServerKey: z.string().nullable(),
  expired: z.boolean(),
});
export type SubscriptionRecord = z.infer<typeof subscriptionRecordSchema>;

const credentialRecordSchema = z.object({
  publicKey: z.string(),
  subject: z.string().optional(),
  label: z.string().optional(),
  registeredAt: z.string(),
});
export type CredentialRecord = z.infer<typeof credentialRecordSchema>;

const stateSchema = z.object({
  subscriptions: z.array(subscriptionRecordSchema).default([]),
  credentials: z.array(credentialRecordSchema).default([]),
  /** The last port, reused on restart so minted endpoints (which name it) keep working. */
  port: z.number().int().positive().optional(),
});

export class WebpushStore {
  readonly #subscriptions = new Map<string, SubscriptionRecord>();
  readonly #credentials = new Map<string, CredentialRecord>();
  readonly #file: string | null;
  #port: number | undefined;
  #writing: Promise<void> = Promise.resolve();

  private constructor(file: string | null) {
    this.#file = file;
  }

  static async open(stateDir: string | undefined): Promise<WebpushStore> {
    const store = new WebpushStore(stateDir ? join(stateDir, 'webpush-state.json') : null);
    if (stateDir) {
      await mkdir(stateDir, { recursive: true });
      try {
        const state = stateSchema.parse(JSON.parse(await readFile(store.#file!, 'utf8')));
        for (const record of state.subscriptions) store.#subscriptions.set(record.id, record);
        for (const record of state.credentials) store.#credentials.set(record.publicKey, record);
        store.#port = state.port;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    return store;
  }

  createSubscription(input: {
    applicationServerKey?: string | undefined;
    label?: string | undefined;
  }): SubscriptionRecord {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const record: SubscriptionRecord = {
      // Long and URL-safe like real push resource ids.
      id: randomBytes(24).toString('base64url'),
      createdAt: new Date().toISOString(),
      privateKey: Buffer.concat([Buffer.alloc(32), ecdh.getPrivateKey()])
        .subarray(-32)
        .toString('base64url'),
      publicKey: ecdh.getPublicKey().toString('base64url'),
      auth: randomBytes(16).toString('base64url'),
      applicationServerKey: input.applicationServerKey ?? null,
      expired: false,
      ...(input.label ? { label: input.label } : {}),
    };
    this.#subscriptions.set(record.id, record);
    this.#persist();
    return record;
  }

  subscription(id: string): SubscriptionRecord | undefined {
    return this.#subscriptions.get(id);
  }

  subscriptions(): SubscriptionRecord[] {
    return [...this.#subscriptions.values()];
  }

  expire(id: string): boolean {
    const record = this.#subscriptions.get(id);
    if (!record) return false;
    record.expired = true;
    this.#persist();
    return true;
  }

  remove(id: string): boolean {
    const removed = this.#subscriptions.delete(id);
    if (removed) this.#persist();
    return removed;
  }

  registerCredential(input: {
    publicKey: string;
    subject?: string | undefined;
    label?: string | undefined;
  }): CredentialRecord {
    const record: CredentialRecord = {
      publicKey: input.publicKey,
      registeredAt: new Date().toISOString(),
      ...(input.subject ? { subject: input.subject } : {}),
      ...(input.label ? { label: input.label } : {}),
    };
    this.#credentials.set(record.publicKey, record);
    this.#persist();
    return record;
  }

  credentialKeys(): ReadonlySet<string> {
    return new Set(this.#credentials.keys());
  }

  credentials(): CredentialRecord[] {
    return [...this.#credentials.values()];
  }

  get lastPort(): number | undefined {
    return this.#port;
  }

  rememberPort(port: number): void {
    if (this.#port === port) return;
    this.#port = port;
    this.#persist();
  }

  /** Waits for pending writes (close and tests). */
  async flush(): Promise<void> {
    await this.#writing;
  }

  #persist(): void {
    const file = this.#file;
    if (!file) return;
    const state = { subscriptions: this.subscriptions(), credentials: this.credentials(), port: this.#port };
    const text = JSON.stringify(state, null, 2);
    // Writes are chained and atomic (temp file + rename) so a crash never leaves half a file.
    this.#writing = this.#writing.then(async () => {
      const temp = `${file}.${randomUUID()}.tmp`;
      await writeFile(temp, text, { mode: 0o600 });
      await rename(temp, file);
    });
  }
}
