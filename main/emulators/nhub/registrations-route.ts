import type { IncomingMessage, ServerResponse } from 'node:http';
import { isValidTag } from '../../../shared/providers/nhub/tag-expression';
import { HANDLE_FIELDS, parseRegistrationEntry, registrationEntryXml, registrationFeedXml } from './atom';
import { authorize, header, locationOrigin, readBounded, sendEmpty, sendError, type RestContext } from './rest';
import type { RegistrationRecord } from './store';
import { installationRegistrations } from './targets';

const ENTRY_TYPE = 'application/atom+xml;type=entry;charset=utf-8';
const FEED_TYPE = 'application/atom+xml;type=feed;charset=utf-8';
const PAGE_DEFAULT = 100;

function sendXml(res: ServerResponse, status: number, type: string, xml: string, extra: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': type, 'content-length': String(Buffer.byteLength(xml)), ...extra });
  res.end(xml);
}

function weakEtag(record: RegistrationRecord): string {
  return `W/"${record.etag ?? 1}"`;
}

/** If-Match as the SDK sends it (`"3"`, `W/"3"` or `*`); true when it allows the write. */
function etagMatches(req: IncomingMessage, record: RegistrationRecord): boolean {
  const given = header(req, 'if-match');
  if (given === undefined || given.trim() === '*') return true;
  return given.replace(/^W\//, '').replace(/"/g, '').trim() === String(record.etag ?? 1);
}

/**
 * `$filter` as the SDK builds it: `Field eq 'value'` joined by `and` (DeviceToken, ChannelUri,
 * GcmRegistrationId, FcmV1RegistrationId, AdmRegistrationId, XiaomiRegistrationId, BaiduChannelId,
 * BaiduUserId, Endpoint, P256DH, Auth). ChannelUri and Endpoint arrive URL-encoded, DeviceToken upper-cased.
 */
function filterPredicate(text: string): ((r: RegistrationRecord) => boolean) | string {
  const tests: Array<(r: RegistrationRecord) => boolean> = [];
  for (const clause of text.split(/\s+and\s+/i)) {
    const match = /^\s*(\w+)\s+eq\s+'?([^']*)'?\s*$/i.exec(clause);
    const field = match ? HANDLE_FIELDS[match[1]!] : undefined;
    if (!match || !field) return `The $filter clause '${clause.trim()}' is not supported.`;
    const raw = match[2]!;
    let decoded = raw;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      // Not URL-encoded: compared as written.
    }
    const same = (value: string | undefined) =>
      value !== undefined &&
      (value === raw || value === decoded || (field.platform === 'apple' && value.toUpperCase() === raw.toUpperCase()));
    tests.push((r) => r.platform === field.platform && same(field.extra ? r.extra?.[field.extra] : r.handle));
  }
  return (r) => tests.every((test) => test(r));
}

function encodeToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function decodeToken(token: string): number | null {
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : null;
}

/** A page of registrations: `$top` (default and most 100), `continuationtoken` in, `X-MS-ContinuationToken` out. */
function listPage(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  records: RegistrationRecord[],
  origin: string,
): void {
  const topText = url.searchParams.get('$top');
  const top = topText === null ? PAGE_DEFAULT : Number(topText);
  if (!Number.isInteger(top) || top < 1)
    return sendError(res, 400, 'BadRequest', `$top '${topText}' is not a positive whole number.`);
  const tokenText = url.searchParams.get('continuationtoken');
  const offset = tokenText === null ? 0 : decodeToken(tokenText);
  if (offset === null) return sendError(res, 400, 'BadRequest', 'The continuation token is not one this hub issued.');
  const size = Math.min(top, PAGE_DEFAULT);
  const page = records.slice(offset, offset + size);
  const more = offset + size < records.length;
  sendXml(
    res,
    200,
    FEED_TYPE,
    registrationFeedXml(page, origin, url.pathname),
    more ? { 'x-ms-continuationtoken': encodeToken(offset + size) } : {},
  );
}

/**
 * `/{hub}/registrations/…`, `/{hub}/tags/{tag}/registrations` and `/{hub}/registrationIDs`.
 * Returns false when the path is none of them.
 */
