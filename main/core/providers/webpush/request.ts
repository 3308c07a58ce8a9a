import type { Header } from '../../../../shared/domain/exchange';
import { AppError } from '../../../../shared/errors';
import type { WebpushOptions } from '../../../../shared/providers/webpush/message';
import type { WebpushEncryptionNote } from '../../../../shared/providers/webpush/notes';
import {
  parseSubscription,
  subscriptionKeyProblems,
  type PushSubscriptionJson,
} from '../../../../shared/providers/webpush/subscription';
import { encryptWebpush, type EceInput } from './ece';
import { vapidAuthorization } from './vapid';

export interface ParsedTarget {
  subscription: PushSubscriptionJson;
  endpoint: URL;
  /** scheme://host[:port]: the VAPID `aud`. */
  audience: string;
  uaPublic: Buffer;
  authSecret: Buffer;
}

/** The subscription as a client needs it, or a human error saying what is wrong with it. */
export function readTarget(target: string): ParsedTarget {
  const parsed = parseSubscription(target);
  if (!parsed.ok) throw new AppError('INVALID_INPUT', parsed.message);
  const problems = subscriptionKeyProblems(parsed.subscription);
  if (problems.length > 0) throw new AppError('INVALID_INPUT', problems[0]!.message);
  let endpoint: URL;
  try {
    endpoint = new URL(parsed.subscription.endpoint);
  } catch {
    throw new AppError('INVALID_INPUT', `The endpoint "${parsed.subscription.endpoint}" is not a URL.`);
  }
  if (endpoint.protocol !== 'https:' && endpoint.protocol !== 'http:') {
    throw new AppError('INVALID_INPUT', `The endpoint must be an https URL, not ${endpoint.protocol}.`);
  }
  return {
    subscription: parsed.subscription,
    endpoint,
    audience: endpoint.origin,
    uaPublic: Buffer.from(parsed.subscription.keys.p256dh, 'base64url'),
    authSecret: Buffer.from(parsed.subscription.keys.auth, 'base64url'),
  };
}

export interface BuiltRequest {
  url: string;
  headers: Header[];
  body: Buffer | undefined;
  encryption: WebpushEncryptionNote | null;
}

export interface BuildInput {
  target: ParsedTarget;
  payload: string;
  options: WebpushOptions;
  vapidToken: string;
  vapidPublicKey: string;
  /** Tests inject salt and ephemeral key (RFC 8291 Appendix A). */
  ece?: Pick<EceInput, 'salt' | 'serverPrivateKey' | 'recordSize'>;
}

/**
 * The POST to the push resource (RFC 8030 §5). TTL goes out only when set, so a forced send
 * without it shows the service's 400; an empty payload sends no body and no Content-Encoding.
 */
export function buildWebpushRequest(input: BuildInput): BuiltRequest {
  const { target, payload, options } = input;
  const headers: Header[] = [];
  if (options.ttl !== undefined) headers.push(['TTL', String(options.ttl)]);
  if (options.urgency !== undefined) headers.push(['Urgency', options.urgency]);
  if (options.topic !== undefined && options.topic !== '') headers.push(['Topic', options.topic]);
  let body: Buffer | undefined;
  let encryption: WebpushEncryptionNote | null = null;
  const padding = options.padding ?? 0;
  if (payload.length > 0 || padding > 0) {
    const encrypted = encryptWebpush({
      plaintext: Buffer.from(payload, 'utf8'),
      uaPublic: target.uaPublic,
      authSecret: target.authSecret,
      padding,
      ...input.ece,
    });
    body = encrypted.body;
    encryption = encrypted.note;
    headers.push(['Content-Encoding', 'aes128gcm']);
    headers.push(['Content-Type', 'application/octet-stream']);
  }
  headers.push(['Authorization', vapidAuthorization(input.vapidToken, input.vapidPublicKey)]);
  return { url: target.endpoint.href, headers, body, encryption };
}
