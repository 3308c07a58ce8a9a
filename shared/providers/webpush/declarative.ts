/**
 * Declarative Web Push (WebKit, Safari 18.4+; W3C Push API "declarative push message"): a JSON
 * payload the browser shows by itself, without a service worker. Member names and rules read from
 * the sources, December 2026:
 * - W3C Push API draft (w3c/push-api #385, #402): `web_push` = 8030, `notification` with `title` and
 *   `navigate` required, NotificationOptions members beside them, `actions` of {action, title,
 *   navigate}, `app_badge` (a 64-bit unsigned integer; #402 also proposes a boolean) and `mutable`
 *   at the top level.
 * - WebKit's NotificationJSONParser.cpp: refuses the message when a member has the wrong type, wants
 *   a non-empty title and an absolute navigate URL, reads `app_badge` (a number or a digit string)
 *   and `mutable` inside `notification`, and reads no actions.
 * - Firefox's dom/push parser: `mutable` inside `notification`, actions kept, wrong types ignored.
 * Where `app_badge` and `mutable` belong is therefore unsettled [?]: both places are read here.
 */
import type { PreflightIssue } from '../../preflight/types';
import type { PushService } from './push-services';

export const DECLARATIVE_WEB_PUSH_MARKER = 8030;

export interface DeclarativeAction {
  action: string;
  title: string;
  navigate: string;
}

