import type { Provider } from '../domain/exchange';
import { parseJsonText, readJsonPath } from './json-path';
import type { Assertion, Capture, Matcher } from './schema';

/** What one send showed: its result, its last answer, and what reached the emulators' inboxes. */
export interface Observation {
  provider: Provider;
  outcome: 'accepted' | 'rejected' | 'failed';
  status: number | null;
  reason: string | null;
  durationMs: number;
  messageIds: Readonly<Record<string, string>>;
  responseHeaders: ReadonlyArray<readonly [string, string]>;
  responseBody: string | null;
  /** Payloads that arrived during this send, newest first, per inbox read; absent: not read. */
  deliveries: Partial<Record<Provider, readonly string[]>>;
  /** Why an inbox could not be read (the emulators run in another process), per provider. */
  inboxProblem?: string;
}

export interface CheckResult {
  /** `status`, `header apns-id`, `delivered $.aps.alert.title`… */
  label: string;
  ok: boolean;
  /** "status: expected 200, got 410 (Unregistered)"; on success the same words, without "got". */
  message: string;
}

type Expected = string | number | boolean | null;

function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  return JSON.stringify(value) ?? String(value);
}

function regex(pattern: string): RegExp | string {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return `/${pattern}/ is not a valid regular expression`;
  }
}

/** Whether `actual` meets `equals` / `matches`, and the words for what was expected. */
function compare(actual: unknown, matcher: { equals?: Expected; matches?: string }): { ok: boolean; wanted: string } {
  if (matcher.matches !== undefined) {
    const pattern = regex(matcher.matches);
    if (typeof pattern === 'string') return { ok: false, wanted: pattern };
    const text = typeof actual === 'string' ? actual : JSON.stringify(actual);
    return { ok: text !== undefined && pattern.test(text), wanted: `to match /${matcher.matches}/` };
  }
  if (matcher.equals !== undefined) {
    const expected = matcher.equals;
    const ok =
      actual === expected ||
      (typeof actual === 'string' && expected !== null && typeof expected !== 'string' && actual === String(expected));
    return { ok, wanted: shown(expected) };
  }
  return { ok: actual !== undefined, wanted: 'a value' };
}

function asComparison(matcher: Matcher): { equals?: Expected; matches?: string } {
  if (matcher !== null && typeof matcher === 'object') return matcher;
  return { equals: matcher };
}

function check(label: string, actual: unknown, matcher: { equals?: Expected; matches?: string }, got: string) {
  const { ok, wanted } = compare(actual, matcher);
  const matched = matcher.matches === undefined ? '' : ` (matches /${matcher.matches}/)`;
  return { label, ok, message: ok ? `${label}: ${got}${matched}` : `${label}: expected ${wanted}, got ${got}` };
}

function header(observation: Observation, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return observation.responseHeaders.find(([key]) => key.toLowerCase() === wanted)?.[1];
}

function bodyValue(observation: Observation, path: string): { value?: unknown; problem?: string } {
  if (observation.responseBody === null || observation.responseBody === '')
    return { problem: 'the response had no body' };
  const body = parseJsonText(observation.responseBody);
  if (body === undefined) return { problem: 'the response body is not JSON' };
  const read = readJsonPath(body, path);
  return read.found ? { value: read.value } : { problem: `${path} is not in the response body` };
}

/** The newest delivered payload that has `path` (or the newest at all), or why there is none. */
function deliveredValues(observation: Observation, inbox: Provider, path?: string) {
  const payloads = observation.deliveries[inbox];
  if (payloads === undefined) {
    return { problem: observation.inboxProblem ?? `the ${inbox} emulator's inbox was not read` };
  }
  if (payloads.length === 0) return { problem: `nothing arrived in the ${inbox} emulator's inbox` };
  if (path === undefined) return { values: payloads as unknown[] };
  const values = payloads
    .map((payload) => readJsonPath(parseJsonText(payload), path))
    .filter((read) => read.found)
    .map((read) => (read as { value: unknown }).value);
  return values.length > 0
    ? { values }
    : {
        problem: `${path} is not in what arrived (${payloads.length === 1 ? 'one delivery' : `${payloads.length} deliveries`})`,
      };
}

