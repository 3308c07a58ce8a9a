import { z } from 'zod';

/**
 * A fault an emulator injects into matching requests: answer with a status (and the provider's
 * own error body for `reason`), delay, reset the stream or connection, or send GOAWAY.
 */
export const faultActionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('status'),
    status: z.number().int().min(100).max(599),
    /** The provider's reason string (e.g. `TooManyRequests`, `QUOTA_EXCEEDED`). */
    reason: z.string().optional(),
    retryAfterSeconds: z.number().int().nonnegative().optional(),
  }),
  z.object({ kind: z.literal('delay'), ms: z.number().int().nonnegative().max(120_000) }),
  z.object({
    kind: z.literal('reset'),
    /** `stream` (default): RST_STREAM on this request. `connection`: drop the whole connection, in-flight requests with it. */
    scope: z.enum(['stream', 'connection']).optional(),
  }),
  z.object({ kind: z.literal('goaway'), reason: z.string().optional() }),
]);

export const faultRuleSchema = z.object({
  id: z.string().optional(),
  /** Which requests: a substring of the path and/or a device token/id. Absent: every request. */
  match: z.object({ path: z.string().optional(), device: z.string().optional() }).default({}),
  action: faultActionSchema,
  /** Share of matching requests affected, 0 to 1. */
  probability: z.number().min(0).max(1).default(1),
  /** Only the n-th matching request (1-based). */
  nth: z.number().int().positive().optional(),
  /** Stop after this many hits. */
  times: z.number().int().positive().optional(),
});
export type FaultRule = z.infer<typeof faultRuleSchema>;
export type FaultRuleInput = z.input<typeof faultRuleSchema>;
export type FaultAction = z.infer<typeof faultActionSchema>;
