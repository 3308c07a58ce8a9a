import { randomUUID } from 'node:crypto';
import { constants, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import type { TLSSocket } from 'node:tls';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  APNS_ID_PATTERN,
  APNS_PUSH_TYPES,
  APNS_TOPIC_SUFFIX,
  apnsPayloadLimit,
  bundleIdOfTopic,
  topicForPushType,
  topicSuffix,
  type ApnsPushType,
} from '../../../shared/providers/apns/push-types';
import { dropConnection } from '../common/drop';
import type { FaultInjector } from '../common/faults';
import type { Inbox } from '../common/inbox';
import type { ConnectionAuth, JwtVerifier } from './auth';
import { liveActivityDetails, liveActivityRefusal, receiveLiveActivityPush } from './live-activity-device';
import { readPeerIdentity, type PeerIdentity } from './certificates';
import { SEPARATE_TOKEN_PUSH_TYPES, type ApnsEmulatorEnvironment, type ApnsStore, type DeviceRecord } from './store';

/** Switches for rules the reference marks uncertain or that tests want off (protocols.md §1). */
export interface ApnsChecks {
  /** Unknown tokens get BadDeviceToken; off: any hex token is "delivered" (bulk tests). */
  registeredDevices: boolean;
  /** A topic whose suffix contradicts the push type gets BadTopic. */
  topicSuffix: boolean;
  /** Answer the key-environment error with the spelling seen on the wire (`BadEnvironmentKeyInToken`). */
  wireKeyEnvironmentSpelling: boolean;
  /**
   * An apns-id in upper case gets BadMessageId. Apple documents the canonical form as lower case
   * but not whether APNs refuses other cases (protocols.md §6 [?]), so this is off by default.
   */
  lowerCaseApnsId: boolean;
  /**
   * A provider token whose `iat` is more than a minute ahead gets InvalidProviderToken. How APNs
   * treats a future `iat` is undocumented (protocols.md §6 [?]), so this is off by default.
   */
  futureIssuedAt: boolean;
  /**
   * The app's own device token gets DeviceTokenNotForTopic for a PushKit or Live Activity topic
   * (those have their own tokens). Off by default: older tests and demos send VoIP to any device.
   * A device made with `tokenFor` takes only its own suffix either way.
   */
  tokenKind: boolean;
  /**
   * The app has the Broadcast capability (developer.apple.com). Off: every channel call and
   * broadcast gets 400 FeatureNotEnabled, as for an app without it.
   */
  broadcastCapability: boolean;
  /**
   * Broadcasts take only `apns-push-type: liveactivity` in lower case and channels only
   * `"push-type": "LiveActivity"`. Apple's pages spell it three ways (protocols.md §1.6), so this
   * is off by default: any case is taken.
   */
  broadcastPushTypeCase: boolean;
  /**
   * A start sent to an activity's update token, or an update or end sent to a push-to-start token,
   * gets 400 BadDeviceToken. What APNs does is undocumented (protocols.md has nothing on it; reports
   * say 200 and nothing happens), so this is off by default: 200, and the device drops it.
   */
  liveActivityTokenRole: boolean;
  /**
   * A rotated Live Activity update token gets 410 ExpiredToken; off, 410 Unregistered. Which one
   * APNs answers for a token the system replaced is undocumented [?].
   */
  rotatedTokenExpired: boolean;
}
export const DEFAULT_CHECKS: ApnsChecks = {
  registeredDevices: true,
  topicSuffix: true,
  wireKeyEnvironmentSpelling: true,
  lowerCaseApnsId: false,
  futureIssuedAt: false,
  tokenKind: false,
  broadcastCapability: true,
  broadcastPushTypeCase: false,
  liveActivityTokenRole: false,
  rotatedTokenExpired: true,
};

/** The canonical 8-4-4-4-12 shape in either case (`lowerCaseApnsId` off). */
const ANY_CASE_APNS_ID = new RegExp(APNS_ID_PATTERN.source, 'i');

export const PUSH_PREFIX = '/3/device/';
const RAISED_STREAMS = 1000;

export interface PushContext {
  environment: ApnsEmulatorEnvironment;
  store: ApnsStore;
  jwts: JwtVerifier;
  inbox: Inbox;
  faults: FaultInjector;
  checks: ApnsChecks;
  now: () => number;
  connection: (req: Http2ServerRequest) => ConnectionState;
}

