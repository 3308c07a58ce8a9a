import type { NhubFormat, NhubOptions, NhubSendRequest } from './message';
import { nhubPayloadLimit } from './limits';
import { nhubOptionsSchema } from './message';
import { parseTagExpression } from './tag-expression';
import { parseXml } from '../../xml/parse';
import { expandTemplate, templatePropertyNames } from './template';
import { describeJsonSyntaxError, findJsonSyntaxError } from '../../json/syntax';
import { formatBytes, type PreflightIssue, type TextPlace } from '../../preflight/types';
import { utf8Length } from '../../text';

/** X-WNS-Type from the XML root element, as the Python sample does (toast, tile, badge). */
export function wnsTypeFromXml(payload: string): 'wns/toast' | 'wns/tile' | 'wns/badge' | undefined {
  const root = /^\s*(?:<\?xml[^>]*\?>\s*)?<([A-Za-z]+)[\s>/]/.exec(payload)?.[1];
  if (root === 'toast') return 'wns/toast';
  if (root === 'tile') return 'wns/tile';
  if (root === 'badge') return 'wns/badge';
  return undefined;
}

type JsonObject = { ok: true; value: Record<string, unknown> } | { ok: false; problem: string; at?: TextPlace };

function jsonObject(payload: string): JsonObject {
  try {
    const value: unknown = JSON.parse(payload);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return { ok: false, problem: 'must be a JSON object' };
    }
    return { ok: true, value: value as Record<string, unknown> };
  } catch (error) {
    const found = findJsonSyntaxError(payload);
    if (!found) return { ok: false, problem: `is not valid JSON (${(error as Error).message})` };
    const at = { offset: found.offset, line: found.line, column: found.column };
    return { ok: false, problem: `is not valid JSON: ${describeJsonSyntaxError(found)}`, at };
  }
}

function formatIssues(format: NhubFormat, payload: string, options: NhubOptions): PreflightIssue[] {
  const issues: PreflightIssue[] = [];
  if (format === 'windows') {
    const wnsType = options.wnsType ?? wnsTypeFromXml(payload);
    if (wnsType === 'wns/raw') return issues;
    const parsed = parseXml(payload);
    if (!/^\s*</.test(payload)) {
      issues.push({
        severity: 'error',
        code: 'nhub.payload.not-xml',
        message: 'The windows format needs an XML payload (toast, tile or badge), or WNS type wns/raw for raw data.',
        path: 'payload',
      });
    } else if (!parsed.ok) {
      // The hub passes the XML on to WNS as it is, so a broken one fails there; say where here.
      issues.push({
        severity: 'error',
        code: 'nhub.xml.malformed',
        message: `The XML is not well-formed at line ${parsed.line}, column ${parsed.column}: ${parsed.message}`,
        path: 'payload',
      });
    } else if (!wnsType) {
      issues.push({
        severity: 'error',
        code: 'nhub.windows.no-type',
        message: 'The XML root is not <toast>, <tile> or <badge>, so X-WNS-Type cannot be derived; choose a WNS type.',
        path: 'options.wnsType',
      });
    }
    return issues;
  }
  const parsed = jsonObject(payload);
  if (!parsed.ok) {
    issues.push({
      severity: 'error',
      code: 'nhub.payload.not-json',
      message: `The ${format} format needs a JSON payload; this one ${parsed.problem}.`,
      path: 'payload',
      ...(parsed.at ? { at: parsed.at } : {}),
    });
    return issues;
  }
  const object = parsed.value;
  if (format === 'template') {
    const nonString = Object.entries(object).filter(([, value]) => typeof value !== 'string');
    for (const [key] of nonString) {
      issues.push({
        severity: 'error',
        code: 'nhub.template.non-string',
        message: `Template property "${key}" is not a string; template properties must all be strings.`,
        path: `/${key}`,
      });
    }
  }
  if (format === 'fcmv1' && (typeof object['message'] !== 'object' || object['message'] === null)) {
    issues.push({
      severity: 'error',
      code: 'nhub.fcmv1.no-message',
      message: 'The fcmv1 format takes the FCM v1 envelope: {"message": {…}}.',
      path: '/message',
    });
  }
  if (format === 'gcm') {
    issues.push({
      severity: 'warning',
      code: 'nhub.gcm.legacy',
      message: 'The gcm format uses the retired FCM legacy API; Google no longer delivers it. Use fcmv1.',
      path: 'options.format',
      fix: { label: 'Switch to fcmv1', id: 'nhub.format.fcmv1' },
    });
  }
  if (format === 'apple' && typeof object['aps'] !== 'object') {
    issues.push({
      severity: 'warning',
      code: 'nhub.apple.no-aps',
      message: 'The apple payload has no "aps" dictionary; iOS shows nothing and delivers it only as background data.',
      path: '/aps',
    });
  }
  return issues;
}

