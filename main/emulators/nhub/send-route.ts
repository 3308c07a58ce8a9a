import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { evaluateTagExpression, parseTagExpression, type TagNode } from '../../../shared/providers/nhub/tag-expression';
import { expandTemplate } from '../../../shared/providers/nhub/template';
import { parseXml } from '../../../shared/xml/parse';
import type { FaultInjector } from '../common/faults';
import type { Inbox } from '../common/inbox';
import { verifySas } from './auth';
import { forwardToPeer, type PeerDirectory } from './forward';
import { NHUB_ENTITY_LIMIT, platformLimit, sizeRefusal } from './limits';
import { namespaceHost, type NhubStore, type RegistrationRecord } from './store';

export const NHUB_FORMATS = ['apple', 'fcmv1', 'gcm', 'windows', 'template', 'browser', 'adm', 'baidu', 'xiaomi'];
const TEST_SEND_LIMIT = 10;

/** Checks marked [?] in the protocol reference. */
export interface NhubChecks {
  /** Answer 201 Created (what SDKs expect); off: 200 like the per-platform REST pages. */
  created201: boolean;
  /** Refuse a Content-Type that does not fit the format. */
  contentType: boolean;
  /** Refuse a windows (toast, tile, badge) payload that is not well-formed XML: 400, "bad message format". */
  windowsXml: boolean;
  /** The windows limit is 5000 bytes (WNS's 413 text); off: 5120, the NH raw doc's "5 KB". */
  wnsLimit5000: boolean;
  /** Refuse browser plaintext over 3,993 bytes (4,096 encrypted, what every push service must take); off: 64 KB only. */
  browserLimit: boolean;
}
export const DEFAULT_CHECKS: NhubChecks = {
  created201: true,
  contentType: true,
  windowsXml: true,
  wnsLimit5000: true,
  browserLimit: true,
};

export interface SendContext {
  store: NhubStore;
  inbox: Inbox;
  faults: FaultInjector;
  checks: NhubChecks;
  now: () => number;
  /** A fresh view of the peer emulators' devices for each send. */
  peerDirectory: () => PeerDirectory;
  quota: { remaining: number | null };
}

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function sendError(
  res: ServerResponse,
  status: number,
  reason: string,
  detail: string,
  extra: Record<string, string> = {},
): void {
  const trackingId = randomUUID();
  const body = `<Error><Code>${status}</Code><Detail>${xmlEscape(`${reason}: ${detail}`)} TrackingId:${trackingId},TimeStamp:${new Date().toISOString()}</Detail></Error>`;
  res.writeHead(status, {
    'content-type': 'application/xml; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    trackingid: trackingId,
    ...extra,
  });
  res.end(body);
}

const API_VERSION = /^(\d{4})-(\d{2})$/;
function apiVersionAccepted(version: string | null): boolean {
  const match = version ? API_VERSION.exec(version) : null;
  if (!match) return false;
  const value = Number(match[1]) * 100 + Number(match[2]);
  return value >= 201310 && value <= 202006;
}

/**
 * The body when it is at most `limit` bytes; past that, the rest is read and dropped so the
 * client, still writing, gets the 413 instead of a reset connection.
 */
async function readBounded(req: IncomingMessage, limit: number): Promise<{ body: Buffer | null; bytes: number }> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes <= limit) chunks.push(chunk);
  }
  return { body: bytes <= limit ? Buffer.concat(chunks) : null, bytes };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

