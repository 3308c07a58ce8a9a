import { z } from 'zod';
import { environmentSchema } from '../../domain/environment';

/** `ServiceBusNotification-Format` values this client sends (MPNS `windowsphone` is retired). */
export const NHUB_FORMATS = [
  'apple',
  'fcmv1',
  'gcm',
  'windows',
  'template',
  'browser',
  'adm',
  'baidu',
  'xiaomi',
] as const;
export type NhubFormat = (typeof NHUB_FORMATS)[number];
/** Formats whose body is JSON; `windows` is XML (or raw bytes for wns/raw). */
export const NHUB_JSON_FORMATS: readonly NhubFormat[] = NHUB_FORMATS.filter((format) => format !== 'windows');
export const NHUB_WNS_TYPES = ['wns/toast', 'wns/tile', 'wns/badge', 'wns/raw'] as const;
export const NHUB_DEFAULT_API_VERSION = '2020-06';

/**
 * How `target` is read: `tags` — a tag or tag expression (empty means every registration),
 * `direct` — one PNS handle (device token, FCM token, channel URI, push endpoint) sent without any
 * registration, `broadcast` — every registration of the format (target ignored).
 */
export const nhubTargetKindSchema = z
  .enum(['tags', 'direct', 'broadcast'])
  .describe(
    'Tags: a tag or tag expression such as (news && en) || $InstallationId:{id}. Direct: one PNS handle. Broadcast: everyone.',
  )
  .meta({ title: 'Target kind' });

export const nhubOptionsSchema = z.object({
  format: z
    .enum(NHUB_FORMATS)
    .default('apple')
    .describe('ServiceBusNotification-Format: which platform payload this is, or template properties.')
    .meta({ title: 'Format' }),
  targetKind: nhubTargetKindSchema.default('tags'),
  test: z
    .boolean()
    .default(false)
    .describe(
      'Test send (&test): the hub answers with the outcome per registration (at most 10). Not for direct sends.',
    )
    .meta({ title: 'Test send' }),
  wnsType: z
    .enum(NHUB_WNS_TYPES)
    .optional()
    .describe('X-WNS-Type for the windows format; derived from the XML root (toast, tile, badge) when empty.')
    .meta({ title: 'WNS type' }),
  headers: z
    .record(z.string(), z.string())
    .default({})
    .describe('Headers passed through to the platform: apns-* (apns-push-type, apns-priority…) and X-WNS-*.')
    .meta({ title: 'Pass-through headers' }),
  browserAuth: z.string().optional().describe('Direct browser sends: the subscription auth secret (Auth header).'),
  browserP256dh: z.string().optional().describe('Direct browser sends: the subscription p256dh key (P256DH header).'),
  registrationTemplate: z
    .string()
    .optional()
    .describe('A registration template to preview the template send against (not sent).')
    .meta({ title: 'Registration template (preview)' }),
  apiVersion: z.string().default(NHUB_DEFAULT_API_VERSION).describe('api-version query parameter.'),
});
export type NhubOptions = z.infer<typeof nhubOptionsSchema>;

export const nhubSendSchema = z.object({
  provider: z.literal('nhub'),
  credential: z.string().min(1),
  environment: environmentSchema,
  /** Tag expression (targetKind tags), PNS handle (direct), ignored for broadcast. */
  target: z.string(),
  options: nhubOptionsSchema.prefault({}),
  /** Native platform payload, or for `template` a JSON object of string properties. */
  payload: z.string(),
});
export type NhubSendRequest = z.infer<typeof nhubSendSchema>;
