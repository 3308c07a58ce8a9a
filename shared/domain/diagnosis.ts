import { z } from 'zod';

/** Where a piece of evidence was read: always something recorded, never a secret. */
export const evidenceSourceSchema = z.enum([
  'request header',
  'response header',
  'response body',
  'request body',
  'request',
  'jwt claim',
  'clock',
  'credential',
  'auth exchange',
  'history',
  /** The hub's registrations, read for the doctor after a send reached nobody (a bounded sample). */
  'hub registrations',
]);
export type EvidenceSource = z.infer<typeof evidenceSourceSchema>;

export const evidenceSchema = z.object({
  source: evidenceSourceSchema,
  /** The header, claim or field read, e.g. `apns-topic`, `kid`, `error.details[0].errorCode`. */
  name: z.string(),
  /** What it said, quoted as recorded (or the figure worked out from it, for the clock). */
  quote: z.string(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const diagnosisCauseSchema = z.object({
  /** Stable across sends, so the Doctor screen can group by it: `apns.bad-device-token.environment`. */
  id: z.string(),
  title: z.string(),
  /** 1 is the most likely; causes are listed in rank order. */
  rank: z.number().int().positive(),
  /** `likely` when the evidence points at it, `possible` when it only fits. */
  likelihood: z.enum(['likely', 'possible']),
  evidence: z.array(evidenceSchema),
  fix: z.string(),
});
export type DiagnosisCause = z.infer<typeof diagnosisCauseSchema>;

/** Why a send failed, from its own exchange: the causes that fit, most likely first. */
export const diagnosisSchema = z.object({ causes: z.array(diagnosisCauseSchema) });
export type Diagnosis = z.infer<typeof diagnosisSchema>;
