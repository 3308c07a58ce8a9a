import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { evaluateTagExpression, parseTagExpression, type TagNode } from '../../../shared/providers/nhub/tag-expression';
import { expandTemplate, fcmV1Envelope } from '../../../shared/providers/nhub/template';
import { parseXml } from '../../../shared/xml/parse';
import type { FaultInjector } from '../common/faults';
import type { Inbox } from '../common/inbox';
import { forwardToPeer, type PeerDirectory } from './forward';
import { NHUB_ENTITY_LIMIT, platformLimit, sizeRefusal } from './limits';
import { parseBatchBody } from './multipart';
import { authorize, header, locationOrigin, readBounded, sendError, xmlEscape, type RestContext } from './rest';
import { sendTargets } from './targets';

export { sendError } from './rest';

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
  /**
   * An FcmV1 template whose expanded body has no top-level `{"message": {…}}` reaches no device and
   * counts as neither success nor failure (Success 0, Failure 0; azure-notificationhubs-dotnet #313).
   */
  fcmv1TemplateEnvelope: boolean;
}
export const DEFAULT_CHECKS: NhubChecks = {
  created201: true,
  contentType: true,
  windowsXml: true,
  wnsLimit5000: true,
  browserLimit: true,
  fcmv1TemplateEnvelope: true,
};

export interface SendContext extends RestContext {
  inbox: Inbox;
  faults: FaultInjector;
  checks: NhubChecks;
  /** A fresh view of the peer emulators' devices for each send. */
  peerDirectory: () => PeerDirectory;
  quota: { remaining: number | null };
}

const API_VERSION = /^(\d{4})-(\d{2})$/;
function apiVersionAccepted(version: string | null): boolean {
  const match = version ? API_VERSION.exec(version) : null;
  if (!match) return false;
  const value = Number(match[1]) * 100 + Number(match[2]);
  return value >= 201310 && value <= 202006;
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

/** How the request addresses its devices: `messages/` (tags, broadcast, one direct handle), `$batch`, or a schedule. */
export type SendMode = 'messages' | 'batch' | 'scheduled';

/** A send that passed every check, ready to go now or at its scheduled time. */
export interface PreparedSend {
  namespace: string;
  hub: string;
  format: string;
  body: string;
  headers: Record<string, string>;
  expression: TagNode | null;
  /** Direct sends: the handles; null: registrations and installations chosen by tags. */
  handles: string[] | null;
  test: boolean;
}

type RegistrationResult = { platform: string; handle: string; registrationId: string; outcome: string };

/**
 * The send path's checks in the service's order (auth, faults, api-version, format, content type,
 * size, payload, routing, quota). Answers a refusal itself and returns null.
 */
export async function prepareSend(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  hub: string,
  ctx: SendContext,
  mode: SendMode,
): Promise<PreparedSend | null> {
  const resource = mode === 'scheduled' ? 'schedulednotifications' : 'messages';
  const auth = authorize(req, res, hub, ctx, resource, ['Send', 'Manage']);
  if (!auth) return null;
  const direct = mode === 'batch' || (url.searchParams.has('direct') && url.searchParams.get('direct') !== 'false');
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
    return null;
  } else if (fault?.kind === 'status') {
    const extra: Record<string, string> =
      fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
    sendError(res, fault.status, fault.reason ?? 'InjectedFault', `Fault rule answered ${fault.status}.`, extra);
    return null;
  }
  const refuse = (status: number, reason: string, detail: string): null => {
    sendError(res, status, reason, detail);
    return null;
  };

  const apiVersion = url.searchParams.get('api-version');
  if (!apiVersionAccepted(apiVersion)) {
    return refuse(
      400,
      'InvalidApiVersion',
      `The api-version '${apiVersion ?? ''}' is not supported; use 2013-10 to 2020-06.`,
    );
  }
  const format = header(req, 'servicebusnotification-format');
  if (!format || !NHUB_FORMATS.includes(format)) {
    return refuse(400, 'InvalidFormat', `The ServiceBusNotification-Format '${format ?? ''}' is not valid.`);
  }
  const wnsType = header(req, 'x-wns-type');
  const { body: bodyBuffer, bytes } = await readBounded(req, NHUB_ENTITY_LIMIT);
  let contentType = (header(req, 'content-type') ?? '').toLowerCase();
  let body = bodyBuffer?.toString('utf8') ?? '';
  let handles: string[] | null = direct && handle ? [handle] : null;
  if (mode === 'batch' && bodyBuffer) {
    const batch = parseBatchBody(contentType, body);
    if (!batch.ok) return refuse(400, 'InvalidPayload', batch.detail);
    if (batch.handles.length > BATCH_HANDLE_LIMIT) {
      return refuse(400, 'BadRequest', `A $batch send takes at most ${BATCH_HANDLE_LIMIT} device handles.`);
    }
    ({ body, handles } = batch);
    contentType = batch.contentType.toLowerCase();
  }
  if (ctx.checks.contentType) {
    const ok = format === 'windows' ? /xml|octet-stream|json/.test(contentType) : contentType.includes('json');
    if (!ok)
      return refuse(400, 'InvalidContentType', `Content-Type '${contentType}' does not fit the ${format} format.`);
  }
  const limit = platformLimit(format, { apnsPushType: header(req, 'apns-push-type') }, ctx.checks);
  // Whatever readBounded dropped is past 64 KB, which sizeRefusal refuses.
  const tooLarge = sizeRefusal(mode === 'batch' && bodyBuffer ? Buffer.byteLength(body) : bytes, format, limit);
  if (tooLarge) return refuse(tooLarge.status, tooLarge.reason, tooLarge.detail);
  const invalid = validatePayload(format, body, wnsType, ctx.checks);
  if (invalid) return refuse(400, 'InvalidPayload', invalid);

  let expression: TagNode | null = null;
  if (direct) {
    if (mode === 'scheduled') return refuse(400, 'BadRequest', 'Scheduled sends take tags, not device handles.');
    if (!handles)
      return refuse(400, 'MissingDeviceHandle', 'A direct send needs the ServiceBusNotification-DeviceHandle header.');
    if (format === 'template') return refuse(400, 'InvalidFormat', 'Direct sends take a native format, not template.');
    if (test) return refuse(400, 'BadRequest', 'Test send is not supported for direct sends.');
  } else if (tagsText !== undefined && tagsText.trim() !== '') {
    const parsed = parseTagExpression(tagsText);
    if (!parsed.ok) return refuse(400, 'InvalidTags', parsed.error.message);
    expression = parsed.ast;
  }
  if (mode === 'scheduled' && test) return refuse(400, 'BadRequest', 'Test send is not supported for scheduled sends.');
  if (ctx.quota.remaining !== null) {
    if (ctx.quota.remaining <= 0)
      return refuse(403, 'QuotaExceeded', 'The namespace message quota for this tier is used up.');
    ctx.quota.remaining -= 1;
  }
  const headers = forwardedHeaders(req, format);
  return { namespace: auth.namespace, hub, format, body, headers, expression, handles, test };
}