/** One assertion against what a send showed, in words a CI log can be read by. */
export function checkAssertion(assertion: Assertion, observation: Observation): CheckResult {
  const why = observation.reason ? ` (${observation.reason})` : '';
  if ('outcome' in assertion) {
    return check('outcome', observation.outcome, asComparison(assertion.outcome), `${observation.outcome}${why}`);
  }
  if ('status' in assertion) {
    const got = observation.status === null ? `no response${why}` : `${observation.status}${why}`;
    return check('status', observation.status ?? undefined, asComparison(assertion.status), got);
  }
  if ('reason' in assertion) {
    const matcher = asComparison(assertion.reason);
    const actual = matcher.equals === null ? (observation.reason ?? null) : (observation.reason ?? undefined);
    return check('reason', actual, matcher, observation.reason === null ? 'none' : shown(observation.reason));
  }
  if ('header' in assertion) {
    const value = header(observation, assertion.header);
    return check(`header ${assertion.header}`, value, assertion, value === undefined ? 'no such header' : shown(value));
  }
  if ('json' in assertion) {
    const { value, problem } = bodyValue(observation, assertion.json);
    return check(assertion.json, value, assertion, problem ?? shown(value));
  }
  if ('durationBelowMs' in assertion) {
    const took = Math.round(observation.durationMs);
    const ok = observation.durationMs < assertion.durationBelowMs;
    const wanted = `under ${assertion.durationBelowMs} ms`;
    return {
      label: 'duration',
      ok,
      message: ok ? `duration: ${took} ms, ${wanted}` : `duration: expected ${wanted}, took ${took} ms`,
    };
  }
  const spec = assertion.delivered === true ? {} : assertion.delivered;
  const inbox = spec.inbox ?? observation.provider;
  const label = `delivered${spec.inbox ? ` (${inbox} inbox)` : ''}${spec.path ? ` ${spec.path}` : ''}`;
  const found = deliveredValues(observation, inbox, spec.path);
  if (!found.values) return { label, ok: false, message: `${label}: expected a delivery, but ${found.problem}` };
  if (spec.equals === undefined && spec.matches === undefined) {
    return { label, ok: true, message: `${label}: arrived` };
  }
  // Any delivery of this send may be the one: the first that meets the matcher counts.
  const hit = found.values.find((value) => compare(value, spec).ok);
  return hit !== undefined
    ? check(label, hit, spec, shown(hit))
    : check(label, found.values[0], spec, found.values.map(shown).join(', '));
}

/** A captured value, or why it could not be taken. */
export function captureValue(capture: Capture, observation: Observation): { value: string } | { problem: string } {
  const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
  if ('header' in capture) {
    const value = header(observation, capture.header);
    return value === undefined ? { problem: `no ${capture.header} header in the response` } : { value };
  }
  if ('json' in capture) {
    const { value, problem } = bodyValue(observation, capture.json);
    return problem ? { problem } : { value: text(value) };
  }
  if ('messageId' in capture) {
    const value = observation.messageIds[capture.messageId];
    const known = Object.keys(observation.messageIds).join(', ') || 'none';
    return value === undefined
      ? { problem: `no message id ${capture.messageId} (the result has: ${known})` }
      : { value };
  }
  if ('delivered' in capture) {
    const found = deliveredValues(observation, capture.inbox ?? observation.provider, capture.delivered);
    return found.values ? { value: text(found.values[0]) } : { problem: found.problem };
  }
  if ('status' in capture) {
    return observation.status === null ? { problem: 'there was no response' } : { value: String(observation.status) };
  }
  return observation.reason === null ? { problem: 'the answer gave no reason' } : { value: observation.reason };
}

/** The inboxes a request's assertions and captures read. */
export function inboxesRead(
  provider: Provider,
  assertions: readonly Assertion[],
  captures: Readonly<Record<string, Capture>>,
): Provider[] {
  const out = new Set<Provider>();
  for (const assertion of assertions) {
    if ('delivered' in assertion)
      out.add(assertion.delivered === true ? provider : (assertion.delivered.inbox ?? provider));
  }
  for (const capture of Object.values(captures)) if ('delivered' in capture) out.add(capture.inbox ?? provider);
  return [...out];
}
