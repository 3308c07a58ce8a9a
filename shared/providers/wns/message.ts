import { z } from 'zod';
import { environmentSchema } from '../../domain/environment';

// Owned by the wns provider work: flesh out options; keep the exported names.
export const wnsOptionsSchema = z.record(z.string(), z.unknown());

export const wnsSendSchema = z.object({
  provider: z.literal('wns'),
  credential: z.string().min(1),
  environment: environmentSchema,
  /** Channel URI. */
  target: z.string(),
  options: wnsOptionsSchema.default({}),
  payload: z.string(),
});
export type WnsSendRequest = z.infer<typeof wnsSendSchema>;
