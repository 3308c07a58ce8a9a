import type { LiveActivityContext } from '../../live-activity/context';
import { REFERENCE_DATE_UNIX } from '../../live-activity/date-encoding';
import type { PreflightIssue } from '../../preflight/types';

/** After this many seconds a time in aps is more likely milliseconds than seconds (the year 5138). */
const MILLISECONDS_FROM = 1e11;
/** ActivityKit removes an ended activity within 4 hours whatever dismissal-date says (protocols.md §7). */
const DISMISSAL_MAX_SECONDS = 4 * 3600;
/** Clocks differ; a timestamp a little ahead of ours is not worth a word. */
const FUTURE_SLACK_SECONDS = 300;

function issue(severity: PreflightIssue['severity'], code: string, message: string, path: string): PreflightIssue {
  return { severity, code, message, path };
}

function duration(seconds: number): string {
  const s = Math.round(Math.abs(seconds));
  if (s < 120) return `${s} seconds`;
  if (s < 7200) return `${Math.round(s / 60)} minutes`;
  if (s < 172_800) return `${Math.round(s / 3600)} hours`;
  return `${Math.round(s / 86_400)} days`;
}

/** A time in aps that is not UNIX seconds in a believable way: milliseconds, or seconds since 2001. */
function unitsIssue(key: string, value: number, code: string): PreflightIssue | null {
  if (value >= MILLISECONDS_FROM) {
    return issue(
      'warning',
      code,
      `"${key}" ${value} looks like milliseconds; aps times are UNIX seconds (${Math.floor(value / 1000)})`,
      `/aps/${key}`,
    );
  }
  if (value > 0 && value < REFERENCE_DATE_UNIX) {
    return issue(
      'warning',
      code,
      `"${key}" ${value} is before 2001 as UNIX seconds; aps times count from 1970, not from 2001 as a Swift Date does (that would be ${value + REFERENCE_DATE_UNIX})`,
      `/aps/${key}`,
    );
  }
  return null;
}

/** `timestamp`, `stale-date`, `dismissal-date` and `relevance-score`. */
export function liveActivityDateIssues(
  aps: Record<string, unknown>,
  event: unknown,
  context: LiveActivityContext | undefined,
): PreflightIssue[] {
  const issues: PreflightIssue[] = [];
  const timestamp = aps['timestamp'];
  const hasTimestamp = typeof timestamp === 'number' && Number.isFinite(timestamp);
  if (!hasTimestamp) {
    issues.push(
      issue(
        'error',
        'apns.liveactivity.timestamp',
        'Live Activity pushes need "timestamp" (UNIX seconds)',
        '/aps/timestamp',
      ),
    );
  } else {
    const units = unitsIssue('timestamp', timestamp, 'apns.liveactivity.timestamp-units');
    if (units) issues.push(units);
    const last = context?.history?.lastTimestamp ?? null;
    if (last !== null && timestamp < last) {
      issues.push(
        issue(
          'warning',
          'apns.liveactivity.timestamp-stale',
          `timestamp ${timestamp} is ${duration(last - timestamp)} older than the last one sent to this activity (${last}); the device drops an update older than the one it shows, while APNs still answers 200`,
          '/aps/timestamp',
        ),
      );
    } else if (last !== null && timestamp === last) {
      issues.push(
        issue(
          'warning',
          'apns.liveactivity.timestamp-stale',
          `timestamp ${timestamp} is the same as the last one sent to this activity; give every update a later timestamp or the device may drop it`,
          '/aps/timestamp',
        ),
      );
    }
    const now = (context?.now ?? Date.now()) / 1000;
    if (!units && timestamp > now + FUTURE_SLACK_SECONDS) {
      issues.push(
        issue(
          'warning',
          'apns.liveactivity.timestamp-future',
          `timestamp is ${duration(timestamp - now)} in the future; until then every update stamped with the real time counts as older and is dropped`,
          '/aps/timestamp',
        ),
      );
    }
  }
  const at = hasTimestamp ? timestamp : null;
  for (const key of ['stale-date', 'dismissal-date'] as const) {
    const value = aps[key];
    if (value === undefined) continue;
    const code = `apns.liveactivity.${key}`;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      issues.push(
        issue('error', code, `"${key}" must be UNIX seconds (a number); got ${JSON.stringify(value)}`, `/aps/${key}`),
      );
      continue;
    }
    const units = unitsIssue(key, value, code);
    if (units) {
      issues.push(units);
      continue;
    }
    if (key === 'stale-date' && at !== null && value <= at) {
      issues.push(
        issue(
          'warning',
          code,
          `stale-date is ${duration(at - value)} before the timestamp; the activity shows as stale as soon as it arrives`,
          `/aps/${key}`,
        ),
      );
    }
    if (key === 'dismissal-date') {
      if (event !== 'end') {
        issues.push(
          issue(
            'warning',
            code,
            `dismissal-date is read on "event": "end" only; on ${String(event ?? 'this event')} it is ignored`,
            `/aps/${key}`,
          ),
        );
      } else if (at !== null && value <= at) {
        issues.push(
          issue(
            'info',
            code,
            'dismissal-date is not after the timestamp: the ended activity is removed at once',
            `/aps/${key}`,
          ),
        );
      } else if (at !== null && value - at > DISMISSAL_MAX_SECONDS) {
        issues.push(
          issue(
            'warning',
            code,
            `dismissal-date is ${duration(value - at)} after the end; iOS removes an ended activity within 4 hours, so it goes before then`,
            `/aps/${key}`,
          ),
        );
      }
    }
  }
  const score = aps['relevance-score'];
  if (score !== undefined && (typeof score !== 'number' || !Number.isFinite(score))) {
    issues.push(
      issue(
        'error',
        'apns.liveactivity.relevance-score',
        `"relevance-score" must be a number (higher comes first among the app’s activities); got ${JSON.stringify(score)}`,
        '/aps/relevance-score',
      ),
    );
  }
  return issues;
}
