import type { Environment } from '../domain/environment';
import type { Provider } from '../domain/exchange';
import { PROVIDER_IDENTITIES } from '../providers/ids';

/** The local emulators serve plain http on loopback; real services are https only. */
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

function parsedUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

function urlProblem(text: string, environment: Environment, what: string, hostOk: (host: string) => boolean) {
  const url = parsedUrl(text);
  if (!url) return `${what} is not a URL (it should start with https://).`;
  if (environment === 'local' && LOOPBACK.test(url.hostname)) return null;
  if (url.protocol !== 'https:') return `${what} must be an https URL; this one starts with ${url.protocol}//.`;
  if (!hostOk(url.hostname)) return `${what} must be on a WNS host (…notify.windows.com), not ${url.hostname}.`;
  return null;
}

const RULES: Partial<Record<Provider, (target: string, environment: Environment) => string | null>> = {
  apns(target) {
    // Apple says not to assume a length; today's tokens are 32 bytes, so any whole bytes from 32 up.
    if (!/^[0-9a-f]+$/i.test(target)) return 'An APNs device token is hexadecimal (0-9, a-f) only.';
    if (target.length < 64 || target.length % 2 !== 0)
      return `An APNs device token is at least 64 hex characters in whole bytes; this one has ${target.length}.`;
    return PROVIDER_IDENTITIES.apns.detector.detect(target) ? null : 'This is too long to be an APNs device token.';
  },
  fcm(target) {
    return PROVIDER_IDENTITIES.fcm.detector.detect(target)
      ? null
      : 'An FCM target is a registration token (long, letters, digits, - _ and one :), /topics/<name>, or a condition.';
  },
  wns(target, environment) {
    return urlProblem(target, environment, 'A WNS channel', (host) => /(^|\.)notify\.windows\.com$/i.test(host));
  },
  webpush(target, environment) {
    let value: unknown;
    try {
      value = JSON.parse(target);
    } catch {
      return 'A Web Push subscription is JSON: {"endpoint": "https://…", "keys": {"p256dh": "…", "auth": "…"}}.';
    }
    const sub = (value ?? {}) as { endpoint?: unknown; keys?: { p256dh?: unknown; auth?: unknown } };
    const missing = [
      typeof sub.endpoint === 'string' && sub.endpoint ? null : 'endpoint',
      typeof sub.keys?.p256dh === 'string' && sub.keys.p256dh ? null : 'keys.p256dh',
      typeof sub.keys?.auth === 'string' && sub.keys.auth ? null : 'keys.auth',
    ].filter(Boolean);
    if (missing.length) return `This Web Push subscription lacks ${missing.join(', ')}.`;
    return urlProblem(sub.endpoint as string, environment, 'The subscription endpoint', () => true);
  },
};

/**
 * Why this text cannot be a target of that provider, in words for the target field, or null.
 * Notification Hubs take tag expressions or handles of any platform, so they are not checked.
 */
export function targetProblem(provider: Provider, environment: Environment, target: string): string | null {
  const trimmed = target.trim();
  if (!trimmed) return null; // The schema says a target is needed.
  return RULES[provider]?.(trimmed, environment) ?? null;
}
