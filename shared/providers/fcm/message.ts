import { z } from 'zod';
import { environmentSchema } from '../../domain/environment';

// Owned by the fcm provider work: flesh out options; keep the exported names.
export const fcmOptionsSchema = z.record(z.string(), z.unknown());

export const fcmSendSchema = z.object({
  provider: z.literal('fcm'),
  credential: z.string().min(1),
  environment: environmentSchema,
  /** Target is given in options (token, topic or condition); see issue 8. */
  target: z.string(),
  options: fcmOptionsSchema.default({}),
  payload: z.string(),
});
export type FcmSendRequest = z.infer<typeof fcmSendSchema>;