const BATCH_HANDLE_LIMIT = 1000;

/** Delivers a prepared send to its handles or to every matching registration and installation. */
export async function dispatchSend(
  send: PreparedSend,
  ctx: SendContext,
): Promise<{ success: number; failure: number; results: RegistrationResult[] }> {
  const { format, body, headers, test } = send;
  const results: RegistrationResult[] = [];
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

  if (send.handles) {
    for (const handle of send.handles) await deliver(format, handle, body, null);
    return { success, failure, results };
  }
  const expression = send.expression;
  const matches = sendTargets(ctx.store, send.namespace, send.hub).filter((target) => {
    const formatFits =
      format === 'template'
        ? target.template !== undefined
        : target.template === undefined && target.platform === format;
    return formatFits && (expression === null || evaluateTagExpression(expression, target.tags));
  });
  const properties: Record<string, string> = format === 'template' ? (JSON.parse(body) as Record<string, string>) : {};
  for (const target of test ? matches.slice(0, TEST_SEND_LIMIT) : matches) {
    const payload = target.template !== undefined ? expandTemplate(target.template, properties).payload : body;
    // Dropped before the PNS: neither a success nor a failure, and no line in the outcome.
    const unwrapped = target.template !== undefined && target.platform === 'fcmv1' && !fcmV1Envelope(payload).wrapped;
    if (unwrapped && ctx.checks.fcmv1TemplateEnvelope) continue;
    await deliver(target.platform, target.handle, payload, target.registrationId);
  }
  return { success, failure, results };
}

/** The service's success answer: 201 (or 200), Location naming the notification, and the outcome for `&test`. */
export function answerSend(
  req: IncomingMessage,
  res: ServerResponse,
  send: PreparedSend,
  ctx: SendContext,
  location: { collection: string; id: string },
  outcome: { success: number; failure: number; results: RegistrationResult[] } | null,
): void {
  const responseHeaders: Record<string, string> = {
    location: `${locationOrigin(req, send.namespace)}/${send.hub}/${location.collection}/${location.id}?api-version=2020-06`,
    trackingid: header(req, 'trackingid') ?? randomUUID(),
    'x-ms-correlation-request-id': randomUUID(),
  };
  const status = ctx.checks.created201 ? 201 : 200;
  if (send.test && outcome) {
    const xml = outcomeXml(outcome.success, outcome.failure, outcome.results);
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

export function notificationId(): string {
  return randomUUID().replace(/-/g, '');
}

/** `POST /{hub}/messages/` and `POST /{hub}/messages/$batch?direct`. */
export async function handleSend(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  hub: string,
  ctx: SendContext,
  mode: 'messages' | 'batch' = 'messages',
): Promise<void> {
  const send = await prepareSend(req, res, url, hub, ctx, mode);
  if (!send) return;
  const outcome = await dispatchSend(send, ctx);
  answerSend(req, res, send, ctx, { collection: 'messages', id: notificationId() }, outcome);
}
