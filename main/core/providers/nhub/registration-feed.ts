import { createRequire } from 'node:module';
import type { X2jOptions, XMLParser } from 'fast-xml-parser';
import type * as FastXmlParser from 'fast-xml-parser';
import type { NhubRegistration } from '../../../../shared/contract/nhub-registrations';

/**
 * Each registration description's PNS handle element and the platform word the hub uses for it
 * (as in a test send's outcome). Template descriptions are `{Kind}TemplateRegistrationDescription`.
 */
const KINDS: Record<string, { handle: string; platform: string }> = {
  Apple: { handle: 'DeviceToken', platform: 'apple' },
  FcmV1: { handle: 'FcmV1RegistrationId', platform: 'fcmv1' },
  Gcm: { handle: 'GcmRegistrationId', platform: 'gcm' },
  Windows: { handle: 'ChannelUri', platform: 'windows' },
  Mpns: { handle: 'ChannelUri', platform: 'windowsphone' },
  Browser: { handle: 'Endpoint', platform: 'browser' },
  Adm: { handle: 'AdmRegistrationId', platform: 'adm' },
  Baidu: { handle: 'BaiduChannelId', platform: 'baidu' },
  Xiaomi: { handle: 'XiaomiRegistrationId', platform: 'xiaomi' },
};

/** The tag the hub adds to every registration an installation makes. */
const INSTALLATION_TAG = /^\$InstallationId:\{?(.*?)\}?$/;

// Namespace prefixes dropped (`a:Tags` and `Tags` are the same field); values kept as text, so a
// handle of digits stays a string; CDATA (template bodies) is merged into the text.
const PARSER_OPTIONS: X2jOptions = {
  ignoreAttributes: false,
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (_name, path) => path === 'feed.entry',
  processEntities: true,
};

const require = createRequire(import.meta.url);

/**
 * fast-xml-parser's one-file CommonJS build, required when a feed is read: its ES module build is
 * dozens of files, about 30 ms of every CLI start, and only the registrations view needs it.
 */
function newParser(): XMLParser {
  const { XMLParser: Parser } = require('fast-xml-parser') as typeof FastXmlParser;
  return new Parser(PARSER_OPTIONS);
}

export class RegistrationFeedError extends Error {}

type Node = Record<string, unknown>;

function text(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'object' && '#text' in value) return String((value as Node)['#text']).trim();
  // An empty element (`<Tags/>`) parses to '' or an attributes-only object.
  return typeof value === 'object' ? '' : String(value).trim();
}

function registration(description: string, body: Node): NhubRegistration {
  const template = description.endsWith('TemplateRegistrationDescription');
  const kind = description.replace(/(Template)?RegistrationDescription$/, '');
  const known = KINDS[kind];
  const tags = (text(body['Tags']) ?? '')
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
  const installationTag = tags.map((tag) => INSTALLATION_TAG.exec(tag)?.[1]).find((id) => id !== undefined);
  return {
    registrationId: text(body['RegistrationId']) ?? '',
    kind: template ? `${kind}Template` : kind,
    platform: known?.platform ?? kind.toLowerCase(),
    handle: (known ? text(body[known.handle]) : null) ?? '',
    tags,
    templateName: template ? text(body['TemplateName']) || null : null,
    bodyTemplate: template ? text(body['BodyTemplate']) : null,
    expirationTime: text(body['ExpirationTime']) || null,
    etag: text(body['ETag']) || null,
    installationId: installationTag ?? null,
  };
}

/**
 * An Atom feed of registration descriptions (Read All Registrations, by tag, by channel). An
 * entry's `<content>` holds one `{Kind}RegistrationDescription`. Throws RegistrationFeedError when
 * the text is not such a feed.
 */
export function parseRegistrationFeed(xml: string): NhubRegistration[] {
  let document: Node;
  try {
    document = newParser().parse(xml, true) as Node;
  } catch (error) {
    throw new RegistrationFeedError(`The answer is not well-formed XML (${(error as Error).message.split('\n')[0]}).`);
  }
  const feed = document['feed'];
  if (feed === undefined || feed === null || typeof feed !== 'object') {
    if (feed === '') return [];
    throw new RegistrationFeedError('The answer is not an Atom feed of registrations.');
  }
  const entries = ((feed as Node)['entry'] as Node[] | undefined) ?? [];
  const out: NhubRegistration[] = [];
  for (const entry of entries) {
    const content = entry['content'];
    if (!content || typeof content !== 'object') continue;
    const description = Object.keys(content).find((key) => key.endsWith('RegistrationDescription'));
    if (!description) continue;
    const body = (content as Node)[description];
    out.push(registration(description, body && typeof body === 'object' ? (body as Node) : {}));
  }
  return out;
}
