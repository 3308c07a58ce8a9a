import { z } from 'zod';
import { environmentSchema } from '../../domain/environment';

// Owned by the APNs work (issue 5): flesh out options; keep the exported names.
export const apnsOptionsSchema = z.record(z.string(), z.unknown());

export const apnsSendSchema = z.object({
  provider: z.literal('apns'),
  credential: z.string().min(1),
  environment: environmentSchema,
  /** Hex device token. */
  target: z.string(),
  options: apnsOptionsSchema.default({}),
  payload: z.string(),
});
export type ApnsSendRequest = z.infer<typeof apnsSendSchema>;
