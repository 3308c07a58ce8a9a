import { z } from 'zod';
import { environmentSchema } from '../domain/environment';
import { providerSchema } from '../domain/exchange';

/** One assertion's verdict, worded for a CI log ("status: expected 200, got 410 (Unregistered)"). */
export const checkResultSchema = z.object({ label: z.string(), ok: z.boolean(), message: z.string() });

/**
 * A request's verdict: `passed` (every assertion held), `failed` (one did not), `error` (it could
 * not be sent or no answer came: a transport error, a refused preflight, an unknown credential),
 * `skipped` (after a failure with --bail).
 */
export const requestVerdictSchema = z.enum(['passed', 'failed', 'error', 'skipped']);
export type RequestVerdict = z.infer<typeof requestVerdictSchema>;

export const requestReportSchema = z.object({
  path: z.string(),
  name: z.string(),
  folders: z.array(z.string()),
  provider: providerSchema,
  verdict: requestVerdictSchema,
  checks: z.array(checkResultSchema),
  /** Why it is an error, in one sentence. */
  error: z.string().optional(),
  result: z
    .object({
      outcome: z.enum(['accepted', 'rejected', 'failed']),
      status: z.number().nullable(),
      reason: z.string().nullable(),
      /** The id history keeps it under (`push-console doctor <id>`, `history show`). */
      sendId: z.string(),
    })
    .optional(),
  /** Variables this request captured for the ones after it. */
  captured: z.record(z.string(), z.string()),
  durationMs: z.number(),
});
export type RequestReport = z.infer<typeof requestReportSchema>;

export const runReportSchema = z.object({
  collection: z.string(),
  environment: environmentSchema.optional(),
  startedAt: z.string(),
  durationMs: z.number(),
  requests: z.array(requestReportSchema),
  counts: z.object({ passed: z.number(), failed: z.number(), error: z.number(), skipped: z.number() }),
});
export type RunReport = z.infer<typeof runReportSchema>;

export function countVerdicts(requests: readonly RequestReport[]): RunReport['counts'] {
  const counts = { passed: 0, failed: 0, error: 0, skipped: 0 };
  for (const request of requests) counts[request.verdict] += 1;
  return counts;
}