function validatePayload(format: string, body: string, wnsType: string | undefined, checks: NhubChecks): string | null {
  if (format === 'windows') {
    if (!wnsType) return 'The X-WNS-Type header is required for the windows format.';
    if (wnsType === 'wns/raw') return null;
    if (!/^\s*</.test(body)) return 'The windows payload must be XML.';
    const parsed = checks.windowsXml ? parseXml(body) : null;
    if (parsed && !parsed.ok) {
      return `The windows payload is not well-formed XML (line ${parsed.line}, column ${parsed.column}: ${parsed.message}).`;
    }
    return null;
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return `The ${format} payload is not valid JSON.`;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return `The ${format} payload must be a JSON object.`;
  if (format === 'template' && Object.values(value).some((v) => typeof v !== 'string')) {
    return 'Template properties must all be strings.';
  }
  if (format === 'fcmv1' && typeof (value as Record<string, unknown>)['message'] !== 'object') {
    return 'The fcmv1 payload must be {"message": {…}}.';
  }
  return null;
}

function outcomeXml(
  success: number,
  failure: number,
  results: Array<{ platform: string; handle: string; registrationId: string; outcome: string }>,
): string {
  const items = results
    .map(
      (r) =>
        `<RegistrationResult><ApplicationPlatform>${xmlEscape(r.platform)}</ApplicationPlatform><PnsHandle>${xmlEscape(r.handle)}</PnsHandle><RegistrationId>${xmlEscape(r.registrationId)}</RegistrationId><Outcome>${xmlEscape(r.outcome)}</Outcome></RegistrationResult>`,
    )
    .join('');
  return (
    '<NotificationOutcome xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.microsoft.com/netservices/2010/10/servicebus/connect">' +
    `<Success>${success}</Success><Failure>${failure}</Failure>${items ? `<Results>${items}</Results>` : '<Results />'}</NotificationOutcome>`
  );
}

function forwardedHeaders(req: IncomingMessage, format: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value !== 'string') continue;
    if ((format === 'apple' || format === 'template') && name.startsWith('apns-')) out[name] = value;
    if ((format === 'windows' || format === 'template') && name.startsWith('x-wns-')) out[name] = value;
  }
  return out;
}