function headerIssues(options: NhubOptions): PreflightIssue[] {
  const issues: PreflightIssue[] = [];
  for (const [name, value] of Object.entries(options.headers)) {
    const lower = name.toLowerCase();
    if (!lower.startsWith('apns-') && !lower.startsWith('x-wns-') && !lower.startsWith('servicebusnotification-')) {
      issues.push({
        severity: 'warning',
        code: 'nhub.header.not-forwarded',
        message: `Header "${name}" is neither apns-* nor X-WNS-*; the hub does not forward it to the platform.`,
        path: `options.headers.${name}`,
      });
    }
    if (lower === 'apns-priority' && value !== '5' && value !== '10') {
      issues.push({
        severity: 'error',
        code: 'nhub.header.apns-priority',
        message: `apns-priority must be 5 or 10, not "${value}".`,
        path: `options.headers.${name}`,
      });
    }
    if (lower === 'apns-expiration' && !/^\d+$/.test(value)) {
      issues.push({
        severity: 'error',
        code: 'nhub.header.apns-expiration',
        message: `apns-expiration must be a whole number of UNIX seconds, not "${value}".`,
        path: `options.headers.${name}`,
      });
    }
  }
  return issues;
}

function targetIssues(request: NhubSendRequest, options: NhubOptions): PreflightIssue[] {
  const issues: PreflightIssue[] = [];
  const target = request.target.trim();
  if (options.targetKind === 'direct') {
    if (!target) {
      issues.push({
        severity: 'error',
        code: 'nhub.direct.no-handle',
        message: 'A direct send needs the device handle (APNs token, FCM token, WNS channel URI or push endpoint).',
        path: 'target',
      });
    }
    if (options.format === 'template') {
      issues.push({
        severity: 'error',
        code: 'nhub.direct.template',
        message: 'Direct sends take a native payload; the template format needs registrations.',
        path: 'options.format',
      });
    }
    if (options.test) {
      issues.push({
        severity: 'error',
        code: 'nhub.direct.test',
        message: 'Test send (&test) works for tag and broadcast sends only, not direct sends.',
        path: 'options.test',
        fix: { label: 'Target $InstallationId:{id} instead', id: 'nhub.target.installation-tag' },
      });
    }
  } else if (options.targetKind === 'tags' && target) {
    const parsed = parseTagExpression(target);
    if (!parsed.ok) {
      issues.push({ severity: 'error', code: 'nhub.tags.invalid', message: parsed.error.message, path: 'target' });
    }
  } else if (options.targetKind === 'tags') {
    issues.push({
      severity: 'info',
      code: 'nhub.tags.broadcast',
      message: 'No tags given: this goes to every registration of this format in the hub.',
      path: 'target',
    });
  }
  return issues;
}

function templateIssues(request: NhubSendRequest, options: NhubOptions): PreflightIssue[] {
  if (options.format !== 'template' || !options.registrationTemplate) return [];
  const parsed = jsonObject(request.payload);
  if (!parsed.ok) return [];
  const object = parsed.value;
  const properties = Object.fromEntries(Object.entries(object).map(([key, value]) => [key, String(value)]));
  const names = templatePropertyNames(options.registrationTemplate);
  const { missing } = expandTemplate(options.registrationTemplate, properties);
  const issues: PreflightIssue[] = missing.map((name) => ({
    severity: 'warning',
    code: 'nhub.template.missing-property',
    message: `The registration template uses $(${name}) but the properties sent have no "${name}"; it expands to empty text.`,
    path: `/${name}`,
  }));
  if (names.length === 0) {
    issues.push({
      severity: 'info',
      code: 'nhub.template.no-references',
      message: 'The registration template refers to no properties; every registration gets it unchanged.',
      path: 'options.registrationTemplate',
    });
  }
  return issues;
}

/** Everything we can tell about a Notification Hubs send before it leaves. */
export function preflightNhub(request: NhubSendRequest): PreflightIssue[] {
  const options = nhubOptionsSchema.parse(request.options ?? {});
  const issues: PreflightIssue[] = [];
  const bytes = utf8Length(request.payload);
  const limit = nhubPayloadLimit(options);
  if (bytes > limit) {
    issues.push({
      severity: 'error',
      code: 'nhub.payload.too-large',
      message: `Payload is ${formatBytes(bytes)} bytes; Notification Hubs allows ${formatBytes(limit)}`,
      path: 'payload',
    });
  }
  issues.push(...formatIssues(options.format, request.payload, options));
  issues.push(...headerIssues(options));
  issues.push(...targetIssues(request, options));
  issues.push(...templateIssues(request, options));
  return issues;
}
