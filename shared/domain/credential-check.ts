import { z } from 'zod';

/**
 * One finding of a credential check: how it stands, the fact it rests on (read from the key,
 * the certificate or a service's answer, never secret material) and what to do about it.
 */
export const credentialFindingSchema = z.object({
  severity: z.enum(['ok', 'warning', 'problem']),
  /** What was checked, e.g. "Key ID". */
  title: z.string(),
  fact: z.string(),
  /** Empty when there is nothing to do. */
  todo: z.string().default(''),
});
export type CredentialFinding = z.infer<typeof credentialFindingSchema>;
export type CredentialFindingSeverity = CredentialFinding['severity'];

export const credentialCheckSchema = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.string(),
  /** Where the network checks went: where the credential's profiles send. */
  environment: z.enum(['live', 'local']),
  findings: z.array(credentialFindingSchema),
});
export type CredentialCheck = z.infer<typeof credentialCheckSchema>;

/** The worst severity among findings, for a summary line. */
export function worstSeverity(findings: readonly CredentialFinding[]): CredentialFindingSeverity {
  if (findings.some((finding) => finding.severity === 'problem')) return 'problem';
  return findings.some((finding) => finding.severity === 'warning') ? 'warning' : 'ok';
}
