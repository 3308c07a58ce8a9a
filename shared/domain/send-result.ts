import { z } from 'zod';
import { diagnosisSchema } from './diagnosis';
import { providerSchema } from './exchange';

export const deviceStateChangeSchema = z.object({
  state: z.literal('gone'),
  at: z.string(),
  reason: z.string(),
});

export const sendResultSchema = z.object({
  id: z.string(),
  provider: providerSchema,
  target: z.string(),
  outcome: z.enum(['accepted', 'rejected', 'failed']),
  status: z.number().int().nullable(),
  /** The provider's exact reason string, e.g. `BadDeviceToken`, `UNREGISTERED`. */
  reason: z.string().nullable(),
  /** What the reason means, in a sentence. */
  explanation: z.string().nullable(),
  /** What to do about it. */
  hint: z.string().nullable(),
  /** apns-id, apns-unique-id, FCM name, X-WNS-Msg-ID, NH tracking id, Location… */
  messageIds: z.record(z.string(), z.string()),
  retryable: z.boolean(),
  retryAfterSeconds: z.number().nullable().optional(),
  deviceStateChange: deviceStateChangeSchema.nullable(),
  exchangeIds: z.array(z.string()),
  durationMs: z.number(),
  startedAt: z.string(),
  /**
   * Sent on purpose past preflight's errors ("Send anyway", the CLI's --no-preflight): the errors it
   * overrode, so history and every result card say this answer came from a request we knew was bad.
   */
  sentAgainstPreflight: z.array(z.object({ code: z.string(), message: z.string() })).optional(),
  /** Provider-specific decoded details (WNS status headers, NH outcomes, FCM field violations). */
  details: z.record(z.string(), z.unknown()).optional(),
  /** Why it failed, read from its exchanges (every refused or failed send has one; `shared/doctor/`). */
  diagnosis: diagnosisSchema.optional(),
});
export type SendResult = z.infer<typeof sendResultSchema>;
