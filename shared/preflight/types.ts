import { z } from 'zod';

/**
 * A finding from a provider's preflight: errors block a send, warnings and notes inform. The same
 * rules run in the composer as the user types, in the CLI before sending, and in bulk sends.
 */
export interface PreflightIssue {
  severity: 'error' | 'warning' | 'info';
  /** Stable id, e.g. `apns.payload.too-large`. */
  code: string;
  /** One human sentence, e.g. "Payload is 4,211 bytes; APNs allows 4,096". */
  message: string;
  /** Where: a JSON pointer into the payload (`/aps/alert`) or an option name (`options.topic`). */
  path?: string;
  /** An offered automatic fix, applied by the composer on request. */
  fix?: { label: string; id: string };
  /** The exact place in the payload text (a JSON syntax error's), where a pointer cannot say it. */
  at?: TextPlace;
}

/** A place in a text: a character offset, and its line and column counted from 1. */
export interface TextPlace {
  offset: number;
  line: number;
  column: number;
}

export function hasBlockingIssue(issues: readonly PreflightIssue[]): boolean {
  return issues.some((issue) => issue.severity === 'error');
}

/** "4,211" — byte counts in messages are grouped the same way everywhere. */
export function formatBytes(bytes: number): string {
  return bytes.toLocaleString('en-US');
}

/** The same shape as PreflightIssue, for the contract. */
export const preflightIssueSchema = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  code: z.string(),
  message: z.string(),
  path: z.string().optional(),
  fix: z.object({ label: z.string(), id: z.string() }).optional(),
  at: z.object({ offset: z.number().int(), line: z.number().int(), column: z.number().int() }).optional(),
});
