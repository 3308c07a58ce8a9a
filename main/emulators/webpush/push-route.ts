import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { ServerHttp2Stream } from 'node:http2';
import type { AnyRequest, AnyResponse } from '../common/admin';
import { dropConnection } from '../common/drop';
import type { FaultInjector } from '../common/faults';
import type { Inbox } from '../common/inbox';
import { readDeclarative } from '../../../shared/providers/webpush/declarative';
import { decryptAes128gcm } from './decrypt';
import { sendFaultStatus, sendPushError } from './responses';
import type { WebpushStore } from './store';
import { checkVapid } from './vapid-check';

export const PUSH_PATH = '/wpush/v2/';
/** RFC 8030 §7.2: never 413 at or under 4096 bytes; this service allows exactly that. */
export const MAX_BODY = 4096;
const MAX_TTL = 2_592_000;
const MOZILLA_BRIDGE_BODY = 2744;
const URGENCIES = new Set(['very-low', 'low', 'normal', 'high']);

export interface WebpushChecks {
  /** [D] `k` must be the key the subscription was created with, when it was given one. */
  'vapid.applicationServerKey': boolean;
  /** Autopush requires `sub` with VAPID. */
  'vapid.subject': boolean;
  /** [?] Apple refuses localhost subjects. Off by default. */
  'vapid.localhostSubject': boolean;
  /** Only application server keys registered through /__admin/credentials. Off by default. */
  'vapid.registeredKeysOnly': boolean;
  /** Autopush refuses TTL over 30 days (errno 112); others shorten it. */
  'ttl.max': boolean;
  /** [?] Autopush's FCM bridge (Firefox on Android) is reported to cap bodies at 2,744 bytes. Off by default. */
  'body.mozillaBridge': boolean;
  /** Refuse bodies the emulated browser cannot decrypt (a real service accepts them and the browser drops them). */
  'decrypt.reject': boolean;
  /**
   * [?] An oversized body is 413 before TTL, Urgency and Topic are looked at (a service refuses by
   * length as the body arrives); off, a missing TTL is 400 first.
   */
  'size.beforeHeaders': boolean;
  /**
   * [?] The endpoints are on an alias of this service's host: they name it by its address
   * (https://127.0.0.1:PORT) while it takes only the `aud` of its host name (https://localhost:PORT),
   * so a client that signs the endpoint's origin, as RFC 8292 asks, gets 403. Off by default.
   */
  'endpoint.aliasHost': boolean;
}

export const DEFAULT_CHECKS: WebpushChecks = {
  'vapid.applicationServerKey': true,
  'vapid.subject': true,
  'vapid.localhostSubject': false,
  'vapid.registeredKeysOnly': false,
  'ttl.max': true,
  'body.mozillaBridge': false,
  'decrypt.reject': true,
  'size.beforeHeaders': true,
  'endpoint.aliasHost': false,
};

/**
 * The one `aud` this service takes: its origin, or under check `endpoint.aliasHost` the origin of
 * its host name. Only the name changes (the certificate covers both); nothing dials it.
 */
export function expectedAudience(origin: string, checks: Pick<WebpushChecks, 'endpoint.aliasHost'>): string {
  if (!checks['endpoint.aliasHost']) return origin;
  const url = new URL(origin);
  url.hostname = 'localhost';
  return url.origin;
}

export interface PushContext {
  origin: string;
  store: WebpushStore;
  inbox: Inbox;
  faults: FaultInjector;
  checks: WebpushChecks;
  now: () => number;
}

function header(req: AnyRequest, name: string): string[] {
  const raw = req.headers[name];
  if (raw === undefined) return [];
  return (Array.isArray(raw) ? raw : [raw]).flatMap((value) => value.split(',').map((part) => part.trim()));
}

/** Reads at most `limit + 1` bytes so an oversized body is detected without buffering it all. */
async function readCapped(req: AnyRequest, limit: number): Promise<{ body: Buffer; tooLarge: boolean; size: number }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit + 1) chunks.push(chunk);
  }
  return { body: Buffer.concat(chunks), tooLarge: size > limit, size };
}

