import { z } from 'zod';
import { environmentSchema } from '../../domain/environment';

// Owned by the webpush provider work: flesh out options; keep the exported names.
export const webpushOptionsSchema = z.record(z.string(), z.unknown());

export const webpushSendSchema = z.object({
  provider: z.literal('webpush'),
  credential: z.string().min(1),
  environment: environmentSchema,
  /** PushSubscription JSON (endpoint, keys.p256dh, keys.auth). */
  target: z.string(),
  options: webpushOptionsSchema.default({}),
  payload: z.string(),
});
export type WebpushSendRequest = z.infer<typeof webpushSendSchema>;
