import { z } from 'zod';

/** A call from a browser tab: answered with `{ id, result }`; events arrive as `{ event, payload }`. */
export const wsMessageSchema = z.object({
  id: z.number().int(),
  method: z.string().max(200),
  input: z.unknown(),
});
