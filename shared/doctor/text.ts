import type { Diagnosis } from '../domain/diagnosis';

/** A diagnosis as plain lines (the CLI's, and anything else that prints text), most likely cause first. */
export function diagnosisLines(diagnosis: Diagnosis): string[] {
  const lines: string[] = [];
  for (const cause of diagnosis.causes) {
    lines.push(`${cause.rank}. ${cause.title} (${cause.likelihood})`);
    for (const e of cause.evidence) lines.push(`     ${e.source} ${e.name}: ${e.quote}`);
    lines.push(`     Fix: ${cause.fix}`);
  }
  return lines;
}
