import { z } from 'zod';
import { environmentSchema } from '../../domain/environment';

// Owned by the nhub provider work: flesh out options; keep the exported names.
export const nhubOptionsSchema = z.record(z.string(), z.unknown());

export const nhubSendSchema = z.object({
  provider: z.literal('nhub'),
  credential: z.string().min(1),
  environment: environmentSchema,
  /** Tag expression, device handle or installation id; see issue 11. */
  target: z.string(),
  options: nhubOptionsSchema.default({}),
  payload: z.string(),
});
export type NhubSendRequest = z.infer<typeof nhubSendSchema>;
