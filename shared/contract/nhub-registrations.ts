import { z } from 'zod';
import { call } from './call';

/**
 * A Notification Hubs credential's registrations and installations, read and changed on the hub
 * itself (the REST surface Service Bus Explorer uses). The renderer names the credential by id;
 * the connection string stays in main.
 */

/** Installation platforms as the installation JSON spells them (the REST docs and the JS SDK). */
export const NHUB_INSTALLATION_PLATFORMS = [
  'apns',
  'fcmv1',
  'wns',
  'browser',
  'gcm',
  'adm',
  'baidu',
  'xiaomi',
] as const;
export const nhubInstallationPlatformSchema = z.enum(NHUB_INSTALLATION_PLATFORMS);
export type NhubInstallationPlatform = z.infer<typeof nhubInstallationPlatformSchema>;

/** The hub's limits: a tag is at most 120 characters, an installation has at most 60 tags. */
export const NHUB_TAG_MAX_CHARS = 120;
export const NHUB_INSTALLATION_TAGS_MAX = 60;
export const NHUB_TEMPLATES_MAX = 20;
export const NHUB_TEMPLATE_BODY_MAX_CHARS = 16_000;
export const NHUB_PAGE_SIZE_MAX = 100;

const credentialId = z.string().min(1).max(200);
/** Where to talk to: the live namespace, or the local emulator. Unset: where the credential's profiles send. */
const environment = z.enum(['live', 'local']).optional();
const tag = z.string().min(1).max(NHUB_TAG_MAX_CHARS);
const installationId = z.string().trim().min(1).max(200);
const shortText = z.string().max(4096);

export const nhubTemplateSchema = z.object({
  body: z.string().max(NHUB_TEMPLATE_BODY_MAX_CHARS),
  headers: z.record(z.string().max(200), z.string().max(4096)).optional(),
  expiry: z.string().max(100).optional(),
  tags: z.array(tag).max(NHUB_INSTALLATION_TAGS_MAX).optional(),
});
export type NhubTemplate = z.infer<typeof nhubTemplateSchema>;

/** A Web Push subscription is an object; every other platform's channel is one string. */
export const nhubPushChannelSchema = z.union([
  shortText.min(1),
  z.object({ endpoint: shortText.min(1), p256dh: z.string().min(1).max(200), auth: z.string().min(1).max(100) }),
]);

export const nhubInstallationSchema = z.object({
  installationId,
  platform: nhubInstallationPlatformSchema,
  pushChannel: nhubPushChannelSchema,
  tags: z.array(tag).max(NHUB_INSTALLATION_TAGS_MAX).default([]),
  templates: z
    .record(z.string().min(1).max(200), nhubTemplateSchema)
    .refine((t) => Object.keys(t).length <= NHUB_TEMPLATES_MAX, `At most ${NHUB_TEMPLATES_MAX} templates.`)
    .default({}),
  userId: z.string().max(200).optional(),
  /** Read only: the hub sets these. */
  expiredPushChannel: z.boolean().optional(),
  expirationTime: z.string().optional(),
  lastUpdate: z.string().optional(),
});
export type NhubInstallation = z.output<typeof nhubInstallationSchema>;
export type NhubInstallationInput = z.input<typeof nhubInstallationSchema>;

/**
 * RFC 6902 operations the installation PATCH takes. The value is a string, as both official SDKs
 * send it (`JsonPatch.value?: string`): a tag, a channel, or a template as JSON text.
 */
export const nhubPatchOperationSchema = z.object({
  op: z.enum(['add', 'remove', 'replace']),
  path: z.string().min(1).max(400),
  value: z
    .string()
    .max(2 * NHUB_TEMPLATE_BODY_MAX_CHARS)
    .optional(),
});
export type NhubPatchOperation = z.infer<typeof nhubPatchOperationSchema>;

/** One registration as listed: the hub's XML description, flattened. */
export const nhubRegistrationSchema = z.object({
  registrationId: z.string(),
  /** The description's kind: Apple, FcmV1Template, Windows, Browser… */
  kind: z.string(),
  /** The platform word the hub uses in outcomes: apple, fcmv1, windows, browser, gcm… */
  platform: z.string(),
  handle: z.string(),
  tags: z.array(z.string()),
  templateName: z.string().nullable(),
  bodyTemplate: z.string().nullable(),
  expirationTime: z.string().nullable(),
  etag: z.string().nullable(),
  /** From the hub's automatic `$InstallationId:{id}` tag: the installation this registration belongs to. */
  installationId: z.string().nullable(),
});
export type NhubRegistration = z.infer<typeof nhubRegistrationSchema>;

export const nhubRegistrationFilterSchema = z.discriminatedUnion('by', [
  z.object({ by: z.literal('all') }),
  z.object({ by: z.literal('tag'), tag }),
  z.object({ by: z.literal('handle'), handle: shortText.trim().min(1) }),
]);
export type NhubRegistrationFilter = z.infer<typeof nhubRegistrationFilterSchema>;

const where = { credentialId, environment };
const done = z.object({ done: z.literal(true), environment: z.enum(['live', 'local']) });

export const nhubRegistrationsCalls = {
  'nhub.registrations.list': call(
    z
      .object({
        ...where,
        filter: nhubRegistrationFilterSchema.default({ by: 'all' }),
        top: z.number().int().min(1).max(NHUB_PAGE_SIZE_MAX).default(25),
        continuationToken: z.string().max(4096).optional(),
      })
      .strict(),
    z.object({
      registrations: z.array(nhubRegistrationSchema),
      continuationToken: z.string().nullable(),
      environment: z.enum(['live', 'local']),
    }),
    "One page of a hub's registrations (all, by tag or by PNS handle), with the token for the next page.",
  ),
  'nhub.installations.get': call(
    z.object({ ...where, installationId }).strict(),
    z.object({ installation: nhubInstallationSchema, environment: z.enum(['live', 'local']) }),
    'One installation as the hub holds it.',
  ),
  'nhub.installations.put': call(
    z.object({ ...where, installation: nhubInstallationSchema }).strict(),
    done,
    'Create or replace an installation (PUT).',
  ),
  'nhub.installations.patch': call(
    z.object({ ...where, installationId, operations: z.array(nhubPatchOperationSchema).min(1).max(200) }).strict(),
    done,
    'Change parts of an installation with JSON Patch (tags, templates, push channel).',
  ),
  'nhub.installations.delete': call(
    z.object({ ...where, installationId }).strict(),
    done,
    'Delete an installation and the registrations it made.',
  ),
  'nhub.registrations.delete': call(
    z.object({ ...where, registrationId: z.string().min(1).max(200) }).strict(),
    done,
    'Delete one registration.',
  ),
} as const;
