import type { Assertion, Matcher } from './schema';

type Expected = string | number | boolean | null;

function value(expected: Expected): string {
  return expected === null ? 'none' : typeof expected === 'string' ? `"${expected}"` : String(expected);
}

function matcher(m: Matcher): string {
  if (m !== null && typeof m === 'object') return 'matches' in m ? `matches /${m.matches}/` : `is ${value(m.equals)}`;
  return `is ${value(m)}`;
}

function comparison(m: { equals?: Expected | undefined; matches?: string | undefined }): string {
  if (m.matches !== undefined) return `matches /${m.matches}/`;
  if (m.equals !== undefined) return `is ${value(m.equals)}`;
  return 'is present';
}

/**
 * One assertion as a sentence, for a screen listing what a request checks
 * ("the response header apns-id matches /^[0-9a-f-]{36}$/"). The runner's own messages
 * (`assertions.ts`) say what happened; these say what is expected.
 */
export function assertionWords(assertion: Assertion): string {
  if ('outcome' in assertion) return `the outcome ${matcher(assertion.outcome)}`;
  if ('status' in assertion) return `the HTTP status ${matcher(assertion.status)}`;
  if ('reason' in assertion)
    return assertion.reason === null ? 'there is no reason (no refusal)' : `the reason ${matcher(assertion.reason)}`;
  if ('header' in assertion) return `the response header ${assertion.header} ${comparison(assertion)}`;
  if ('json' in assertion) return `${assertion.json} in the response body ${comparison(assertion)}`;
  if ('durationBelowMs' in assertion) return `the send takes under ${assertion.durationBelowMs} ms`;
  const delivered = assertion.delivered;
  if (delivered === true) return 'something reaches the emulated device';
  const inbox = delivered.inbox ? ` in the ${delivered.inbox} emulator’s inbox` : '';
  const what = delivered.path ? `${delivered.path} of what arrives${inbox}` : `what arrives${inbox}`;
  if (delivered.equals === undefined && delivered.matches === undefined) {
    return delivered.path ? `what arrives${inbox} has ${delivered.path}` : `something arrives${inbox}`;
  }
  return `${what} ${comparison(delivered)}`;
}
