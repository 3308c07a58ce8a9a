import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeResults, Result, RunOptions } from 'axe-core';

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA: what issue 30 holds every screen to. */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
/** Best-practice rules kept too: one h1 per screen, and each screen's parts inside a landmark. */
export const EXTRA_RULES = ['page-has-heading-one', 'region', 'landmark-unique', 'aria-allowed-role'];

const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Finding {
  rule: string;
  impact: string;
  targets: string[];
  summary: string;
}

/**
 * Puts axe-core into the page. Evaluated through the DevTools protocol, which the page's CSP
 * (script-src 'self') does not govern, so the app's own policy stays as it ships.
 */
export async function injectAxe(page: Page): Promise<void> {
  if (await page.evaluate(() => 'axe' in window)) return;
  await page.evaluate(source);
}

/** axe's WCAG 2.2 AA run (plus EXTRA_RULES) over the whole document, violations only. */
export async function audit(page: Page): Promise<Finding[]> {
  await injectAxe(page);
  const options: RunOptions = {
    runOnly: { type: 'tag', values: [...WCAG_AA_TAGS] },
    rules: Object.fromEntries(EXTRA_RULES.map((id) => [id, { enabled: true }])),
    resultTypes: ['violations'],
  };
  const results = await page.evaluate(
    (opts) =>
      (window as unknown as { axe: { run(c: Document, o: unknown): Promise<AxeResults> } }).axe.run(document, opts),
    options,
  );
  return results.violations.map((violation: Result) => ({
    rule: violation.id,
    impact: violation.impact ?? 'unknown',
    targets: violation.nodes.map((node) => node.target.join(' ')),
    summary: violation.nodes[0]?.failureSummary ?? violation.help,
  }));
}

/** `{ rule: elements }`, for a short per-screen count. */
export function countByRule(findings: Finding[]): Record<string, number> {
  return Object.fromEntries(findings.map((finding) => [finding.rule, finding.targets.length]));
}

/** One readable paragraph per finding, for the assertion message. */
export function describeFindings(findings: Finding[]): string {
  return findings
    .map((f) => `${f.rule} (${f.impact}) on ${f.targets.length}: ${f.targets.slice(0, 6).join(' | ')}\n  ${f.summary}`)
    .join('\n');
}