export interface ConnectionState extends ConnectionAuth {
  /** Undefined until read; null when no valid client certificate was presented. */
  peer?: (PeerIdentity & { authorized: boolean }) | null;
  /** Set once this connection sent GOAWAY: streams above it are promised not to be processed. */
  goawayLastStreamId?: number;
  /** The highest stream delivered so far (streams run concurrently, not in id order). */
  processedStreamId?: number;
}

type Reply = (
  status: number,
  reason: string | null,
  extra?: Record<string, unknown>,
  headers?: Record<string, string>,
) => void;

/** One `/3/device/<token>` request, checked in the order APNs reports problems. */
export async function handlePush(req: Http2ServerRequest, res: Http2ServerResponse, ctx: PushContext): Promise<void> {
  const headerId = first(req, 'apns-id');
  const idPattern = ctx.checks.lowerCaseApnsId ? APNS_ID_PATTERN : ANY_CASE_APNS_ID;
  const apnsId = headerId && idPattern.test(headerId) ? headerId : randomUUID();
  const reply: Reply = (status, reason, extra = {}, headers = {}) => {
    // Date from the emulator's own clock, so a skewed clock (`PUT /__admin/clock`) shows in it.
    const out: Record<string, string> = { 'apns-id': apnsId, date: new Date(ctx.now()).toUTCString(), ...headers };
    if (ctx.environment === 'sandbox') out['apns-unique-id'] = randomUUID();
    if (reason === null) {
      res.writeHead(status, out);
      res.end();
      return;
    }
    const body = JSON.stringify({ reason, ...extra });
    res.writeHead(status, {
      ...out,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
    });
    res.end(body);
  };
  const path = (req.url ?? '').split('?')[0]!;
  const token = decodeURIComponent(path.slice(PUSH_PREFIX.length));
  const fault = ctx.faults.pick({ path, device: token.toLowerCase() });
  if (fault) {
    if (fault.kind === 'delay') await sleep(fault.ms);
    else return applyFault(fault, req, res, reply, ctx);
  }
  if (req.method !== 'POST') return reply(405, 'MethodNotAllowed');
  if (token === '') return reply(400, 'MissingDeviceToken');
  if (token.includes('/')) return reply(404, 'BadPath');
  if (hasDuplicates(req)) return reply(400, 'DuplicateHeaders');
  const connection = ctx.connection(req);
  const peer = readPeer(req, connection);
  if (peer && !peer.authorized) return reply(403, 'BadCertificate');
  let certificate: PeerIdentity | null = null;
  let verified: ReturnType<JwtVerifier['verify']> | null = null;
  if (peer) {
    if (ctx.environment === 'sandbox' ? !peer.sandbox : !peer.production)
      return reply(403, 'BadCertificateEnvironment');
    certificate = peer;
  } else {
    verified = ctx.jwts.verify(first(req, 'authorization'), ctx.environment, connection, ctx.now(), ctx.checks);
    if ('status' in verified) return reply(verified.status, verified.reason);
  }
  if (!connection.opened) {
    connection.opened = true;
    // "APNs allows only one stream until you post a request with a valid authentication token"
    // (Establishing a connection to APNs): the provider's auth, whatever then becomes of the push
    // (a bulk send whose first tokens are unknown still gets its streams).
    req.stream.session?.settings({ maxConcurrentStreams: RAISED_STREAMS });
  }
  if (headerId !== undefined && !idPattern.test(headerId)) return reply(400, 'BadMessageId');
  const pushTypeHeader = first(req, 'apns-push-type') ?? 'alert';
  if (!(APNS_PUSH_TYPES as readonly string[]).includes(pushTypeHeader)) return reply(400, 'InvalidPushType');
  const pushType = pushTypeHeader as ApnsPushType;
  const priority = first(req, 'apns-priority');
  if (priority !== undefined && !['10', '5', '1'].includes(priority)) return reply(400, 'BadPriority');
  if (pushType === 'background' && priority !== '5') return reply(400, 'BadPriority');
  const expiration = first(req, 'apns-expiration');
  if (expiration !== undefined && !/^\d+$/.test(expiration)) return reply(400, 'BadExpirationDate');
  const collapseId = first(req, 'apns-collapse-id');
  if (collapseId !== undefined && Buffer.byteLength(collapseId) > 64) return reply(400, 'BadCollapseId');
  const topicResult = resolveTopic(first(req, 'apns-topic'), pushType, certificate, ctx.checks);
  if ('reason' in topicResult) return reply(400, topicResult.reason);
  const topic = topicResult.topic;
  // Topic-specific keys only cover their own bundle ids.
  const keyTopics = verified && 'key' in verified ? verified.key.topics : undefined;
  if (keyTopics && !keyTopics.includes(bundleIdOfTopic(topic))) return reply(400, 'TopicDisallowed');
  const body = await readCapped(req, apnsPayloadLimit(pushType));
  if (body === null) return reply(413, 'PayloadTooLarge');
  if (body.length === 0) return reply(400, 'PayloadEmpty');
  if (!/^[0-9a-fA-F]+$/.test(token)) return reply(400, 'BadDeviceToken');
  const device = ctx.store.device(token);
  if (ctx.checks.registeredDevices || device) {
    if (!device || device.environment !== ctx.environment) return reply(400, 'BadDeviceToken');
    if (
      device.bundleId !== bundleIdOfTopic(topic) ||
      topicSuffix(topic) !== tokenTopicSuffix(device, topic, ctx.checks)
    )
      return reply(400, 'DeviceTokenNotForTopic');
    if (device.unregisteredAt !== undefined) return reply(410, 'Unregistered', { timestamp: device.unregisteredAt });
    if (device.expiredAt !== undefined) return reply(410, 'ExpiredToken', { timestamp: device.expiredAt });
    if (device.rotatedAt !== undefined)
      return reply(410, ctx.checks.rotatedTokenExpired ? 'ExpiredToken' : 'Unregistered', {
        timestamp: device.rotatedAt,
      });
  }
  const payload = body.toString('utf8');
  const refused = pushType === 'liveactivity' && device ? liveActivityRefusal(device, payload, ctx.checks) : null;
  if (refused) return reply(400, refused);
  // A GOAWAY told the client this stream was not processed (it will retry it): keep that promise.
  const lastStreamId = connection.goawayLastStreamId;
  // A stream closed under us (refused by the GOAWAY, reset, connection gone) is not delivered.
  if (req.stream.destroyed) return;
  if (lastStreamId !== undefined && (req.stream.id ?? 0) > lastStreamId) {
    if (!req.stream.destroyed) req.stream.close(constants.NGHTTP2_REFUSED_STREAM);
    return;
  }
  connection.processedStreamId = Math.max(connection.processedStreamId ?? 0, req.stream.id ?? 0);
  const headers: Record<string, string> = { 'apns-push-type': pushType, 'apns-topic': topic };
  if (priority !== undefined) headers['apns-priority'] = priority;
  if (expiration !== undefined) headers['apns-expiration'] = expiration;
  if (collapseId !== undefined) headers['apns-collapse-id'] = collapseId;
  // The emulated device takes it only now, once the stream is known to be processed.
  const step =
    pushType === 'liveactivity' && device ? receiveLiveActivityPush(ctx.store, device, payload, ctx.now()) : null;
  ctx.inbox.record({
    provider: 'apns',
    device: token.toLowerCase(),
    headers,
    payload,
    details: {
      apnsId,
      environment: ctx.environment,
      auth: certificate ? 'certificate' : 'token',
      ...(step ? liveActivityDetails(step) : {}),
    },
  });
  reply(200, null);
}

