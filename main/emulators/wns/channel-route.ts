import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { WNS_MAX_PAYLOAD_BYTES, WNS_TOKEN_AUDIENCE } from '../../../shared/providers/wns/message';
import { preflightWns } from '../../../shared/providers/wns/preflight';
import type { FaultInjector } from '../common/faults';
import type { Inbox } from '../common/inbox';
import type { ChannelRecord, WnsStore } from './store';
import type { TokenIssuer } from './tokens';

export const CHANNEL_PATH = '/w/';

/**
 * Checks the reference marks [?] (protocols.md §3.3–3.5), switchable per emulator:
 * - `xmlSchema`: reject XML that is malformed or whose root does not match X-WNS-Type with 400.
 *   Real WNS validates on the device, so this is off by default.
 * - `priorityZero`: accept X-WNS-PRIORITY 0 (older copies of the docs say 0–3). Off by default.
 * - `legacyStatusHeader`: answer X-WNS-NotificationStatus (older Azure docs) instead of X-WNS-Status.
 * - `bareEntraForbidden`: an Entra app sending to another app's channel gets 403 with no X-WNS
 *   headers, as WNS answers an Entra app not mapped to the package (the doctor's case). Off by default.
 * - `otherAudienceToken`: the Entra token endpoint mints tokens for Microsoft Graph
 *   (`aud` https://graph.microsoft.com) instead of WNS (`aud` https://wns.windows.com, itself
 *   inferred from the scope [?]), so every send with one is 401. Off by default.
 */
export interface WnsChecks {
  xmlSchema: boolean;
  priorityZero: boolean;
  legacyStatusHeader: boolean;
  bareEntraForbidden: boolean;
  otherAudienceToken: boolean;
}
export const DEFAULT_CHECKS: WnsChecks = {
  xmlSchema: false,
  priorityZero: false,
  legacyStatusHeader: false,
  bareEntraForbidden: false,
  otherAudienceToken: false,
};

const TYPES = new Set(['wns/toast', 'wns/tile', 'wns/badge', 'wns/raw']);
const LABEL = /^[A-Za-z0-9]{1,16}$/;
const MATCH = /^type:wns\/(toast|tile|badge|raw);(all|group=[^;]+;tag=[^;]+|group=[^;]+|tag=[^;]+)$/;

export interface ChannelContext {
  store: WnsStore;
  issuer: TokenIssuer;
  inbox: Inbox;
  faults: FaultInjector;
  checks: WnsChecks;
}

/** The headers every WNS answer carries: a debug trace and the echoed or new correlation vector. */
function traceHeaders(req: IncomingMessage): Record<string, string> {
  const cv = req.headers['ms-cv'];
  return {
    'X-WNS-Debug-Trace': `EMU-${randomBytes(6).toString('hex').toUpperCase()}`,
    'MS-CV': typeof cv === 'string' ? cv : `${randomBytes(12).toString('base64').slice(0, 16)}.0`,
  };
}

/** Header values must be plain ASCII; preflight messages use typographic dashes and ellipses. */
function asciiHeader(text: string): string {
  return text
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[^\t\x20-\x7e]/g, '?');
}

/** WNS errors have an empty body; the reason is in X-WNS-Error-Description. */
export function sendWnsError(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  description: string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...traceHeaders(req),
    'X-WNS-Error-Description': asciiHeader(description),
    'Content-Length': '0',
    ...extra,
  });
  res.end();
}

async function readCapped(req: IncomingMessage, limit: number): Promise<{ body: Buffer; size: number }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit + 1) chunks.push(chunk);
  }
  return { body: Buffer.concat(chunks), size };
}

