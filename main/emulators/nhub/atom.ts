import { parseXml, type XmlElement } from '../../../shared/xml/parse';
import { xmlEscape } from './rest';
import type { RegistrationRecord } from './store';

type Platform = RegistrationRecord['platform'];

/** Each `{Kind}RegistrationDescription` the SDKs send: its platform, handle element and other fields. */
const KINDS: Record<string, { platform: Platform; handle: string; extra?: string[]; headers?: string }> = {
  Apple: { platform: 'apple', handle: 'DeviceToken', headers: 'Apns' },
  Gcm: { platform: 'gcm', handle: 'GcmRegistrationId' },
  FcmV1: { platform: 'fcmv1', handle: 'FcmV1RegistrationId' },
  Windows: { platform: 'windows', handle: 'ChannelUri', headers: 'Wns' },
  Browser: { platform: 'browser', handle: 'Endpoint', extra: ['P256DH', 'Auth'] },
  Adm: { platform: 'adm', handle: 'AdmRegistrationId' },
  Baidu: { platform: 'baidu', handle: 'BaiduChannelId', extra: ['BaiduUserId'] },
  Xiaomi: { platform: 'xiaomi', handle: 'XiaomiRegistrationId' },
};

/** `$filter` fields by the handle element name, as the SDK's listRegistrationsByChannel builds them. */
export const HANDLE_FIELDS: Record<string, { platform: Platform; extra?: string }> = Object.fromEntries(
  Object.values(KINDS).flatMap((kind) => [
    [kind.handle, { platform: kind.platform }],
    ...(kind.extra ?? []).map((field) => [field, { platform: kind.platform, extra: field }]),
  ]),
);

const SERVICE_NS = 'http://schemas.microsoft.com/netservices/2010/10/servicebus/connect';
const NEVER_EXPIRES = '9999-12-31T23:59:59.9999999Z';

function localName(element: XmlElement): string {
  return element.name.slice(element.name.indexOf(':') + 1);
}

function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => localName(c) === name);
}

/** What an incoming Atom entry describes; the route fills in id, hub and etag. */
export type RegistrationFields = Pick<
  RegistrationRecord,
  'platform' | 'handle' | 'tags' | 'template' | 'templateName' | 'pushVariables' | 'extra' | 'headers'
>;

/** Reads a `<entry><content><{Kind}[Template]RegistrationDescription>` body; a string is the 400's detail. */
export function parseRegistrationEntry(text: string): RegistrationFields | string {
  const parsed = parseXml(text);
  if (!parsed.ok) return `The body is not well-formed XML (line ${parsed.line}: ${parsed.message}).`;
  const content = localName(parsed.root) === 'entry' ? child(parsed.root, 'content') : undefined;
  const description = content?.children[0];
  const match = description ? /^(\w+?)(Template)?RegistrationDescription$/.exec(localName(description)) : null;
  const kind = match ? KINDS[match[1]!] : undefined;
  if (!description || !match || !kind) {
    return 'The body must be an Atom entry whose content is a supported *RegistrationDescription.';
  }
  const text_ = (name: string) => child(description, name)?.text.trim();
  const handle = text_(kind.handle);
  if (!handle) return `${localName(description)} needs ${kind.handle}.`;
  const fields: RegistrationFields = {
    platform: kind.platform,
    handle,
    tags: (text_('Tags') ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
  };
  for (const name of kind.extra ?? []) {
    const value = text_(name);
    if (!value) return `${localName(description)} needs ${name}.`;
    fields.extra = { ...fields.extra, [name]: value };
  }
  if (match[2]) {
    const body = child(description, 'BodyTemplate')?.text;
    if (body === undefined || body.trim() === '') return `${localName(description)} needs BodyTemplate.`;
    fields.template = body.trim();
    const name = text_('TemplateName');
    if (name) fields.templateName = name;
    const headers = kind.headers ? child(description, `${kind.headers}Headers`) : undefined;
    for (const entry of headers?.children ?? []) {
      const key = child(entry, 'Header')?.text.trim();
      if (key) fields.headers = { ...fields.headers, [key]: child(entry, 'Value')?.text.trim() ?? '' };
    }
  }
  const variables = text_('PushVariables');
  if (variables) {
    try {
      fields.pushVariables = JSON.parse(variables) as Record<string, string>;
    } catch {
      return 'PushVariables must be a JSON object.';
    }
  }
  return fields;
}

function kindOf(record: RegistrationRecord): [string, (typeof KINDS)[string]] {
  const entry = Object.entries(KINDS).find(([, kind]) => kind.platform === record.platform)!;
  return [`${entry[0]}${record.template !== undefined ? 'Template' : ''}`, entry[1]];
}

const element = (name: string, value: string | undefined) =>
  value === undefined ? '' : `<${name}>${xmlEscape(value)}</${name}>`;

function descriptionXml(record: RegistrationRecord): string {
  const [kindName, kind] = kindOf(record);
  const etag = String(record.etag ?? 1);
  const headers = record.headers
    ? `<${kind.headers}Headers>${Object.entries(record.headers)
        .map(([h, v]) => `<${kind.headers}Header>${element('Header', h)}${element('Value', v)}</${kind.headers}Header>`)
        .join('')}</${kind.headers}Headers>`
    : '';
  return (
    `<${kindName}RegistrationDescription xmlns="${SERVICE_NS}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">` +
    element('ExpirationTime', record.expirationTime ?? NEVER_EXPIRES) +
    element('RegistrationId', record.registrationId) +
    element('ETag', etag) +
    (record.tags.length > 0 ? element('Tags', record.tags.join(',')) : '') +
    (record.pushVariables ? element('PushVariables', JSON.stringify(record.pushVariables)) : '') +
    element(kind.handle, record.handle) +
    (kind.extra ?? []).map((name) => element(name, record.extra?.[name] ?? '')).join('') +
    (record.template !== undefined
      ? element('BodyTemplate', record.template) + element('TemplateName', record.templateName) + headers
      : '') +
    `</${kindName}RegistrationDescription>`
  );
}

/** One registration as the service's Atom entry; `origin` is `https://{namespace or host:port}`. */
export function registrationEntryXml(record: RegistrationRecord, origin: string, root = true): string {
  const self = `${origin}/${record.hub}/registrations/${record.registrationId}?api-version=2020-06`;
  const etag = String(record.etag ?? 1);
  return (
    (root
      ? `<entry a:etag="W/&quot;${etag}&quot;" xmlns="http://www.w3.org/2005/Atom" xmlns:a="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata">`
      : `<entry a:etag="W/&quot;${etag}&quot;" xmlns:a="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata">`) +
    `<id>${xmlEscape(self)}</id><title type="text">${xmlEscape(record.registrationId)}</title>` +
    `<published>${record.createdAt}</published><updated>${record.updatedAt ?? record.createdAt}</updated>` +
    `<link rel="self" href="${xmlEscape(self)}"/>` +
    `<content type="application/xml">${descriptionXml(record)}</content></entry>`
  );
}

/** A page of registrations as the service's Atom feed. */
export function registrationFeedXml(records: RegistrationRecord[], origin: string, selfPath: string): string {
  const self = `${origin}${selfPath}`;
  return (
    '<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">Registrations</title>' +
    `<id>${xmlEscape(self)}</id><updated>${new Date().toISOString()}</updated><link rel="self" href="${xmlEscape(self)}"/>` +
    records.map((r) => registrationEntryXml(r, origin, false)).join('') +
    '</feed>'
  );
}
