import { checkAgainstContract } from '../../live-activity/check-contract';
import type { LiveActivityContext } from '../../live-activity/context';
import type { LiveActivityContract } from '../../live-activity/contract';
import { DATE_ENCODING_HELP } from '../../live-activity/date-encoding';
import { formatBytes, type PreflightIssue } from '../../preflight/types';
import { utf8Length } from '../../text';
import { liveActivityDateIssues } from './live-activity-dates';

/** ActivityKit: "The dynamic data of a Live Activity that's encoded by ContentState can't exceed 4KB." */
export const CONTENT_STATE_LIMIT_BYTES = 4096;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function issue(severity: PreflightIssue['severity'], code: string, message: string, path: string): PreflightIssue {
  return { severity, code, message, path };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every rule of a Live Activity payload (protocols.md §7, Apple's "Starting and updating Live
 * Activities with ActivityKit push notifications"): the event, the timestamp against the last one
 * sent to the same activity, dates, start's requirements, iOS 18's input-push-* keys, priority
 * and its hourly budget, and content-state and attributes against the declared contract.
 */
export function liveActivityIssues(
  aps: Record<string, unknown>,
  priority: number | undefined,
  context: LiveActivityContext | undefined,
): PreflightIssue[] {
  const issues: PreflightIssue[] = [];
  const event = aps['event'];
  if (event === undefined)
    issues.push(
      issue(
        'error',
        'apns.liveactivity.event',
        'Live Activity pushes need "event" (start, update or end)',
        '/aps/event',
      ),
    );
  else if (event !== 'start' && event !== 'update' && event !== 'end') {
    issues.push(
      issue(
        'error',
        'apns.liveactivity.event',
        `Live Activity "event" must be start, update or end, not ${JSON.stringify(event)}`,
        '/aps/event',
      ),
    );
  }
  issues.push(...liveActivityDateIssues(aps, event, context));
  if (event === 'start') issues.push(...startIssues(aps));
  else issues.push(...inputOnlyOnStart(aps));
  const state = aps['content-state'];
  if (event !== 'end' && state === undefined) {
    issues.push(
      issue(
        'error',
        'apns.liveactivity.content-state',
        'Live Activity start and update need "content-state"',
        '/aps/content-state',
      ),
    );
  } else if (state !== undefined && !isObject(state)) {
    issues.push(
      issue(
        'error',
        'apns.liveactivity.content-state',
        '"content-state" must be a JSON object with your ContentState’s keys',
        '/aps/content-state',
      ),
    );
  } else if (state !== undefined) {
    const bytes = utf8Length(JSON.stringify(state));
    if (bytes > CONTENT_STATE_LIMIT_BYTES) {
      issues.push(
        issue(
          'error',
          'apns.liveactivity.content-state-size',
          `content-state is ${formatBytes(bytes)} bytes; ActivityKit allows ${formatBytes(CONTENT_STATE_LIMIT_BYTES)} for a ContentState`,
          '/aps/content-state',
        ),
      );
    }
  }
  issues.push(...priorityIssues(priority, context));
  if (context) issues.push(...contractIssues(aps, event, context));
  return issues;
}

function startIssues(aps: Record<string, unknown>): PreflightIssue[] {
  const issues: PreflightIssue[] = [];
  const type = aps['attributes-type'];
  if (type === undefined || aps['attributes'] === undefined) {
    issues.push(
      issue(
        'error',
        'apns.liveactivity.attributes',
        'Starting a Live Activity needs "attributes-type" and "attributes"',
        '/aps/attributes',
      ),
    );
  }
  if (type !== undefined && (typeof type !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(type))) {
    issues.push(
      issue(
        'error',
        'apns.liveactivity.attributes-type',
        `"attributes-type" is the Swift name of your ActivityAttributes struct, like "DeliveryAttributes"; got ${JSON.stringify(type)}`,
        '/aps/attributes-type',
      ),
    );
  }
  if (aps['attributes'] !== undefined && !isObject(aps['attributes'])) {
    issues.push(
      issue(
        'error',
        'apns.liveactivity.attributes',
        '"attributes" must be a JSON object with your attributes’ keys',
        '/aps/attributes',
      ),
    );
  }
  if (aps['alert'] === undefined) {
    issues.push(
      issue(
        'error',
        'apns.liveactivity.start-alert',
        'Push-to-start needs an "alert" ({"title", "body"}): the activity starts with an alert on the device',
        '/aps/alert',
      ),
    );
  }
  const token = aps['input-push-token'];
  if (token !== undefined && token !== 1) {
    issues.push(
      issue(
        'error',
        'apns.liveactivity.input-push-token',
        `"input-push-token" is 1 (ask for an update token); got ${JSON.stringify(token)}`,
        '/aps/input-push-token',
      ),
    );
  }
  const channel = aps['input-push-channel'];
  if (channel !== undefined) {
    if (typeof channel !== 'string' || channel === '') {
      issues.push(
        issue(
          'error',
          'apns.liveactivity.input-push-channel',
          '"input-push-channel" is a channel id (base64 text from channel management)',
          '/aps/input-push-channel',
        ),
      );
    } else if (!BASE64.test(channel)) {
      issues.push(
        issue(
          'warning',
          'apns.liveactivity.input-push-channel',
          `"${channel}" does not look like a channel id; APNs gives them as base64 text`,
          '/aps/input-push-channel',
        ),
      );
    }
    if (token !== undefined) {
      issues.push(
        issue(
          'warning',
          'apns.liveactivity.input-both',
          'Both "input-push-token" and "input-push-channel": an activity is updated through its own token or through a channel; pick one',
          '/aps/input-push-channel',
        ),
      );
    }
  }
  return issues;
}

function inputOnlyOnStart(aps: Record<string, unknown>): PreflightIssue[] {
  return (['input-push-token', 'input-push-channel'] as const)
    .filter((key) => aps[key] !== undefined)
    .map((key) =>
      issue(
        'warning',
        `apns.liveactivity.${key}`,
        `"${key}" only means something on "event": "start" (iOS 18); the device ignores it on ${String(aps['event'] ?? 'this event')}`,
        `/aps/${key}`,
      ),
    );
}

const BUDGET_HELP =
  'iOS gives each app an hourly budget of priority-10 Live Activity updates (Apple publishes no number) and delays or ' +
  'drops them past it, while APNs still answers 200. Send updates that need not show at once at priority 5, which has no ' +
  'such limit. NSSupportsLiveActivitiesFrequentUpdates = YES in the app’s Info.plist raises the budget, unless the person ' +
  'turns More Frequent Updates off (ActivityAuthorizationInfo.frequentPushesEnabled tells the app).';

function priorityIssues(priority: number | undefined, context: LiveActivityContext | undefined): PreflightIssue[] {
  if (priority === 5) return [];
  if (priority !== undefined && priority !== 10) {
    return [
      issue(
        'warning',
        'apns.liveactivity.priority',
        `Live Activity pushes use priority 5 or 10; ${priority} is not one Apple documents for them`,
        'options.priority',
      ),
    ];
  }
  const history = context?.history;
  if (!history)
    return [
      issue(
        'info',
        'apns.liveactivity.budget',
        `Priority 10 counts against the activity’s budget. ${BUDGET_HELP}`,
        'options.priority',
      ),
    ];
  const count = history.priority10LastHour + 1;
  return [
    issue(
      'info',
      'apns.liveactivity.budget',
      `Budget: this would be priority-10 push ${count} to this activity in the last hour (${history.sendsLastHour} Live Activity pushes in all). ${BUDGET_HELP}`,
      'options.priority',
    ),
  ];
}

function contractFor(aps: Record<string, unknown>, contracts: readonly LiveActivityContract[]) {
  const named = aps['attributes-type'];
  if (typeof named === 'string') return { contract: contracts.find((c) => c.attributesType === named) ?? null, named };
  // An update names no type; with one contract in the workspace there is only one it can be.
  return { contract: contracts.length === 1 ? contracts[0]! : null, named: null };
}

function contractIssues(aps: Record<string, unknown>, event: unknown, context: LiveActivityContext): PreflightIssue[] {
  const { contract, named } = contractFor(aps, context.contracts);
  if (!contract) {
    if (context.contracts.length === 0 && named === null) return [];
    const message =
      named !== null
        ? `No content-state contract for ${named}; declare it (paste the Swift struct) to check content-state and attributes key by key`
        : `content-state not checked: ${context.contracts.length} contracts and an update names no attributes-type`;
    return [issue('info', 'apns.liveactivity.no-contract', message, '/aps/content-state')];
  }
  const options = { dateEncoding: contract.dateEncoding, now: context.now };
  const findings = [
    ...(isObject(aps['content-state'])
      ? checkAgainstContract(aps['content-state'], contract.contentState, 'content-state', options).map((f) => ({
          ...f,
          path: ['content-state', ...f.path],
        }))
      : []),
    ...(event === 'start' && isObject(aps['attributes'])
      ? checkAgainstContract(aps['attributes'], contract.attributes, 'attributes', options).map((f) => ({
          ...f,
          path: ['attributes', ...f.path],
        }))
      : []),
  ];
  const dateRelated = findings.some((f) => /Date|seconds since 2001/.test(f.message));
  return findings.map((f) => ({
    severity: f.severity,
    code: 'apns.liveactivity.contract',
    message:
      dateRelated && /Date|seconds since 2001/.test(f.message) ? `${f.message}. ${DATE_ENCODING_HELP}` : f.message,
    path: '/aps/' + f.path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/'),
  }));
}
