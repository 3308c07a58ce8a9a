import type { CredentialCheck, CredentialFindingSeverity } from '../../../shared/domain/credential-check';

/** A word beside each mark, so the severity reads without colour or the symbol. */
const MARKS: Record<CredentialFindingSeverity, string> = { ok: '✓ ok', warning: '! warning', problem: '✗ problem' };

/** `credentials check` as text: one block per finding, the fact then what to do. */
export function formatCredentialCheck(check: CredentialCheck): string {
  const lines = [`Check of "${check.label}" (${check.kind}, ${check.environment}):`];
  for (const finding of check.findings) {
    lines.push(`${MARKS[finding.severity]}  ${finding.title}: ${finding.fact}`);
    if (finding.todo) lines.push(`    → ${finding.todo}`);
  }
  return lines.join('\n');
}