function applyFault(
  fault: Exclude<ReturnType<FaultInjector['pick']>, null>,
  req: Http2ServerRequest,
  res: Http2ServerResponse,
  reply: Reply,
  ctx: PushContext,
): void {
  if (fault.kind === 'status') {
    const headers: Record<string, string> = {};
    if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
    const reason = fault.reason ?? defaultReason(fault.status);
    return reply(fault.status, reason, fault.status === 410 ? { timestamp: Date.now() } : {}, headers);
  }
  if (fault.kind === 'reset') {
    // The whole connection: requests in flight on it may or may not have been processed.
    if (fault.scope === 'connection') dropConnection(req);
    else req.stream.close(constants.NGHTTP2_INTERNAL_ERROR);
    return;
  }
  if (fault.kind === 'goaway') {
    const session = req.stream.session;
    const data = Buffer.from(JSON.stringify({ reason: fault.reason ?? 'Shutdown' }));
    // lastStreamId below this stream, unless a later stream was already delivered (streams run
    // concurrently): streams above it are refused in handlePush, so the client may safely retry
    // them; those at or below it still finish before the close.
    const connection = ctx.connection(req);
    const lastStreamId = Math.max(0, (req.stream.id ?? 1) - 2, connection.processedStreamId ?? 0);
    connection.goawayLastStreamId = lastStreamId;
    session?.goaway(constants.NGHTTP2_NO_ERROR, lastStreamId, data);
    req.stream.close(constants.NGHTTP2_REFUSED_STREAM);
    session?.close();
    // A stream that never ends must not keep the connection open for ever.
    setTimeout(() => session?.destroy(), 5_000).unref();
    return;
  }
  res.end();
}