function single(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** The 400 description for the first bad optional header, or null. */
function checkOptionalHeaders(req: IncomingMessage, checks: WnsChecks): string | null {
  const cache = single(req, 'x-wns-cache-policy');
  if (cache !== undefined && cache !== 'cache' && cache !== 'no-cache')
    return 'X-WNS-Cache-Policy must be cache or no-cache.';
  const status = single(req, 'x-wns-requestforstatus');
  if (status !== undefined && status !== 'true' && status !== 'false')
    return 'X-WNS-RequestForStatus must be true or false.';
  const tag = single(req, 'x-wns-tag');
  if (tag !== undefined && !LABEL.test(tag)) return 'X-WNS-Tag must be 1-16 alphanumeric characters.';
  const group = single(req, 'x-wns-group');
  if (group !== undefined && !LABEL.test(group)) return 'X-WNS-Group must be 1-16 alphanumeric characters.';
  const ttl = single(req, 'x-wns-ttl');
  if (ttl !== undefined && !/^\d+$/.test(ttl)) return 'X-WNS-TTL must be an integer number of seconds.';
  const suppress = single(req, 'x-wns-suppresspopup');
  if (suppress !== undefined && suppress !== 'true' && suppress !== 'false')
    return 'X-WNS-SuppressPopup must be true or false.';
  // Windows channels drop SuppressPopup notifications with an error (§3.3).
  if (suppress === 'true') return 'X-WNS-SuppressPopup is only supported on Windows Phone channels.';
  const priority = single(req, 'x-wns-priority');
  if (priority !== undefined) {
    const min = checks.priorityZero ? 0 : 1;
    if (!/^\d$/.test(priority) || Number(priority) < min || Number(priority) > 4) {
      return `X-WNS-PRIORITY must be ${min}-4.`;
    }
  }
  return null;
}

/** POST (or DELETE with X-WNS-Match) on `/w/?token=…`: one emulated device's channel. */
export async function handleChannel(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: ChannelContext,
): Promise<void> {
  const channel = ctx.store.channelByToken(url.searchParams.get('token') ?? '');
  const fault = ctx.faults.pick({ path: url.pathname, ...(channel ? { device: channel.id } : {}) });
  if (fault) {
    if (fault.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    else if (fault.kind === 'status') {
      await readCapped(req, WNS_MAX_PAYLOAD_BYTES);
      const retry: Record<string, string> =
        fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
      return sendWnsError(req, res, fault.status, fault.reason ?? `Injected fault ${fault.status}.`, retry);
    } else {
      // WNS is HTTP/1.1 only: there is no GOAWAY, so both end the connection without an answer.
      req.socket.destroy();
      return;
    }
  }
  if (req.method !== 'POST' && req.method !== 'DELETE') {
    return sendWnsError(req, res, 405, 'Only POST and DELETE are allowed on a channel URI.', { Allow: 'POST, DELETE' });
  }
  const { body, size } = await readCapped(req, WNS_MAX_PAYLOAD_BYTES);

  const auth = /^Bearer\s+(\S+)$/i.exec(single(req, 'authorization') ?? '');
  if (!auth) {
    return sendWnsError(req, res, 401, 'Missing or malformed Authorization header.', {
      'WWW-Authenticate': 'Bearer error="invalid_request",error_description="Invalid token"',
    });
  }
  const token = ctx.issuer.check(auth[1]!);
  if (token === 'invalid' || token === 'expired') {
    const description = token === 'expired' ? 'Token expired' : 'Invalid token';
    return sendWnsError(req, res, 401, `The access token is ${token}.`, {
      'WWW-Authenticate': `Bearer error="invalid_request",error_description="${description}"`,
    });
  }
  // A token for another resource is refused whether or not the check that minted it is still on:
  // no such token is good for WNS. WNS documents only "invalid or expired token" for 401 (§3.4).
  if (token.audience !== WNS_TOKEN_AUDIENCE) {
    return sendWnsError(req, res, 401, `The access token is for ${token.audience}, not ${WNS_TOKEN_AUDIENCE}.`, {
      'WWW-Authenticate': 'Bearer error="invalid_request",error_description="Invalid token"',
    });
  }
  if (!channel || channel.state === 'expired')
    return sendWnsError(req, res, 404, 'The channel URI is not valid or has expired.');
  if (channel.state === 'gone') return sendWnsError(req, res, 410, 'The channel has expired.');
  if (channel.owner !== null && channel.owner !== token.clientId) {
    if (token.flow === 'entra' && ctx.checks.bareEntraForbidden) {
      // WNS refuses an Entra app not associated with the package before it looks at the channel:
      // a bare 403, no X-WNS headers at all (WindowsAppSDK #6301, #6574).
      res.writeHead(403, { 'Content-Length': '0' });
      res.end();
      return;
    }
    return sendWnsError(req, res, 403, 'The credentials are not authorized to send to this channel.');
  }
  if (req.method === 'DELETE') return deleteMatching(req, res, channel, ctx);

  const type = single(req, 'x-wns-type');
  if (type === undefined || !TYPES.has(type)) {
    return sendWnsError(req, res, 400, 'X-WNS-Type must be wns/toast, wns/tile, wns/badge or wns/raw.');
  }
  const contentType = (single(req, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const expected = type === 'wns/raw' ? 'application/octet-stream' : 'text/xml';
  if (contentType !== expected) {
    return sendWnsError(req, res, 400, `Content-Type must be ${expected} for ${type}, not "${contentType}".`);
  }
  const headerProblem = checkOptionalHeaders(req, ctx.checks);
  if (headerProblem) return sendWnsError(req, res, 400, headerProblem);
  if (size > WNS_MAX_PAYLOAD_BYTES) {
    return sendWnsError(
      req,
      res,
      413,
      `The notification payload exceeds the ${WNS_MAX_PAYLOAD_BYTES} byte size limit.`,
    );
  }
  const payload = body.toString('utf8');
  if (ctx.checks.xmlSchema && type !== 'wns/raw') {
    const kind = type.slice(4) as 'toast' | 'tile' | 'badge';
    const problem = preflightWns({ target: 'https://x.notify.windows.com/', options: { type: kind }, payload }).find(
      (issue) => issue.severity === 'error',
    );
    if (problem) return sendWnsError(req, res, 400, `The payload is not valid ${type} XML: ${problem.message}`);
  }
  return accept(req, res, channel, type, payload, ctx);
}

function accept(
  req: IncomingMessage,
  res: ServerResponse,
  channel: ChannelRecord,
  type: string,
  payload: string,
  ctx: ChannelContext,
): void {
  const cachePolicy = single(req, 'x-wns-cache-policy') ?? (type === 'wns/raw' ? 'no-cache' : 'cache');
  const online = channel.connection === 'connected';
  // Offline: toasts are dropped; tile, badge and raw with `cache` wait (one per type) (§3.3).
  const delivered = online || (type !== 'wns/toast' && cachePolicy === 'cache');
  const msgId = randomBytes(8).toString('hex').toUpperCase();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.startsWith('x-wns-') || name === 'content-type' || name === 'ms-cv') headers[name] = String(value);
  }
  if (delivered) {
    ctx.inbox.record({
      provider: 'wns',
      device: channel.id,
      headers,
      payload,
      details: { type, msgId, cached: !online },
    });
  }
  const status = delivered ? 'received' : 'dropped';
  const answer: Record<string, string> = {
    ...traceHeaders(req),
    [ctx.checks.legacyStatusHeader ? 'X-WNS-NotificationStatus' : 'X-WNS-Status']: status,
    'X-WNS-Msg-ID': msgId,
    'Content-Length': '0',
  };
  if (single(req, 'x-wns-requestforstatus') === 'true') answer['X-WNS-DeviceConnectionStatus'] = channel.connection;
  res.writeHead(200, answer);
  res.end();
}

/** DELETE with X-WNS-Match removes matching notifications (Windows Phone Action Center). */
function deleteMatching(req: IncomingMessage, res: ServerResponse, channel: ChannelRecord, ctx: ChannelContext): void {
  const match = single(req, 'x-wns-match');
  if (match === undefined || !MATCH.test(match)) {
    return sendWnsError(
      req,
      res,
      400,
      'DELETE needs X-WNS-Match: type:wns/toast;tag=… | group=… | group=…;tag=… | all.',
    );
  }
  ctx.inbox.record({
    provider: 'wns',
    device: channel.id,
    headers: { 'x-wns-match': match },
    payload: '',
    details: { deleted: match },
  });
  const statusHeader = ctx.checks.legacyStatusHeader ? 'X-WNS-NotificationStatus' : 'X-WNS-Status';
  res.writeHead(200, { ...traceHeaders(req), [statusHeader]: 'received', 'Content-Length': '0' });
  res.end();
}
