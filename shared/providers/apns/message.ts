import { z } from 'zod';
import { environmentSchema } from '../../domain/environment';
import { APNS_PUSH_TYPES } from './push-types';

export const apnsOptionsSchema = z.object({
  pushType: z
    .enum(APNS_PUSH_TYPES)
    .default('alert')
    .describe('Push type (apns-push-type). Background needs priority 5; VoIP allows 5,120 bytes.'),
  topic: z
    .string()
    .optional()
    .describe(
      'Topic (apns-topic): the bundle id. Empty uses the certificate’s bundle id; the push-type suffix (.voip, .push-type.liveactivity…) is added when missing.',
    ),
  priority: z
    .union([z.literal(10), z.literal(5), z.literal(1)])
    .optional()
    .describe('Priority (apns-priority): 10 immediate, 5 power-aware, 1 never wakes the device.'),
  expiration: z
    .number()
    .int()
    .nonnegative()
    .optional()
    .describe('Expiration (apns-expiration), UNIX seconds; 0 means try once and do not store.'),
  collapseId: z.string().optional().describe('Collapse id (apns-collapse-id), at most 64 bytes.'),
  apnsId: z.string().optional().describe('apns-id: a lower-case UUID; generated when empty.'),
  channelId: z
    .string()
    .max(512)
    .optional()
    .describe(
      'Broadcast channel (apns-channel-id, iOS 18): sends to every Live Activity subscribed to the channel instead of one device token.',
    ),
  port: z
    .union([z.literal(443), z.literal(2197)])
    .default(443)
    .describe('Port: 443, or 2197 where 443 is blocked.'),
});
export type ApnsOptions = z.infer<typeof apnsOptionsSchema>;

export const apnsSendSchema = z.object({
  provider: z.literal('apns'),
  credential: z.string().min(1),
  environment: environmentSchema,
  /** Hex device token. */
  target: z.string().describe('Device token (hex).'),
  options: apnsOptionsSchema.default({ pushType: 'alert', port: 443 }),
  payload: z.string(),
});
export type ApnsSendRequest = z.infer<typeof apnsSendSchema>;
