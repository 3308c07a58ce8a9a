import { z } from 'zod';
import { exchangeSchema } from '../domain/exchange';
import { sendRequestSchema } from '../domain/send-request';
import { sendResultSchema } from '../domain/send-result';
import { headerDiffSchema, lineDiffSchema } from './diff';
import { exchangeSummarySchema, historyFilterSchema } from './summary';

/** Input and output shapes of the history and exchange calls in `shared/contract/history.ts`. */
export const pageInputSchema = z
  .object({
    filter: historyFilterSchema.optional(),
    /** From the previous page's `nextCursor`; omit for the newest. */
    cursor: z.number().int().nullable().optional(),
    limit: z.number().int().min(1).max(100_000).optional(),
  })
  .strict();

export const historySendSchema = sendResultSchema.extend({
  hasRequest: z.boolean(),
  /** The request's credential and environment, when it was kept: what names the profile in a list. */
  credentialId: z.string().optional(),
  environment: z.string().optional(),
});
export type HistorySend = z.infer<typeof historySendSchema>;

export const historyPageSchema = z.object({
  items: z.array(historySendSchema),
  nextCursor: z.number().int().nullable(),
  total: z.number().int(),
});

export const exchangePageSchema = z.object({
  items: z.array(exchangeSummarySchema),
  nextCursor: z.number().int().nullable(),
  total: z.number().int(),
});

export const storedSendSchema = z.object({
  result: sendResultSchema,
  request: sendRequestSchema.nullable(),
  exchanges: z.array(exchangeSchema),
});

export const curlOutputSchema = z.discriminatedUnion('delivery', [
  /** The command itself: redacted, or with secrets for a confirmed browser page or an in-process caller. */
  z.object({ delivery: z.literal('returned'), command: z.string(), includesSecrets: z.boolean() }),
  /** Electron: main put the secret-bearing command on the clipboard itself; the renderer never holds it. */
  z.object({ delivery: z.literal('copied'), includesSecrets: z.literal(true) }),
]);
export type CurlOutput = z.infer<typeof curlOutputSchema>;

/** A one-time confirmation to copy one exchange with its secrets (`exchanges.curlGrant`). */
export const curlGrantOutputSchema = z.object({ grant: z.string(), expiresInSeconds: z.number().int() });

export const harExportInputSchema = z
  .object({
    ids: z.array(z.string()).max(100_000).optional(),
    filter: historyFilterSchema.optional(),
  })
  .strict();

/** History's export: the sends a filter matches, or one send, each with its exchanges. */
export const historyHarInputSchema = z
  .object({ filter: historyFilterSchema.optional(), sendId: z.string().max(200).optional() })
  .strict();

export const compareOutputSchema = z.object({
  left: exchangeSummarySchema,
  right: exchangeSummarySchema,
  requestHeaders: z.array(headerDiffSchema),
  responseHeaders: z.array(headerDiffSchema),
  requestBody: z.array(lineDiffSchema),
  responseBody: z.array(lineDiffSchema),
});
export type CompareOutput = z.infer<typeof compareOutputSchema>;

export const historySettingsSchema = z.object({
  /** Total size of the history files, in megabytes (default 200). */
  maxMegabytes: z.number().int().min(1).max(1_000_000),
});

export const historyStatusSchema = historySettingsSchema.extend({
  /** Why the last history write failed (disk full…), or null. */
  writeError: z.string().nullable(),
});
