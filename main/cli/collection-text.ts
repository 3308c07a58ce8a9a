import type { RequestReport, RunReport } from '../../shared/collections/report';

const MARK: Record<RequestReport['verdict'], string> = { passed: '✓', failed: '✗', error: '!', skipped: '-' };

/** The progress line a run prints as each request ends, and its failed checks under it. */
export function progressLines(report: RequestReport, index: number, total: number): string[] {
  const count = `${String(index + 1).padStart(String(total).length)}/${total}`;
  const answer = report.result
    ? `${report.result.status ?? 'no response'}${report.result.reason ? ` ${report.result.reason}` : ''}`
    : report.verdict;
  const head = `${MARK[report.verdict]} ${count} ${report.path}  ${answer}  (${Math.round(report.durationMs)} ms)`;
  const lines = [head];
  for (const check of report.checks) if (!check.ok) lines.push(`    ✗ ${check.message}`);
  if (report.error) lines.push(`    ${report.error}`);
  for (const [name, value] of Object.entries(report.captured)) lines.push(`    captured vars.${name} = ${value}`);
  return lines;
}

/** "5 requests: 4 passed, 1 failed (23 assertions, 1 failed) in 1.2 s". */
export function summaryLine(report: RunReport): string {
  const { counts } = report;
  const checks = report.requests.flatMap((request) => request.checks);
  const failedChecks = checks.filter((check) => !check.ok).length;
  const parts = [`${counts.passed} passed`];
  if (counts.failed) parts.push(`${counts.failed} failed`);
  if (counts.error) parts.push(`${counts.error} ${counts.error === 1 ? 'error' : 'errors'}`);
  if (counts.skipped) parts.push(`${counts.skipped} skipped`);
  const total = report.requests.length;
  return `${report.collection}: ${total} ${total === 1 ? 'request' : 'requests'}, ${parts.join(', ')} (${checks.length} assertions, ${failedChecks} failed) in ${(report.durationMs / 1000).toFixed(1)} s.`;
}
