import { describeJsonSyntaxError, findJsonSyntaxError } from '../json/syntax';
import type { PreflightIssue } from './types';

/**
 * The preflight error for a payload that is not JSON, with the line and column in its words and
 * its place in `at`, so the composer's jump puts the caret on the mistake. Null when it parses.
 */
export function jsonSyntaxIssue(code: string, lead: string, payload: string): PreflightIssue | null {
  const found = findJsonSyntaxError(payload);
  if (!found) return null;
  return {
    severity: 'error',
    code,
    message: `${lead}: ${describeJsonSyntaxError(found)}`,
    path: 'payload',
    at: { offset: found.offset, line: found.line, column: found.column },
  };
}
