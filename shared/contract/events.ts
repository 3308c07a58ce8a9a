import { z } from 'zod';
import { sendResultSchema } from '../domain/send-result';
import { exchangeSummarySchema } from '../history/summary';

/** Every event main pushes to renderers: a name and its zod payload. */
export const events = {
  /** Progress of a single or bulk send running in main. */
  'send.progress': z.object({
    sendId: z.string(),
    done: z.number().int(),
    total: z.number().int(),
    accepted: z.number().int(),
    rejected: z.number().int(),
    failed: z.number().int(),
    ratePerSecond: z.number(),
    etaSeconds: z.number().nullable(),
    state: z.enum(['running', 'paused', 'done', 'cancelled']),
  }),
  /** A send finished for one target. */
  'send.result': sendResultSchema,
  /**
   * Exchanges recorded since the last batch, oldest first, as list rows (already redacted). Sent
   * at most about ten times a second; the whole exchange is one `exchanges.get` away.
   */
  'exchanges.recorded': z.array(exchangeSummarySchema),
  /** An emulator delivered a notification to one of its emulated devices. */
  'emulator.delivery': z.object({
    provider: z.string(),
    device: z.string(),
    receivedAt: z.string(),
    summary: z.string(),
  }),
} as const;
