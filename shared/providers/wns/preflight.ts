import {
  WNS_BADGE_GLYPHS,
  WNS_MAX_PAYLOAD_BYTES,
  WNS_MAX_TAG_LENGTH,
  WNS_PRIORITY_MAX,
  WNS_PRIORITY_MIN,
  type WnsOptionsInput,
  type WnsType,
} from './message';
import { findAll, parseXml, type XmlElement } from '../../xml/parse';
import { formatBytes, type PreflightIssue } from '../../preflight/types';
import { utf8Length } from '../../text';

interface Request {
  target: string;
  options?: WnsOptionsInput | undefined;
  payload: string;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * The HOMEPOT guide expects 100–200 characters. Microsoft calls the URI opaque, so a short one
 * (most likely cut off when copied) is a warning and a long one only a note.
 */
function checkChannelLength(target: string): PreflightIssue[] {
  const path = 'target';
  const url = new URL(target);
  if (!url.searchParams.get('token')) {
    return [
      {
        severity: 'warning',
        code: 'wns.channel.no-token',
        message: 'The channel URI has no ?token=…; WNS channel URIs always carry one.',
        path,
      },
    ];
  }
  if (target.length < 100) {
    return [
      {
        severity: 'warning',
        code: 'wns.channel.short',
        message: `The channel URI is ${target.length} characters; real ones are about 100–200, so it may be cut off.`,
        path,
      },
    ];
  }
  if (target.length > 200) {
    return [
      {
        severity: 'info',
        code: 'wns.channel.long',
        message: `The channel URI is ${target.length} characters, longer than the usual 100–200; fine if copied whole.`,
        path,
      },
    ];
  }
  return [];
}

/**
 * The HOMEPOT guide's INVALID_CHANNEL_URI: a channel URI on a WNS host (*.notify.windows.com)
 * that is not https, which WNS never hands out. A sentence saying so, or null.
 */
export function invalidChannelUriMessage(target: string): string | null {
  let url: URL;
  try {
    url = new URL(target.trim());
  } catch {
    return null;
  }
  const host = url.hostname.toLowerCase();
  if (url.protocol === 'https:' || (host !== 'notify.windows.com' && !host.endsWith('.notify.windows.com'))) {
    return null;
  }
  return `The channel URI is ${url.protocol}//${url.host}/…; WNS channel URIs are always https://, so this one is invalid (INVALID_CHANNEL_URI).`;
}

/** protocols.md §3.2: only send to *.notify.windows.com; validate the domain, not the subdomain. */
export function checkChannelUri(target: string): PreflightIssue[] {
  const path = 'target';
  let url: URL;
  try {
    url = new URL(target.trim());
  } catch {
    return [
      {
        severity: 'error',
        code: 'wns.channel.invalid',
        message: 'The channel URI is not a URL; it should look like https://wns2-by3p.notify.windows.com/?token=…',
        path,
      },
    ];
  }
  if (url.protocol !== 'https:') {
    const message = invalidChannelUriMessage(target) ?? 'The channel URI must use https://.';
    return [{ severity: 'error', code: 'wns.channel.not-https', message, path }];
  }
  const host = url.hostname.toLowerCase();
  if (host.endsWith('.notify.windows.com')) return checkChannelLength(target.trim());
  if (LOOPBACK_HOSTS.has(host)) {
    return [
      {
        severity: 'info',
        code: 'wns.channel.loopback',
        message: `The channel URI points at this computer (${url.host}), e.g. the local WNS emulator.`,
        path,
      },
    ];
  }
  return [
    {
      severity: 'warning',
      code: 'wns.channel.foreign-host',
      message: `${host} is not a *.notify.windows.com host; real channel URIs always are. Send only if this is a proxy you trust.`,
      path,
    },
  ];
}

const ROOT_FOR_TYPE: Record<Exclude<WnsType, 'raw'>, string> = { toast: 'toast', tile: 'tile', badge: 'badge' };

function checkBadge(root: XmlElement): PreflightIssue[] {
  const value = root.attributes['value'];
  if (value === undefined) {
    return [
      { severity: 'error', code: 'wns.badge.no-value', message: '<badge> needs a value attribute.', path: 'payload' },
    ];
  }
  if (/^\d+$/.test(value)) {
    const n = Number(value);
    if (n === 0)
      return [
        { severity: 'info', code: 'wns.badge.clear', message: 'Badge value 0 clears the badge.', path: 'payload' },
      ];
    if (n > 99)
      return [
        {
          severity: 'info',
          code: 'wns.badge.capped',
          message: `Badge value ${value} is shown as "99+".`,
          path: 'payload',
        },
      ];
    return [];
  }
  if ((WNS_BADGE_GLYPHS as readonly string[]).includes(value)) return [];
  return [
    {
      severity: 'error',
      code: 'wns.badge.bad-value',
      message: `Badge value "${value}" is neither a number 1–99 nor a glyph (${WNS_BADGE_GLYPHS.join(', ')}).`,
      path: 'payload',
    },
  ];
}

function checkToast(root: XmlElement): PreflightIssue[] {
  const issues: PreflightIssue[] = [];
  const bindings = findAll(root, 'binding');
  if (bindings.length !== 1) {
    issues.push({
      severity: 'warning',
      code: 'wns.toast.bindings',
      message: `A toast has exactly one <binding> inside <visual>; this one has ${bindings.length}.`,
      path: 'payload',
    });
  }
  const actions = findAll(root, 'action').length;
  const inputs = findAll(root, 'input').length;
  if (actions > 5 || inputs > 5) {
    issues.push({
      severity: 'warning',
      code: 'wns.toast.too-many-actions',
      message: `Windows shows at most 5 actions and 5 inputs; this toast has ${actions} and ${inputs}.`,
      path: 'payload',
    });
  }
  return issues;
}

function checkXml(type: Exclude<WnsType, 'raw'>, payload: string): PreflightIssue[] {
  const parsed = parseXml(payload);
  if (!parsed.ok) {
    return [
      {
        severity: 'error',
        code: 'wns.xml.malformed',
        message: `The XML is not well-formed at line ${parsed.line}, column ${parsed.column}: ${parsed.message}`,
        path: 'payload',
      },
    ];
  }
  const expected = ROOT_FOR_TYPE[type];
  if (parsed.root.name !== expected) {
    return [
      {
        severity: 'error',
        code: 'wns.xml.wrong-root',
        message: `A wns/${type} payload must start with <${expected}>, not <${parsed.root.name}>.`,
        path: 'payload',
      },
    ];
  }
  if (type === 'badge') return checkBadge(parsed.root);
  if (type === 'toast') return checkToast(parsed.root);
  if (findAll(parsed.root, 'binding').length === 0) {
    return [
      {
        severity: 'warning',
        code: 'wns.tile.no-binding',
        message: 'The tile has no <binding>; nothing will show.',
        path: 'payload',
      },
    ];
  }
  return [];
}

function checkLabel(name: 'tag' | 'group', value: string | undefined): PreflightIssue[] {
  if (value === undefined) return [];
  if (value.length > WNS_MAX_TAG_LENGTH || !/^[A-Za-z0-9]+$/.test(value)) {
    return [
      {
        severity: 'error',
        code: `wns.${name}.invalid`,
        message: `X-WNS-${name === 'tag' ? 'Tag' : 'Group'} must be 1–16 letters or digits; "${value}" is ${value.length} characters.`,
        path: `options.${name}`,
      },
    ];
  }
  return [];
}

const MATCH_FORMAT = /^type:wns\/(toast|tile|badge|raw);(all|group=[^;]+;tag=[^;]+|group=[^;]+|tag=[^;]+)$/;

function checkHeaders(type: WnsType, options: WnsOptionsInput): PreflightIssue[] {
  const issues: PreflightIssue[] = [...checkLabel('tag', options.tag), ...checkLabel('group', options.group)];
  if (options.tag !== undefined && type !== 'tile') {
    issues.push({
      severity: 'info',
      code: 'wns.tag.not-tile',
      message: 'WNS documents X-WNS-Tag for tiles only.',
      path: 'options.tag',
    });
  }
  if (options.ttl !== undefined && (!Number.isInteger(options.ttl) || options.ttl < 0)) {
    issues.push({
      severity: 'error',
      code: 'wns.ttl.invalid',
      message: 'X-WNS-TTL must be whole seconds, 0 or more.',
      path: 'options.ttl',
    });
  }
  const priority = options.priority;
  if (priority !== undefined) {
    if (priority === 0) {
      issues.push({
        severity: 'warning',
        code: 'wns.priority.zero',
        message: 'X-WNS-PRIORITY 0 appears only in older copies of the docs (0–3); current WNS documents 1–4.',
        path: 'options.priority',
      });
    } else if (!Number.isInteger(priority) || priority < WNS_PRIORITY_MIN || priority > WNS_PRIORITY_MAX) {
      issues.push({
        severity: 'error',
        code: 'wns.priority.range',
        message: `X-WNS-PRIORITY must be 1 (High) to 4 (Very Low), not ${priority}.`,
        path: 'options.priority',
      });
    }
  }
  if (options.cachePolicy !== undefined && type === 'toast') {
    issues.push({
      severity: 'info',
      code: 'wns.cache-policy.toast',
      message: 'X-WNS-Cache-Policy applies to tile, badge and raw; WNS ignores it for toasts.',
      path: 'options.cachePolicy',
    });
  }
  if (options.suppressPopup) {
    issues.push({
      severity: 'warning',
      code: 'wns.suppress-popup.phone-only',
      message:
        'X-WNS-SuppressPopup is for Windows Phone; on a Windows channel WNS drops the notification with an error.',
      path: 'options.suppressPopup',
    });
  }
  if (options.match !== undefined && !MATCH_FORMAT.test(options.match)) {
    issues.push({
      severity: 'error',
      code: 'wns.match.format',
      message: `X-WNS-Match must read "type:wns/toast;tag=…", "…;group=…", "…;group=…;tag=…" or "…;all", not "${options.match}".`,
      path: 'options.match',
    });
  }
  return issues;
}

/** Everything WNS would refuse, and what Windows would silently ignore, before sending. */
export function preflightWns(request: Request): PreflightIssue[] {
  const options = request.options ?? {};
  const type: WnsType = options.type ?? 'toast';
  const issues = [...checkChannelUri(request.target), ...checkHeaders(type, options)];
  // A DELETE with X-WNS-Match carries no body.
  if (options.match !== undefined) return issues;
  const size = utf8Length(request.payload);
  if (size > WNS_MAX_PAYLOAD_BYTES) {
    issues.push({
      severity: 'error',
      code: 'wns.payload.too-large',
      message: `Payload is ${formatBytes(size)} bytes; WNS allows ${formatBytes(WNS_MAX_PAYLOAD_BYTES)}`,
      path: 'payload',
    });
  }
  if (type === 'raw') {
    if (size === 0) {
      issues.push({
        severity: 'warning',
        code: 'wns.raw.empty',
        message: 'The raw notification is empty.',
        path: 'payload',
      });
    }
    return issues;
  }
  return [...issues, ...checkXml(type, request.payload)];
}
