import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { isValidTag } from '../../../shared/providers/nhub/tag-expression';

export const NHUB_PLATFORMS = ['apple', 'fcmv1', 'gcm', 'windows', 'browser', 'adm', 'baidu', 'xiaomi'] as const;
export const NHUB_RIGHTS = ['Listen', 'Send', 'Manage'] as const;

/**
 * `my-ns.servicebus.windows.net` from `sb://my-ns.servicebus.windows.net/`, a bare host or a URL.
 * The port is dropped: a namespace is a host name, and clients pointed straight at the emulator
 * (`sb://127.0.0.1:PORT/`) sign audiences with the port (JS SDK) or without it (.NET), so a policy
 * and a token must name the same namespace either way.
 */
export function namespaceHost(value: string): string {
  return value
    .trim()
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/[/?#].*$/, '')
    .replace(/:\d*$/, '')
    .toLowerCase();
}

/**
 * Body of `POST /__admin/credentials`: an access policy of one hub, either
 * `{ "namespace": "my-ns.servicebus.windows.net", "hub": "myhub", "keyName": "DefaultFullSharedAccessSignature",
 *    "key": "…", "rights"?: ["Listen","Send","Manage"] }` or `{ "connectionString": "Endpoint=sb://…;…", "hub": "myhub", "rights"?: […] }`.
 */
export const credentialInputSchema = z.union([
  z.object({
    namespace: z.string().min(1),
    hub: z.string().min(1),
    keyName: z.string().min(1),
    key: z.string().min(1),
    rights: z.array(z.enum(NHUB_RIGHTS)).default(['Listen', 'Send', 'Manage']),
  }),
  z
    .object({
      connectionString: z.string().min(1),
      hub: z.string().min(1),
      rights: z.array(z.enum(NHUB_RIGHTS)).default(['Listen', 'Send', 'Manage']),
    })
    .transform((input, ctx) => {
      const parts = Object.fromEntries(
        input.connectionString
          .split(';')
          .filter(Boolean)
          .map((part) => [part.slice(0, part.indexOf('=')), part.slice(part.indexOf('=') + 1)]),
      );
      if (!parts['Endpoint'] || !parts['SharedAccessKeyName'] || !parts['SharedAccessKey']) {
        ctx.addIssue({ code: 'custom', message: 'needs Endpoint, SharedAccessKeyName and SharedAccessKey' });
        return z.NEVER;
      }
      return {
        namespace: parts['Endpoint'],
        hub: input.hub,
        keyName: parts['SharedAccessKeyName'],
        key: parts['SharedAccessKey'],
        rights: input.rights,
      };
    }),
]);
export type CredentialInput = z.input<typeof credentialInputSchema>;

export interface PolicyRecord {
  namespace: string;
  hub: string;
  keyName: string;
  key: string;
  rights: Array<(typeof NHUB_RIGHTS)[number]>;
}

/**
 * Body of `POST /__admin/devices` (a registration):
 * `{ "hub": "myhub", "platform": "apple"|"fcmv1"|"gcm"|"windows"|"browser"|"adm"|"baidu"|"xiaomi",
 *    "handle"?: "<PNS handle; made up when absent>", "tags"?: ["news"], "template"?: "<body with $(prop)>",
 *    "installationId"?: "id" (adds the tag $InstallationId:{id}), "namespace"?: "my-ns.servicebus.windows.net" }`.
 */
export const registrationInputSchema = z.object({
  hub: z.string().min(1),
  namespace: z.string().optional(),
  platform: z.enum(NHUB_PLATFORMS),
  handle: z.string().min(1).optional(),
  tags: z.array(z.string().refine(isValidTag, 'a tag of up to 120 characters from [A-Za-z0-9_@#.:-]')).default([]),
  template: z.string().optional(),
  installationId: z
    .string()
    .regex(/^[A-Za-z0-9_@#.:-]+$/)
    .optional(),
});
export type RegistrationInput = z.input<typeof registrationInputSchema>;

export interface RegistrationRecord {
  registrationId: string;
  namespace: string | null;
  hub: string;
  platform: (typeof NHUB_PLATFORMS)[number];
  handle: string;
  tags: string[];
  template?: string;
  installationId?: string;
  createdAt: string;
  updatedAt?: string;
  /** Bumped on every update; If-Match compares it. Absent in state written before the REST surface: 1. */
  etag?: number;
  templateName?: string;
  expirationTime?: string;
  pushVariables?: Record<string, string>;
  /** Platform fields beside the handle: browser `P256DH`/`Auth`, baidu `BaiduUserId`. */
  extra?: Record<string, string>;
  /** ApnsHeaders / WnsHeaders of a template registration. */
  headers?: Record<string, string>;
}

/** An installation as the REST API holds it (camelCase JSON), with the hub it belongs to. */
export interface InstallationRecord {
  namespace: string;
  hub: string;
  installation: {
    installationId: string;
    platform: string;
    pushChannel: string | { endpoint: string; p256dh: string; auth: string };
    userId?: string;
    tags?: string[];
    templates?: Record<string, { body: string; headers?: Record<string, string>; tags?: string[] }>;
    pushVariables?: Record<string, string>;
    expirationTime?: string;
    lastUpdate?: string;
  };
}

const stateSchema = z.object({
  policies: z.array(z.custom<PolicyRecord>()).default([]),
  registrations: z.array(z.custom<RegistrationRecord>()).default([]),
  installations: z.array(z.custom<InstallationRecord>()).default([]),
});

/** Access policies, registrations and installations, optionally kept in `<stateDir>/nhub.json`. */
export class NhubStore {
  #policies: PolicyRecord[] = [];
  #registrations: RegistrationRecord[] = [];
  #installations: InstallationRecord[] = [];
  #created = 0;
  #writing: Promise<void> = Promise.resolve();

  readonly #file: string | null;

  private constructor(file: string | null) {
    this.#file = file;
  }

  static async open(stateDir?: string): Promise<NhubStore> {
    const store = new NhubStore(stateDir ? join(stateDir, 'nhub.json') : null);
    if (store.#file) {
      await mkdir(stateDir!, { recursive: true });
      const text = await readFile(store.#file, 'utf8').catch(() => null);
      if (text) {
        const parsed = stateSchema.safeParse(JSON.parse(text));
        if (parsed.success) {
          // State written before namespaces dropped their port may still carry one.
          store.#policies = parsed.data.policies.map((p) => ({ ...p, namespace: namespaceHost(p.namespace) }));
          store.#registrations = parsed.data.registrations.map((r) =>
            r.namespace === null ? r : { ...r, namespace: namespaceHost(r.namespace) },
          );
          store.#installations = parsed.data.installations;
          store.#created = store.#registrations.length;
        }
      }
    }
    return store;
  }

  registerPolicy(input: CredentialInput): PolicyRecord {
    const parsed = credentialInputSchema.parse(input);
    const record: PolicyRecord = { ...parsed, namespace: namespaceHost(parsed.namespace) };
    this.#policies = this.#policies.filter(
      (p) =>
        !(
          p.namespace === record.namespace &&
          p.hub.toLowerCase() === record.hub.toLowerCase() &&
          p.keyName === record.keyName
        ),
    );
    this.#policies.push(record);
    this.#save();
    return record;
  }

  policies(): PolicyRecord[] {
    return [...this.#policies];
  }

  hubExists(namespace: string, hub: string): boolean {
    return this.#policies.some((p) => p.namespace === namespace && p.hub.toLowerCase() === hub.toLowerCase());
  }

  createRegistration(input: RegistrationInput): RegistrationRecord {
    const parsed = registrationInputSchema.parse(input);
    const tags = [...parsed.tags];
    if (parsed.installationId) tags.push(`$InstallationId:{${parsed.installationId}}`);
    const record: RegistrationRecord = {
      registrationId: this.newRegistrationId(),
      namespace: parsed.namespace ? namespaceHost(parsed.namespace) : null,
      hub: parsed.hub,
      platform: parsed.platform,
      handle: parsed.handle ?? randomBytes(32).toString('hex').toUpperCase(),
      tags,
      ...(parsed.template !== undefined ? { template: parsed.template } : {}),
      ...(parsed.installationId !== undefined ? { installationId: parsed.installationId } : {}),
      createdAt: new Date().toISOString(),
      etag: 1,
    };
    this.#registrations.push(record);
    this.#save();
    return record;
  }

  /** The service's id shape (`{19 digits}-{n}-{n}`), unique in this store. */
  newRegistrationId(): string {
    this.#created += 1;
    const digits = BigInt(`0x${randomBytes(8).toString('hex')}`)
      .toString()
      .padStart(19, '0')
      .slice(0, 19);
    return `${digits}-${this.#created}`;
  }

  registration(namespace: string, hub: string, id: string): RegistrationRecord | undefined {
    return this.registrations(namespace, hub).find((r) => r.registrationId === id);
  }

  /** Adds the registration, or replaces the one with its id. */
  putRegistration(record: RegistrationRecord): RegistrationRecord {
    const index = this.#registrations.findIndex((r) => r.registrationId === record.registrationId);
    if (index >= 0) this.#registrations[index] = record;
    else this.#registrations.push(record);
    this.#save();
    return record;
  }

  installation(namespace: string, hub: string, id: string): InstallationRecord | undefined {
    return this.installations(namespace, hub).find((i) => i.installation.installationId === id);
  }

  installations(namespace: string, hub: string): InstallationRecord[] {
    return this.#installations.filter((i) => i.namespace === namespace && i.hub.toLowerCase() === hub.toLowerCase());
  }

  putInstallation(record: InstallationRecord): void {
    this.removeInstallation(record.namespace, record.hub, record.installation.installationId);
    this.#installations.push(record);
    this.#save();
  }

  removeInstallation(namespace: string, hub: string, id: string): boolean {
    const before = this.#installations.length;
    const target = this.installation(namespace, hub, id);
    this.#installations = this.#installations.filter((i) => i !== target);
    this.#save();
    return this.#installations.length !== before;
  }

  removeRegistration(id: string): boolean {
    const before = this.#registrations.length;
    this.#registrations = this.#registrations.filter((r) => r.registrationId !== id);
    this.#save();
    return this.#registrations.length !== before;
  }

  registrations(namespace?: string, hub?: string): RegistrationRecord[] {
    return this.#registrations.filter(
      (r) =>
        (hub === undefined || r.hub.toLowerCase() === hub.toLowerCase()) &&
        (namespace === undefined || r.namespace === null || r.namespace === namespace),
    );
  }

  #save(): void {
    if (!this.#file) return;
    const text = JSON.stringify(
      { policies: this.#policies, registrations: this.#registrations, installations: this.#installations },
      null,
      2,
    );
    const file = this.#file;
    this.#writing = this.#writing.then(() => writeFile(file, text, { mode: 0o600 })).catch(() => undefined);
  }

  flush(): Promise<void> {
    return this.#writing;
  }
}