function defaultReason(status: number): string {
  if (status === 410) return 'Unregistered';
  if (status === 413) return 'PayloadTooLarge';
  if (status === 429) return 'TooManyRequests';
  if (status === 503) return 'ServiceUnavailable';
  if (status >= 500) return 'InternalServerError';
  if (status === 403) return 'Forbidden';
  return 'BadRequest';
}

/**
 * The suffix a topic must carry for this token: a PushKit or Live Activity token only its own; the
 * app's own token any suffix but those (its alert, background, widgets… pushes).
 */
function tokenTopicSuffix(device: DeviceRecord, topic: string, checks: ApnsChecks): string {
  if (device.tokenFor) return APNS_TOPIC_SUFFIX[device.tokenFor];
  const suffix = topicSuffix(topic);
  if (!checks.tokenKind) return suffix;
  const separate = SEPARATE_TOKEN_PUSH_TYPES.some((type) => APNS_TOPIC_SUFFIX[type] === suffix);
  return separate ? '' : suffix;
}

function resolveTopic(
  given: string | undefined,
  pushType: ApnsPushType,
  certificate: PeerIdentity | null,
  checks: ApnsChecks,
): { topic: string } | { reason: string } {
  let topic = given;
  if (topic === undefined || topic === '') {
    if (!certificate) return { reason: 'MissingTopic' };
    // A certificate with several topics needs the header; otherwise the subject's bundle id is used.
    const bundle = certificate.bundleId ?? certificate.topics[0];
    if (!bundle || certificate.topics.length > 1) return { reason: 'MissingTopic' };
    topic = topicForPushType(bundle, pushType);
  }
  if (!/^[A-Za-z0-9.\-_]+$/.test(topic)) return { reason: 'BadTopic' };
  if (checks.topicSuffix && pushType !== 'mdm' && topicSuffix(topic) !== APNS_TOPIC_SUFFIX[pushType]) {
    return { reason: 'BadTopic' };
  }
  if (certificate) {
    if (pushType === 'location') return { reason: 'TopicDisallowed' };
    const allowed = certificate.topics.length ? certificate.topics : certificate.bundleId ? [certificate.bundleId] : [];
    if (!allowed.includes(topic) && !allowed.includes(bundleIdOfTopic(topic))) return { reason: 'TopicDisallowed' };
  }
  return { topic };
}

export function readPeer(req: Http2ServerRequest, connection: ConnectionState): ConnectionState['peer'] {
  if (connection.peer !== undefined) return connection.peer;
  const socket = req.socket as TLSSocket;
  const cert = typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate() : null;
  if (!cert || !cert.raw) {
    connection.peer = null;
  } else {
    try {
      connection.peer = { ...readPeerIdentity(cert.raw), authorized: socket.authorized };
    } catch {
      connection.peer = { bundleId: null, topics: [], sandbox: false, production: false, authorized: false };
    }
  }
  return connection.peer;
}

export function first(req: Http2ServerRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

const CHECKED = new Set([
  'apns-id',
  'apns-push-type',
  'apns-topic',
  'apns-priority',
  'apns-expiration',
  'apns-collapse-id',
  'authorization',
]);

function hasDuplicates(req: Http2ServerRequest): boolean {
  const seen = new Set<string>();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (!CHECKED.has(name)) continue;
    if (seen.has(name)) return true;
    seen.add(name);
  }
  return false;
}

/**
 * The body, or null once it passes the limit (the rest is read and discarded). Events rather than
 * `for await`: an async iterator per stream costs more than the rest of a push's checks.
 */
function readCapped(req: Http2ServerRequest, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.once('end', () =>
      resolve(size > limit ? null : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)),
    );
    req.once('error', reject);
  });
}
