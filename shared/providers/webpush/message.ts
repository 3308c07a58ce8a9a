import { z } from 'zod';
import { environmentSchema } from '../../domain/environment';

export const WEBPUSH_URGENCIES = ['very-low', 'low', 'normal', 'high'] as const;
/** What web-push libraries use when no TTL is given: four weeks. */
export const WEBPUSH_DEFAULT_TTL = 2_419_200;
/** RFC 8292 allows at most 24 h; web-push libraries default to 12 h. */
export const VAPID_DEFAULT_EXPIRY_SECONDS = 12 * 3600;
export const VAPID_MAX_EXPIRY_SECONDS = 24 * 3600;

/**
 * Headers and knobs of one Web Push send. TTL is left optional on purpose: preflight flags a
 * missing TTL as an error, and `--force` lets a developer see the push service's 400 for it.
 */
export const webpushOptionsSchema = z.object({
  ttl: z
    .number()
    .optional()
    .describe('TTL header: seconds the push service keeps the message for an offline browser (0 = now or never).'),
  urgency: z
    .enum(WEBPUSH_URGENCIES)
    .optional()
    .describe('Urgency header: very-low, low, normal (default) or high; browsers on battery may hold back low ones.'),
  topic: z
    .string()
    .optional()
    .describe(
      'Topic header: up to 32 base64url characters; a newer message with the same topic replaces a pending one.',
    ),
  vapidExpiresIn: z
    .number()
    .optional()
    .describe('VAPID JWT lifetime in seconds (default 43,200 = 12 h; at most 86,400).'),
  padding: z.number().optional().describe('Zero bytes of padding after the payload, to hide its length (default 0).'),
});
export type WebpushOptions = z.infer<typeof webpushOptionsSchema>;

export const webpushSendSchema = z.object({
  provider: z.literal('webpush'),
  credential: z.string().min(1),
  environment: environmentSchema,
  /** PushSubscription JSON (endpoint, keys.p256dh, keys.auth). */
  target: z.string().describe("The browser's PushSubscription.toJSON() as JSON text."),
  options: webpushOptionsSchema.default({}),
  /** Text to encrypt; empty sends a payload-less push (no body, no Content-Encoding). */
  payload: z.string(),
});
export type WebpushSendRequest = z.infer<typeof webpushSendSchema>;