export async function handleRegistrations(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: RestContext,
): Promise<boolean> {
  const method = req.method ?? 'GET';
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const [hub, collection, second, third] = parts;
  if (!hub) return false;
  const isIds = collection?.toLowerCase() === 'registrationids' && parts.length === 2;
  const isCollection = collection === 'registrations' && parts.length === 2;
  const isItem = collection === 'registrations' && parts.length === 3;
  const isByTag = collection === 'tags' && third === 'registrations' && parts.length === 4;
  if (!isIds && !isCollection && !isItem && !isByTag) return false;

  const listing = method === 'GET' && (isCollection || isByTag);
  const auth = authorize(req, res, hub, ctx, collection!, listing ? ['Manage'] : ['Listen', 'Manage']);
  if (!auth) return true;
  const origin = locationOrigin(req, auth.namespace);
  // An installation's registrations are listed and read like any other, as the service lists them.
  const all = () => [
    ...ctx.store.registrations(auth.namespace, hub),
    ...installationRegistrations(ctx.store, auth.namespace, hub),
  ];

  if (isIds) {
    if (method !== 'POST') return (sendError(res, 405, 'MethodNotAllowed', `${method} on registrationIDs.`), true);
    const id = ctx.store.newRegistrationId();
    sendEmpty(res, 201, { location: `${origin}/${hub}/registrations/${id}?api-version=2020-06` });
    return true;
  }
  if (isByTag) {
    if (method !== 'GET') return (sendError(res, 405, 'MethodNotAllowed', `${method} on a tag's registrations.`), true);
    if (!isValidTag(second!)) return (sendError(res, 400, 'InvalidTags', `'${second}' is not a valid tag.`), true);
    listPage(
      req,
      res,
      url,
      all().filter((r) => r.tags.includes(second!)),
      origin,
    );
    return true;
  }
  if (isCollection && method === 'GET') {
    const filterText = url.searchParams.get('$filter');
    const predicate = filterText ? filterPredicate(filterText) : () => true;
    if (typeof predicate === 'string') return (sendError(res, 400, 'BadRequest', predicate), true);
    listPage(req, res, url, all().filter(predicate), origin);
    return true;
  }

  const id = second;
  const existing = id ? ctx.store.registration(auth.namespace, hub, id) : undefined;
  if (isItem && method === 'GET') {
    const found = existing ?? all().find((r) => r.registrationId === id);
    if (!found) return (sendError(res, 404, 'RegistrationNotFound', `No registration ${id} in hub ${hub}.`), true);
    sendXml(res, 200, ENTRY_TYPE, registrationEntryXml(found, origin), { etag: weakEtag(found) });
    return true;
  }
  const derived = isItem && !existing ? all().find((r) => r.registrationId === id) : undefined;
  if (derived) {
    sendError(
      res,
      400,
      'BadRequest',
      `Registration ${id} belongs to installation ${derived.installationId}: change or delete the installation instead.`,
    );
    return true;
  }
  if (isItem && method === 'DELETE') {
    if (!existing) return (sendError(res, 404, 'RegistrationNotFound', `No registration ${id} in hub ${hub}.`), true);
    if (!etagMatches(req, existing)) return (preconditionFailed(res, existing), true);
    ctx.store.removeRegistration(existing.registrationId);
    sendEmpty(res, 200);
    return true;
  }
  if ((isCollection && method === 'POST') || (isItem && method === 'PUT')) {
    const { body } = await readBounded(req, 64 * 1024);
    if (!body) return (sendError(res, 413, 'PayloadTooLarge', 'A registration is at most 64 KB.'), true);
    const fields = parseRegistrationEntry(body.toString('utf8'));
    if (typeof fields === 'string') return (sendError(res, 400, 'BadRequest', fields), true);
    // An update names its ETag (If-Match); without one, PUT creates or overwrites.
    const isUpdate = isItem && header(req, 'if-match') !== undefined;
    if (isUpdate && !existing)
      return (sendError(res, 404, 'RegistrationNotFound', `No registration ${id} in hub ${hub}.`), true);
    if (existing && !etagMatches(req, existing)) return (preconditionFailed(res, existing), true);
    const now = new Date(ctx.now()).toISOString();
    const record: RegistrationRecord = {
      ...fields,
      registrationId: isItem ? id! : ctx.store.newRegistrationId(),
      namespace: auth.namespace,
      hub,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
      etag: (existing?.etag ?? 0) + 1,
    };
    ctx.store.putRegistration(record);
    // Create answers 200; create-or-update and update answer 201, as their pages say.
    sendXml(res, isItem ? 201 : 200, ENTRY_TYPE, registrationEntryXml(record, origin), { etag: weakEtag(record) });
    return true;
  }
  sendError(res, 405, 'MethodNotAllowed', `${method} is not allowed on ${url.pathname}.`);
  return true;
}

function preconditionFailed(res: ServerResponse, record: RegistrationRecord): void {
  sendError(
    res,
    412,
    'PreconditionFailed',
    `The ETag does not match the registration's current ETag ${weakEtag(record)}.`,
  );
}