/** What a browser that supports it would show for a declarative message. */
export interface DeclarativeMessage {
  title: string;
  body: string | null;
  navigate: string;
  lang: string | null;
  dir: 'auto' | 'ltr' | 'rtl';
  tag: string | null;
  icon: string | null;
  image: string | null;
  silent: boolean;
  requireInteraction: boolean;
  actions: DeclarativeAction[];
  appBadge: number | null;
  mutable: boolean;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function jsonObject(payload: string): Json | null {
  if (!payload.trimStart().startsWith('{')) return null;
  try {
    const value: unknown = JSON.parse(payload);
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

/** True when the payload says it is declarative (has `web_push`), whatever its value. */
export function claimsDeclarative(payload: string): boolean {
  const value = jsonObject(payload);
  return value !== null && 'web_push' in value;
}

/** An absolute URL, or the reason it is not one. */
function urlProblem(text: string): 'relative' | 'invalid' | 'scheme' | null {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? null : 'scheme';
  } catch {
    try {
      new URL(text, 'https://scope.invalid/');
      return 'relative';
    } catch {
      return 'invalid';
    }
  }
}

/** A badge as WebKit reads it: a non-negative integer, or a string of ASCII digits. */
function badgeValue(value: unknown): number | null {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return null;
}

/** A member read beside `notification` (W3C) or inside it (WebKit, Firefox). */
function eitherPlace(message: Json, notification: Json, key: string): { value: unknown; path: string } | null {
  if (key in message) return { value: message[key], path: `/${key}` };
  if (key in notification) return { value: notification[key], path: `/notification/${key}` };
  return null;
}

/** The message a supporting browser shows, or null when the payload is not one it would show. */
export function readDeclarative(payload: string): DeclarativeMessage | null {
  const message = jsonObject(payload);
  if (!message || message['web_push'] !== DECLARATIVE_WEB_PUSH_MARKER) return null;
  const notification = message['notification'];
  if (!isObject(notification)) return null;
  const title = str(notification['title']);
  const navigate = str(notification['navigate']);
  if (!title || navigate === null || urlProblem(navigate) === 'invalid') return null;
  const dir = notification['dir'];
  const actions = Array.isArray(notification['actions']) ? notification['actions'] : [];
  return {
    title,
    navigate,
    body: str(notification['body']),
    lang: str(notification['lang']),
    dir: dir === 'ltr' || dir === 'rtl' ? dir : 'auto',
    tag: str(notification['tag']),
    icon: str(notification['icon']),
    image: str(notification['image']),
    silent: notification['silent'] === true,
    requireInteraction: notification['requireInteraction'] === true,
    actions: actions.filter(isObject).flatMap((action) => {
      const [name, label, target] = [str(action['action']), str(action['title']), str(action['navigate'])];
      return name !== null && label !== null && target !== null
        ? [{ action: name, title: label, navigate: target }]
        : [];
    }),
    appBadge: badgeValue(eitherPlace(message, notification, 'app_badge')?.value),
    mutable: eitherPlace(message, notification, 'mutable')?.value === true,
  };
}

const STRING_MEMBERS = ['body', 'lang', 'tag', 'icon', 'image', 'badge'] as const;
const BOOLEAN_MEMBERS = ['silent', 'requireInteraction', 'renotify'] as const;

/** Preflight of a payload that carries `web_push`; `service` is where the subscription points. */
export function declarativeIssues(payload: string, service: PushService['id'] | null): PreflightIssue[] {
  const message = jsonObject(payload);
  if (!message || !('web_push' in message)) return [];
  const issues: PreflightIssue[] = [];
  const error = (code: string, path: string, text: string) =>
    issues.push({ severity: 'error', code: `webpush.declarative.${code}`, message: text, path });
  const warn = (code: string, path: string, text: string) =>
    issues.push({ severity: 'warning', code: `webpush.declarative.${code}`, message: text, path });
  const note = (code: string, path: string, text: string) =>
    issues.push({ severity: 'info', code: `webpush.declarative.${code}`, message: text, path });

  if (message['web_push'] !== DECLARATIVE_WEB_PUSH_MARKER) {
    warn(
      'marker',
      '/web_push',
      `web_push must be the number 8030 to make a Declarative Web Push message, not ${JSON.stringify(message['web_push'])}; browsers hand this payload to the service worker as an ordinary push.`,
    );
    return issues;
  }
  const notification = message['notification'];
  if (!isObject(notification)) {
    error(
      'notification',
      '/notification',
      'Declarative Web Push needs a notification object holding title and navigate.',
    );
    return issues;
  }
  const title = notification['title'];
  if (typeof title !== 'string' || title === '') {
    error(
      'title',
      '/notification/title',
      'Declarative Web Push needs notification.title: the text shown in bold (a non-empty string; Safari refuses an empty one).',
    );
  }
  const navigate = notification['navigate'];
  if (typeof navigate !== 'string') {
    error(
      'navigate',
      '/notification/navigate',
      'Declarative Web Push needs notification.navigate: the URL opened on click.',
    );
  } else {
    checkUrl(navigate, '/notification/navigate', 'notification.navigate', { error, warn });
  }
  const dir = notification['dir'];
  if (dir !== undefined && dir !== 'auto' && dir !== 'ltr' && dir !== 'rtl') {
    error(
      'type',
      '/notification/dir',
      `notification.dir must be "auto", "ltr" or "rtl", not ${JSON.stringify(dir)}; Safari refuses the whole message otherwise.`,
    );
  }
  for (const key of STRING_MEMBERS) {
    if (key in notification && typeof notification[key] !== 'string') {
      error(
        'type',
        `/notification/${key}`,
        `notification.${key} must be a string; Safari refuses the whole message otherwise.`,
      );
    }
  }
  for (const key of BOOLEAN_MEMBERS) {
    if (key in notification && typeof notification[key] !== 'boolean') {
      error(
        'type',
        `/notification/${key}`,
        `notification.${key} must be true or false; Safari refuses the whole message otherwise.`,
      );
    }
  }
  const timestamp = notification['timestamp'];
  if (timestamp !== undefined && !(typeof timestamp === 'number' && Number.isInteger(timestamp) && timestamp >= 0)) {
    error(
      'type',
      '/notification/timestamp',
      'notification.timestamp must be milliseconds since 1970 as a whole number, 0 or more.',
    );
  }
  checkActions(notification['actions'], service, { error, warn, note });
  checkBadgeAndMutable(message, notification, { error, warn, note });
  if (service !== null && service !== 'apple' && service !== 'loopback' && service !== 'unknown') {
    note(
      'not-apple',
      '',
      'Only Safari (Apple Push) is known to show Declarative Web Push by itself; elsewhere your service worker gets it as an ordinary push and must show it.',
    );
  }
  return issues;
}

type Say = (code: string, path: string, text: string) => void;

function checkUrl(text: string, path: string, name: string, say: { error: Say; warn: Say }): void {
  const problem = urlProblem(text);
  if (problem === 'invalid') say.error('navigate', path, `${name} "${text}" is not a URL.`);
  else if (problem === 'relative')
    say.warn(
      'navigate-relative',
      path,
      `${name} "${text}" is relative: the W3C draft resolves it against the service worker's scope, but Safari's parser needs an absolute URL.`,
    );
  else if (problem === 'scheme') say.warn('navigate-scheme', path, `${name} "${text}" is not an http or https URL.`);
}

function checkActions(
  actions: unknown,
  service: PushService['id'] | null,
  say: { error: Say; warn: Say; note: Say },
): void {
  if (actions === undefined) return;
  if (!Array.isArray(actions)) {
    say.error('action', '/notification/actions', 'notification.actions must be a list of {action, title, navigate}.');
    return;
  }
  actions.forEach((action: unknown, index) => {
    const path = `/notification/actions/${index}`;
    const missing = ['action', 'title', 'navigate'].filter(
      (key) => !isObject(action) || typeof action[key] !== 'string',
    );
    if (missing.length > 0) {
      say.error(
        'action',
        path,
        `notification.actions[${index}] needs ${missing.join(', ')} (strings; navigate is the URL that button opens).`,
      );
    } else if (isObject(action)) {
      checkUrl(action['navigate'] as string, `${path}/navigate`, `notification.actions[${index}].navigate`, say);
    }
  });
  if (actions.length > 0 && service === 'apple') {
    say.note(
      'actions-apple',
      '/notification/actions',
      "Safari's parser reads no actions: the buttons show where the browser supports them (Firefox).",
    );
  }
}

function checkBadgeAndMutable(message: Json, notification: Json, say: { error: Say; warn: Say; note: Say }): void {
  const badge = eitherPlace(message, notification, 'app_badge');
  if (badge) {
    const value = badge.value;
    if (typeof value === 'boolean') {
      say.warn(
        'app-badge',
        badge.path,
        'A true/false app_badge is only proposed (w3c/push-api #402, unverified); send a non-negative integer.',
      );
    } else if (typeof value === 'string' && /^\d+$/.test(value)) {
      say.warn(
        'app-badge',
        badge.path,
        `app_badge is the text "${value}": Safari reads it, the W3C draft wants the number ${value}.`,
      );
    } else if (!(typeof value === 'number' && Number.isInteger(value) && value >= 0)) {
      say.error('app-badge', badge.path, `app_badge must be a non-negative integer, not ${JSON.stringify(value)}.`);
    }
  }
  const mutable = eitherPlace(message, notification, 'mutable');
  if (mutable && typeof mutable.value !== 'boolean') {
    say.error(
      'mutable',
      mutable.path,
      `mutable must be true or false, not ${JSON.stringify(mutable.value)}; Safari refuses the whole message otherwise.`,
    );
  }
  if (badge || mutable) {
    say.note(
      'placement',
      (badge ?? mutable)!.path,
      "Where app_badge and mutable go is unsettled (unverified): the W3C draft puts them beside notification, Safari's parser reads them inside it (Firefox reads mutable there too).",
    );
  }
}