/** `POST /{hub}/messages/` — the whole send path with the service's checks in its order. */
export async function handleSend(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  hub: string,
  ctx: SendContext,
): Promise<void> {
  const auth = verifySas({
    authorization: header(req, 'authorization'),
    hub,
    store: ctx.store,
    nowSeconds: Math.floor(ctx.now() / 1000),
  });
  if (!auth.ok) return sendError(res, auth.failure.status, auth.failure.reason, auth.failure.detail);
  const direct = url.searchParams.has('direct') && url.searchParams.get('direct') !== 'false';
  const test = url.searchParams.has('test') && url.searchParams.get('test') !== 'false';
  const handle = header(req, 'servicebusnotification-devicehandle');
  const tagsText = header(req, 'servicebusnotification-tags');

  const fault = ctx.faults.pick({
    path: url.pathname,
    ...(handle ? { device: handle } : tagsText ? { device: tagsText } : {}),
  });
  if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
  else if (fault?.kind === 'reset' || fault?.kind === 'goaway') {
    req.socket.destroy();
    return;
  } else if (fault?.kind === 'status') {
    const extra: Record<string, string> =
      fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
    return sendError(res, fault.status, fault.reason ?? 'InjectedFault', `Fault rule answered ${fault.status}.`, extra);
  }

  const apiVersion = url.searchParams.get('api-version');
  if (!apiVersionAccepted(apiVersion)) {
    return sendError(
      res,
      400,
      'InvalidApiVersion',
      `The api-version '${apiVersion ?? ''}' is not supported; use 2013-10 to 2020-06.`,
    );
  }
  const format = header(req, 'servicebusnotification-format');
  if (!format || !NHUB_FORMATS.includes(format)) {
    return sendError(res, 400, 'InvalidFormat', `The ServiceBusNotification-Format '${format ?? ''}' is not valid.`);
  }
  const wnsType = header(req, 'x-wns-type');
  const contentType = (header(req, 'content-type') ?? '').toLowerCase();
  if (ctx.checks.contentType) {
    const ok = format === 'windows' ? /xml|octet-stream|json/.test(contentType) : contentType.includes('json');
    if (!ok)
      return sendError(
        res,
        400,
        'InvalidContentType',
        `Content-Type '${contentType}' does not fit the ${format} format.`,
      );
  }
  const { body: bodyBuffer, bytes } = await readBounded(req, NHUB_ENTITY_LIMIT);
  const tooLarge = sizeRefusal(
    bytes,
    format,
    platformLimit(format, { apnsPushType: header(req, 'apns-push-type') }, ctx.checks),
  );
  if (tooLarge) return sendError(res, tooLarge.status, tooLarge.reason, tooLarge.detail);
  // Whatever readBounded dropped is past 64 KB, which sizeRefusal has just refused.
  const body = bodyBuffer!.toString('utf8');
  const invalid = validatePayload(format, body, wnsType, ctx.checks);
  if (invalid) return sendError(res, 400, 'InvalidPayload', invalid);

  let expression: TagNode | null = null;
  if (direct) {
    if (!handle)
      return sendError(
        res,
        400,
        'MissingDeviceHandle',
        'A direct send needs the ServiceBusNotification-DeviceHandle header.',
      );
    if (format === 'template')
      return sendError(res, 400, 'InvalidFormat', 'Direct sends take a native format, not template.');
    if (test) return sendError(res, 400, 'BadRequest', 'Test send is not supported for direct sends.');
  } else if (tagsText !== undefined && tagsText.trim() !== '') {
    const parsed = parseTagExpression(tagsText);
    if (!parsed.ok) return sendError(res, 400, 'InvalidTags', parsed.error.message);
    expression = parsed.ast;
  }
  if (ctx.quota.remaining !== null) {
    if (ctx.quota.remaining <= 0)
      return sendError(res, 403, 'QuotaExceeded', 'The namespace message quota for this tier is used up.');
    ctx.quota.remaining -= 1;
  }

  const headers = forwardedHeaders(req, format);
  const results: Array<{ platform: string; handle: string; registrationId: string; outcome: string }> = [];
  let success = 0;
  let failure = 0;
  const directory = ctx.peerDirectory();
  const deliver = async (platform: string, target: string, payload: string, registrationId: string | null) => {
    const forwarded = await forwardToPeer({ platform, handle: target, payload, headers, registrationId, directory });
    if (forwarded.delivered) {
      success += 1;
      ctx.inbox.record({
        provider: 'nhub',
        device: registrationId ?? target,
        headers: { ...headers, 'servicebusnotification-format': format },
        payload,
        details: { platform, handle: target, forwardedTo: forwarded.peer, test },
      });
    } else failure += 1;
    if (registrationId) results.push({ platform, handle: target, registrationId, outcome: forwarded.outcome });
  };

  if (direct) await deliver(format, handle!, body, null);
  else {
    const matches = ctx.store.registrations(auth.namespace, hub).filter((r: RegistrationRecord) => {
      const formatFits =
        format === 'template' ? r.template !== undefined : r.template === undefined && r.platform === format;
      return formatFits && (expression === null || evaluateTagExpression(expression, new Set(r.tags)));
    });
    const properties: Record<string, string> =
      format === 'template' ? (JSON.parse(body) as Record<string, string>) : {};
    for (const registration of test ? matches.slice(0, TEST_SEND_LIMIT) : matches) {
      const payload =
        registration.template !== undefined ? expandTemplate(registration.template, properties).payload : body;
      await deliver(registration.platform, registration.handle, payload, registration.registrationId);
    }
  }

  const notificationId = randomUUID().replace(/-/g, '');
  const trackingId = header(req, 'trackingid') ?? randomUUID();
  // A client pointed straight at the emulator (namespace = its own host) gets a Location it can follow.
  const requestHost = header(req, 'host') ?? '';
  const locationHost = namespaceHost(requestHost) === auth.namespace ? requestHost : auth.namespace;
  const responseHeaders: Record<string, string> = {
    location: `https://${locationHost}/${hub}/messages/${notificationId}?api-version=2020-06`,
    trackingid: trackingId,
    'x-ms-correlation-request-id': randomUUID(),
  };
  const status = ctx.checks.created201 ? 201 : 200;
  if (test) {
    const xml = outcomeXml(success, failure, results);
    res.writeHead(status, {
      ...responseHeaders,
      'content-type': 'application/xml; charset=utf-8',
      'content-length': String(Buffer.byteLength(xml)),
    });
    res.end(xml);
    return;
  }
  res.writeHead(status, { ...responseHeaders, 'content-length': '0' });
  res.end();
}
