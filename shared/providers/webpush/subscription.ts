import { z } from 'zod';
import { decodeBase64Url } from './base64url';

/** What a browser's `PushSubscription.toJSON()` gives; extra fields are kept out of the way. */
export const pushSubscriptionSchema = z.object({
  endpoint: z.string().min(1).describe('The push resource URL the browser got from its push service.'),
  expirationTime: z.number().nullable().optional(),
  keys: z.object({
    p256dh: z.string().min(1).describe("The browser's P-256 public key (base64url, 65 bytes uncompressed)."),
    auth: z.string().min(1).describe('The 16-byte authentication secret (base64url).'),
  }),
});
export type PushSubscriptionJson = z.infer<typeof pushSubscriptionSchema>;

export type SubscriptionParse =
  { ok: true; subscription: PushSubscriptionJson } | { ok: false; message: string; path: string };

/** Reads the pasted subscription JSON, with a sentence saying what is wrong when it is not one. */
export function parseSubscription(text: string): SubscriptionParse {
  const trimmed = text.trim();
  if (!trimmed) {
    return {
      ok: false,
      message: 'The subscription is empty: paste PushSubscription.toJSON() from the browser.',
      path: 'target',
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    return {
      ok: false,
      message: 'The subscription is not JSON: paste the output of JSON.stringify(subscription) from the browser.',
      path: 'target',
    };
  }
  const parsed = pushSubscriptionSchema.safeParse(json);
  if (parsed.success) return { ok: true, subscription: parsed.data };
  const issue = parsed.error.issues[0]!;
  const where = issue.path.join('.');
  const missing = issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined;
  const message = missing
    ? `The subscription has no "${where}"; a browser subscription has endpoint, keys.p256dh and keys.auth.`
    : `The subscription's "${where || 'value'}" is not valid: ${issue.message}.`;
  return { ok: false, message, path: `target/${issue.path.join('/')}` };
}

export interface KeyProblem {
  path: string;
  message: string;
}

/** Length and format checks on the keys: web-push libraries refuse anything but 65/16 bytes. */
export function subscriptionKeyProblems(subscription: PushSubscriptionJson): KeyProblem[] {
  const problems: KeyProblem[] = [];
  const p256dh = decodeBase64Url(subscription.keys.p256dh);
  if (!p256dh) {
    problems.push({ path: 'target/keys/p256dh', message: 'keys.p256dh is not base64url text.' });
  } else if (p256dh.length !== 65) {
    problems.push({
      path: 'target/keys/p256dh',
      message: `keys.p256dh is ${p256dh.length} bytes; it must be a 65-byte uncompressed P-256 point.`,
    });
  } else if (p256dh[0] !== 0x04) {
    problems.push({
      path: 'target/keys/p256dh',
      message: 'keys.p256dh does not start with 0x04, so it is not an uncompressed P-256 point.',
    });
  }
  const auth = decodeBase64Url(subscription.keys.auth);
  if (!auth) {
    problems.push({ path: 'target/keys/auth', message: 'keys.auth is not base64url text.' });
  } else if (auth.length !== 16) {
    problems.push({ path: 'target/keys/auth', message: `keys.auth is ${auth.length} bytes; it must be 16 bytes.` });
  }
  return problems;
}
