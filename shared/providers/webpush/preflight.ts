import { WEBPUSH_MAX_BODY_BYTES, WEBPUSH_OVERHEAD_BYTES, webpushEncryptedSize, webpushPadding } from './size';
import { isBase64UrlText } from './base64url';
import { VAPID_MAX_EXPIRY_SECONDS, WEBPUSH_URGENCIES, type WebpushSendRequest } from './message';
import { isLoopbackHost, pushServiceForHost } from './push-services';
import { parseSubscription, subscriptionKeyProblems } from './subscription';
import { declarativeIssues } from './declarative';
import { formatBytes, type PreflightIssue } from '../../preflight/types';

/** Autopush refuses longer TTLs (errno 112); others shorten them. */
export const WEBPUSH_MAX_TTL = 2_592_000;
/** [?] Autopush's FCM bridge (Firefox on Android) is reported to cap data at this size. */
const MOZILLA_BRIDGE_BYTES = 2744;

/** What preflight may know of the VAPID credential: public facts only. */
export interface VapidFacts {
  subject?: string | undefined;
}

type Request = Pick<WebpushSendRequest, 'target' | 'payload' | 'environment'> & {
  options?: Record<string, unknown> | undefined;
};

// The size rule lives with the size meter's so both count the same bytes.
export { webpushEncryptedSize };

export function preflightWebpush(request: Request, vapid: VapidFacts | null): PreflightIssue[] {
  const issues: PreflightIssue[] = [];
  const options = request.options ?? {};
  const host = checkSubscription(request, issues);
  checkOptions(options, host, issues);
  checkSize(request.payload, options, host, issues);
  issues.push(...declarativeIssues(request.payload, host === null ? null : pushServiceForHost(host).id));
  if (vapid) checkSubject(vapid.subject, host, issues);
  return issues;
}

function checkSubscription(request: Request, issues: PreflightIssue[]): string | null {
  const parsed = parseSubscription(request.target);
  if (!parsed.ok) {
    issues.push({
      severity: 'error',
      code: 'webpush.subscription.invalid',
      message: parsed.message,
      path: parsed.path,
    });
    return null;
  }
  for (const problem of subscriptionKeyProblems(parsed.subscription)) {
    issues.push({ severity: 'error', code: 'webpush.subscription.key', message: problem.message, path: problem.path });
  }
  let url: URL;
  try {
    url = new URL(parsed.subscription.endpoint);
  } catch {
    issues.push({
      severity: 'error',
      code: 'webpush.endpoint.invalid',
      message: `The endpoint "${parsed.subscription.endpoint}" is not a URL.`,
      path: 'target/endpoint',
    });
    return null;
  }
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !(loopback && url.protocol === 'http:')) {
    issues.push({
      severity: 'error',
      code: 'webpush.endpoint.not-https',
      message: `The endpoint uses ${url.protocol.replace(':', '')}; push services are only reached over https.`,
      path: 'target/endpoint',
    });
  }
  const service = pushServiceForHost(url.hostname);
  if (loopback) {
    issues.push({
      severity: 'info',
      code: 'webpush.endpoint.loopback',
      message: `The endpoint is on this machine (${url.host}), such as the local push service emulator.`,
      path: 'target/endpoint',
    });
  } else if (service.id === 'unknown') {
    issues.push({
      severity: 'info',
      code: 'webpush.endpoint.unknown-service',
      message: `${url.hostname} is not a push service Push Console knows (FCM, Mozilla, Apple, WNS).`,
      path: 'target/endpoint',
    });
  } else {
    issues.push({
      severity: 'info',
      code: 'webpush.endpoint.service',
      message: `This subscription belongs to ${service.name}.`,
      path: 'target/endpoint',
    });
  }
  if (request.environment === 'local' && !loopback) {
    issues.push({
      severity: 'error',
      code: 'webpush.endpoint.not-local',
      message: `In the local environment the subscription must come from the local push service, not ${url.hostname}.`,
      path: 'target/endpoint',
    });
  }
  return url.hostname;
}