/** POST /wpush/v2/<id>: the push resource of one emulated browser (RFC 8030 §5). */
export async function handlePush(req: AnyRequest, res: AnyResponse, url: URL, ctx: PushContext): Promise<void> {
  const id = decodeURIComponent(url.pathname.slice(PUSH_PATH.length));
  const fault = ctx.faults.pick({ path: url.pathname, device: id });
  if (fault) {
    if (fault.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    else if (fault.kind === 'status') {
      await readCapped(req, MAX_BODY);
      sendFaultStatus(res, fault.status, fault.reason, fault.retryAfterSeconds);
      return;
    } else if (fault.kind === 'reset' && fault.scope === 'connection') {
      dropConnection(req);
      return;
    } else {
      abort(req, fault.kind === 'goaway' ? { reason: fault.reason ?? '' } : null);
      return;
    }
  }
  if (req.method !== 'POST') {
    sendPushError(res, 405, 999, 'Only POST is allowed on a push resource.', { allow: 'POST' });
    return;
  }
  const subscription = ctx.store.subscription(id);
  if (!subscription) return sendPushError(res, 404, 102, 'Request did not validate: invalid token.');
  if (subscription.expired) return sendPushError(res, 410, 103, 'Request did not validate: expired subscription.');

  const nowSeconds = Math.floor(ctx.now() / 1000);
  const authorization = req.headers['authorization'];
  const vapid = checkVapid({
    authorization: typeof authorization === 'string' ? authorization : undefined,
    origin: expectedAudience(ctx.origin, ctx.checks),
    applicationServerKey: subscription.applicationServerKey,
    nowSeconds,
    checks: {
      matchApplicationServerKey: ctx.checks['vapid.applicationServerKey'],
      requireSubject: ctx.checks['vapid.subject'],
      rejectLocalhostSubject: ctx.checks['vapid.localhostSubject'],
      registeredKeysOnly: ctx.checks['vapid.registeredKeysOnly'],
    },
    registeredKeys: ctx.store.credentialKeys(),
  });
  if ('status' in vapid) return sendPushError(res, vapid.status, 109, vapid.message);
  const { body, tooLarge, size } = await readCapped(req, MAX_BODY);
  const oversize = () => sendPushError(res, 413, 104, `Body is ${size} bytes; the maximum is ${MAX_BODY}.`);
  if (tooLarge && ctx.checks['size.beforeHeaders']) return oversize();

  const ttlValues = header(req, 'ttl');
  if (ttlValues.length === 0) return sendPushError(res, 400, 111, 'Missing TTL header.');
  if (ttlValues.length > 1 || !/^\d+$/.test(ttlValues[0]!)) {
    return sendPushError(res, 400, 112, 'Invalid TTL header: whole seconds, 0 or more, once.');
  }
  const ttl = Number(ttlValues[0]);
  if (ctx.checks['ttl.max'] && ttl > MAX_TTL) return sendPushError(res, 400, 112, `TTL is above ${MAX_TTL} seconds.`);
  const urgency = header(req, 'urgency');
  if (urgency.length > 1 || (urgency.length === 1 && !URGENCIES.has(urgency[0]!))) {
    return sendPushError(res, 400, 111, 'Invalid Urgency header: one of very-low, low, normal, high.');
  }
  const topic = req.headers['topic'];
  if (topic !== undefined && (typeof topic !== 'string' || !/^[A-Za-z0-9_-]{1,32}$/.test(topic))) {
    return sendPushError(res, 400, 113, 'Invalid Topic header: at most 32 URL-safe base64 characters.');
  }

  if (tooLarge) return oversize();
  if (ctx.checks['body.mozillaBridge'] && size > MOZILLA_BRIDGE_BODY) {
    return sendPushError(res, 413, 104, `Body is ${size} bytes; the FCM bridge takes ${MOZILLA_BRIDGE_BODY}.`);
  }
  const encoding = header(req, 'content-encoding');
  let payload = '';
  let crypto: Record<string, unknown> | null = null;
  if (body.length > 0) {
    if (encoding.length !== 1 || encoding[0]!.toLowerCase() !== 'aes128gcm') {
      const got = encoding.length ? encoding.join(', ') : 'none';
      return sendPushError(res, 400, 110, `Content-Encoding must be exactly aes128gcm (got ${got}).`);
    }
    try {
      const decrypted = decryptAes128gcm(body, {
        privateKey: Buffer.from(subscription.privateKey, 'base64url'),
        publicKey: Buffer.from(subscription.publicKey, 'base64url'),
        authSecret: Buffer.from(subscription.auth, 'base64url'),
      });
      payload = decrypted.plaintext.toString('utf8');
      crypto = { recordSize: decrypted.recordSize, paddingBytes: decrypted.paddingBytes, salt: decrypted.salt };
    } catch (error) {
      const reason = (error as Error).message;
      if (ctx.checks['decrypt.reject'])
        return sendPushError(res, 400, 110, `The browser could not decrypt: ${reason}.`);
      crypto = { error: reason };
    }
  }

  const messageId = randomUUID();
  const location = `${ctx.origin}/m/${messageId}`;
  const headers: Record<string, string> = { ttl: String(ttl) };
  if (urgency[0]) headers['urgency'] = urgency[0];
  if (typeof topic === 'string') headers['topic'] = topic;
  if (encoding[0]) headers['content-encoding'] = encoding[0];
  ctx.inbox.record({
    provider: 'webpush',
    device: id,
    headers,
    payload,
    details: {
      messageId,
      location,
      bodyBytes: body.length,
      crypto,
      vapid: vapid.claims,
      vapidKey: vapid.publicKey,
      // What a browser supporting Declarative Web Push shows without a service worker; null for other payloads.
      declarative: readDeclarative(payload),
    },
  });
  const answer = JSON.stringify({ 'message-id': messageId });
  (res as ServerResponse).writeHead(201, {
    location,
    ttl: String(ttl),
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(answer)),
  });
  res.end(answer);
}

/** Reset or GOAWAY: on HTTP/2 the stream or session, on HTTP/1.1 the connection. */
function abort(req: AnyRequest, goaway: { reason: string } | null): void {
  const stream = (req as { stream?: ServerHttp2Stream }).stream;
  if (!stream) {
    req.socket.destroy();
    return;
  }
  if (goaway === null) {
    stream.close(0x2);
    return;
  }
  stream.session?.goaway(0x0, 0, Buffer.from(goaway.reason));
  stream.close(0x7);
}
