import { z } from 'zod';
import { environmentSchema } from './environment';
import { providerSchema } from './exchange';

export const platformSchema = z.enum(['ios', 'android', 'windows', 'web', 'other']);

/**
 * What an APNs target is. A device saved without a kind (every one from before kinds) is an
 * ordinary device token; the Live Activity kinds carry the `ActivityAttributes` type they belong to.
 */
export const DEVICE_KINDS = ['token', 'push-to-start', 'update', 'channel'] as const;
export const deviceKindSchema = z.enum(DEVICE_KINDS, {
  error: () => `A device kind is one of ${DEVICE_KINDS.join(', ')}.`,
});
export type DeviceKind = z.infer<typeof deviceKindSchema>;

/** How many earlier tokens of a rotating update token are remembered, so older history still names it. */
export const PREVIOUS_TARGETS_MAX = 20;

/** A saved target: what QA fires pushes at every day. */
export const deviceSchema = z.object({
  id: z.string(),
  label: z.string().trim().min(1, 'A device needs a label.').max(120),
  provider: providerSchema,
  platform: platformSchema.default('other'),
  environment: environmentSchema,
  /** APNs token, FCM token/topic/condition, WNS channel URI, Web Push subscription JSON, NH tags or handle. */
  target: z.string().trim().min(1, 'A device needs a target (token, channel, subscription…).'),
  /** APNs only; absent means an ordinary device token. */
  kind: deviceKindSchema.optional(),
  /** The Swift `ActivityAttributes` type of a push-to-start token, update token or channel ("DeliveryAttributes"). */
  attributesType: z.string().trim().max(200).optional(),
  /** The activity an update token belongs to (ActivityKit's `Activity.id`). */
  activityId: z.string().trim().max(200).optional(),
  /** Earlier tokens of a rotated update token, newest first, so their history still names this device. */
  previousTargets: z.array(z.string()).max(PREVIOUS_TARGETS_MAX).optional(),
  tags: z.array(z.string()).default([]),
  notes: z.string().default(''),
  /** Per-device values for {{device.<name>}} in bulk payloads (e.g. badge). */
  fields: z.record(z.string(), z.string()).default({}),
  state: z.enum(['active', 'gone']).default('active'),
  goneAt: z.string().optional(),
  goneReason: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Device = z.infer<typeof deviceSchema>;

export const deviceInputSchema = deviceSchema
  .omit({
    id: true,
    createdAt: true,
    updatedAt: true,
    state: true,
    goneAt: true,
    goneReason: true,
    previousTargets: true,
  })
  .extend({ id: z.string().optional() });
export type DeviceInput = z.input<typeof deviceInputSchema>;

/** A device's kind, with a device saved before kinds read as the ordinary token it is. */
export function deviceKind(device: Pick<Device, 'kind'>): DeviceKind {
  return device.kind ?? 'token';
}

/** The identity used to spot duplicates: the same target for the same provider is one device. */
export function deviceKey(provider: string, target: string): string {
  const canonical = canonicalTarget(target);
  // APNs tokens are hex: `AB12…` and `ab12…` name the same device (Apple's tools print both).
  return `${provider}\u0000${provider === 'apns' && /^[0-9a-fA-F]+$/.test(canonical) ? canonical.toLowerCase() : canonical}`;
}

/** Web Push subscriptions are JSON; their endpoint is what identifies them. */
export function canonicalTarget(target: string): string {
  const trimmed = target.trim();
  if (trimmed.startsWith('{')) {
    try {
      const endpoint = (JSON.parse(trimmed) as { endpoint?: unknown }).endpoint;
      if (typeof endpoint === 'string') return endpoint;
    } catch {
      // Not JSON after all: compare as text.
    }
  }
  return trimmed;
}
