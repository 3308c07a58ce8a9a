import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/** A service account the token endpoint trusts: its public key proves assertions. */
export const serviceAccountRegistrationSchema = z.object({
  clientEmail: z.string().min(3),
  projectId: z.string().min(1),
  /** Numeric project number; FCM accepts it in the URL too. */
  projectNumber: z.string().regex(/^\d+$/).optional(),
  /** SPKI or X.509 PEM; or give `privateKeyPem` and the public half is derived. */
  publicKeyPem: z.string().min(1),
  privateKeyId: z.string().optional(),
  /** False: the project has no APNs key or certificate uploaded, so iOS sends get THIRD_PARTY_AUTH_ERROR with an ApnsError. */
  apnsConfigured: z.boolean().default(true),
  /**
   * False: the project's Web Push certificate (VAPID key pair) is missing or not the one the
   * browser subscribed with, so web sends get THIRD_PARTY_AUTH_ERROR without an ApnsError detail.
   */
  webPushConfigured: z.boolean().default(true),
  /** Project send quota; past it sends get 429 QUOTA_EXCEEDED until the minute is over. */
  messagesPerMinute: z.number().int().positive().optional(),
  disabled: z.boolean().default(false),
  /** The key disabled or deleted in Google Cloud: assertions it signs get invalid_grant "Invalid JWT Signature." */
  keyDisabled: z.boolean().default(false),
  /** False: the FCM API is disabled for the project, so sends get 403 PERMISSION_DENIED. */
  messagingApiEnabled: z.boolean().default(true),
});
export type ServiceAccountRegistration = z.infer<typeof serviceAccountRegistrationSchema>;

export const deviceRegistrationSchema = z.object({
  token: z.string().min(1).optional(),
  projectId: z.string().min(1),
  platform: z.enum(['android', 'ios', 'web']).default('android'),
  topics: z.array(z.string()).default([]),
  /**
   * `unregistered`: the app was uninstalled; sends get 404 UNREGISTERED. `unspecified-error`:
   * sends get 400 with FcmError UNSPECIFIED_ERROR (FCM's answer with no further information).
   */
  state: z.enum(['active', 'unregistered', 'unspecified-error']).default('active'),
});
export type DeviceRegistrationInput = z.input<typeof deviceRegistrationSchema>;
export type DeviceRegistration = Required<Omit<z.infer<typeof deviceRegistrationSchema>, 'token'>> & { token: string };

const persistedSchema = z.object({
  serviceAccounts: z.array(serviceAccountRegistrationSchema).default([]),
  devices: z.array(deviceRegistrationSchema.extend({ token: z.string() })).default([]),
});

/**
 * A token shaped like a real FCM registration token: instance id, colon, opaque part. A real
 * instance id's first 4 bits are 0111, so it starts with c, d, e or f, never "-" (which a command
 * line would read as an option: `--token -x…` is refused by the CLI's argument parser).
 */
export function newRegistrationToken(): string {
  const instance = randomBytes(16);
  instance[0] = 0x70 | (instance[0]! & 0x0f);
  return `${instance.toString('base64url').slice(0, 22)}:APA91b${randomBytes(105).toString('base64url')}`;
}

/** A fresh service account JSON (as the Firebase console downloads it) for the local project. */
export function generateServiceAccount(projectId: string, tokenUri: string): Record<string, string> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const id = randomUUID().slice(0, 8);
  return {
    type: 'service_account',
    project_id: projectId,
    private_key_id: randomBytes(20).toString('hex'),
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    client_email: `firebase-adminsdk-${id}@${projectId}.iam.gserviceaccount.com`,
    client_id: String(BigInt('0x' + randomBytes(8).toString('hex'))),
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: tokenUri,
    public_key_pem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** Registered service accounts and devices, optionally persisted as JSON in the state folder. */
export class FcmRegistry {
  readonly accounts = new Map<string, ServiceAccountRegistration>();
  readonly devices = new Map<string, DeviceRegistration>();
  readonly #file: string | null;
  #writing: Promise<void> = Promise.resolve();

  constructor(stateDir?: string) {
    this.#file = stateDir ? join(stateDir, 'fcm-state.json') : null;
  }

  async load(): Promise<void> {
    if (!this.#file) return;
    let text: string;
    try {
      text = await readFile(this.#file, 'utf8');
    } catch {
      return;
    }
    const parsed = persistedSchema.safeParse(JSON.parse(text));
    if (!parsed.success) return;
    for (const account of parsed.data.serviceAccounts) this.accounts.set(account.clientEmail, account);
    for (const device of parsed.data.devices) this.devices.set(device.token, device as DeviceRegistration);
  }

  async addAccount(input: z.input<typeof serviceAccountRegistrationSchema>): Promise<ServiceAccountRegistration> {
    const account = serviceAccountRegistrationSchema.parse(input);
    this.accounts.set(account.clientEmail, account);
    await this.save();
    return account;
  }

  async upsertDevice(input: DeviceRegistrationInput): Promise<DeviceRegistration> {
    const parsed = deviceRegistrationSchema.parse(input);
    const token = parsed.token ?? newRegistrationToken();
    const device: DeviceRegistration = { ...parsed, token };
    this.devices.set(token, device);
    await this.save();
    return device;
  }

  /**
   * Writes the state as it is now. Saves are chained: parallel admin calls (a batch of emulated
   * devices) would otherwise race on the temp file, and an older state could land last.
   */
  save(): Promise<void> {
    if (!this.#file) return Promise.resolve();
    const file = this.#file;
    const text = JSON.stringify(
      { serviceAccounts: [...this.accounts.values()], devices: [...this.devices.values()] },
      null,
      2,
    );
    const write = this.#writing.then(async () => {
      await mkdir(join(file, '..'), { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, text, { mode: 0o600 });
      await rename(temp, file);
    });
    // A failed write is reported to its caller; the next one still runs.
    this.#writing = write.catch(() => undefined);
    return write;
  }
}