function checkOptions(options: Record<string, unknown>, host: string | null, issues: PreflightIssue[]): void {
  const ttl = options['ttl'];
  if (ttl === undefined || ttl === null || ttl === '') {
    issues.push({
      severity: 'error',
      code: 'webpush.ttl.missing',
      message: 'TTL is required: push services answer 400 without it.',
      path: 'options.ttl',
      fix: { label: 'Set TTL to 4 weeks', id: 'webpush.ttl.default' },
    });
  } else if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 0) {
    issues.push({
      severity: 'error',
      code: 'webpush.ttl.invalid',
      message: `TTL must be a whole number of seconds, 0 or more, not ${JSON.stringify(ttl)}.`,
      path: 'options.ttl',
    });
  } else if (ttl > WEBPUSH_MAX_TTL) {
    issues.push({
      severity: 'warning',
      code: 'webpush.ttl.long',
      message: `TTL is ${formatBytes(ttl)} seconds; Mozilla refuses more than ${formatBytes(WEBPUSH_MAX_TTL)} (30 days) and others shorten it.`,
      path: 'options.ttl',
    });
  }
  const urgency = options['urgency'];
  if (urgency !== undefined && !(WEBPUSH_URGENCIES as readonly unknown[]).includes(urgency)) {
    issues.push({
      severity: 'error',
      code: 'webpush.urgency.invalid',
      message: `Urgency must be very-low, low, normal or high, not ${JSON.stringify(urgency)}.`,
      path: 'options.urgency',
    });
  }
  const topic = options['topic'];
  if (topic !== undefined && topic !== '') {
    if (typeof topic !== 'string' || !isBase64UrlText(topic)) {
      issues.push({
        severity: 'error',
        code: 'webpush.topic.alphabet',
        message: 'Topic may only use the URL-safe base64 characters A–Z, a–z, 0–9, "-" and "_".',
        path: 'options.topic',
      });
    } else if (topic.length > 32) {
      issues.push({
        severity: 'error',
        code: 'webpush.topic.too-long',
        message: `Topic is ${topic.length} characters; push services allow 32.`,
        path: 'options.topic',
      });
    } else if (ttl === 0) {
      // RFC 8030 §5.4: a Topic replaces a message the service still holds; TTL 0 is never held.
      issues.push({
        severity: 'info',
        code: 'webpush.topic.ttl-zero',
        message:
          'Topic replaces a message still waiting at the push service; with TTL 0 nothing waits, so it changes nothing.',
        path: 'options.topic',
      });
    }
  }
  const expires = options['vapidExpiresIn'];
  if (expires !== undefined) {
    if (typeof expires !== 'number' || !Number.isInteger(expires) || expires <= 0) {
      issues.push({
        severity: 'error',
        code: 'webpush.vapid.expiry-invalid',
        message: `The VAPID lifetime must be a whole number of seconds above 0, not ${JSON.stringify(expires)}.`,
        path: 'options.vapidExpiresIn',
      });
    } else if (expires > VAPID_MAX_EXPIRY_SECONDS) {
      issues.push({
        severity: 'error',
        code: 'webpush.vapid.expiry-too-long',
        message: `The VAPID lifetime is ${formatBytes(expires)} seconds; RFC 8292 allows at most 86,400 (24 h).`,
        path: 'options.vapidExpiresIn',
      });
    } else if (expires < 7200 && host !== null && pushServiceForHost(host).id === 'apple') {
      // JWTs are re-signed at half their lifetime; Apple wants at most one new JWT an hour.
      issues.push({
        severity: 'warning',
        code: 'webpush.vapid.apple-refresh',
        message: `With a ${formatBytes(expires)}-second VAPID lifetime the JWT is re-signed more than once an hour; Apple asks for no more than that.`,
        path: 'options.vapidExpiresIn',
      });
    }
  }
  const padding = options['padding'];
  if (padding !== undefined && (typeof padding !== 'number' || !Number.isInteger(padding) || padding < 0)) {
    issues.push({
      severity: 'error',
      code: 'webpush.padding.invalid',
      message: `Padding must be a whole number of bytes, 0 or more, not ${JSON.stringify(padding)}.`,
      path: 'options.padding',
    });
  }
}

function checkSize(
  payload: string,
  options: Record<string, unknown>,
  host: string | null,
  issues: PreflightIssue[],
): void {
  const padding = webpushPadding(options);
  const size = webpushEncryptedSize(payload, padding);
  if (size > WEBPUSH_MAX_BODY_BYTES) {
    const room = WEBPUSH_MAX_BODY_BYTES - WEBPUSH_OVERHEAD_BYTES - padding;
    issues.push({
      severity: 'error',
      code: 'webpush.payload.too-large',
      message: `Encrypted payload is ${formatBytes(size)} bytes; Web Push allows ${formatBytes(WEBPUSH_MAX_BODY_BYTES)} (at most ${formatBytes(Math.max(room, 0))} bytes of text).`,
      path: '',
    });
  } else if (size > MOZILLA_BRIDGE_BYTES && host !== null && pushServiceForHost(host).id === 'mozilla') {
    // Reported for autopush's FCM bridge, not documented; a note rather than a warning.
    issues.push({
      severity: 'info',
      code: 'webpush.payload.mozilla-bridge',
      message: `Encrypted payload is ${formatBytes(size)} bytes; Firefox on Android is reported to get at most ${formatBytes(MOZILLA_BRIDGE_BYTES)} through Mozilla's FCM bridge.`,
      path: '',
    });
  }
}

function checkSubject(subject: string | undefined, host: string | null, issues: PreflightIssue[]): void {
  const apple = host !== null && pushServiceForHost(host).id === 'apple';
  if (!subject) {
    issues.push({
      severity: apple ? 'error' : 'warning',
      code: 'webpush.vapid.subject-missing',
      message: 'The VAPID credential has no subject (sub); Apple and Mozilla require a mailto: or https: contact.',
      path: 'credential',
    });
    return;
  }
  if (!/^mailto:[^@\s]+@[^@\s]+$/i.test(subject) && !/^https:\/\/[^\s]+$/i.test(subject)) {
    issues.push({
      severity: 'warning',
      code: 'webpush.vapid.subject-format',
      message: `The VAPID subject "${subject}" should be a mailto: address or an https: URL.`,
      path: 'credential',
    });
  }
  if (/@localhost\b|^https:\/\/localhost\b/i.test(subject)) {
    issues.push({
      severity: apple ? 'error' : 'warning',
      code: 'webpush.vapid.subject-localhost',
      message: `The VAPID subject "${subject}" points at localhost; Apple rejects it with BadJwtToken.`,
      path: 'credential',
    });
  }
}
