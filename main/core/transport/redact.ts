import type { Header } from '../../../shared/domain/exchange';

// ASCII: it is replayed in curl headers, and one non-Latin-1 character makes every recorded line a
// two-byte string, twice the memory and time to encode.
export const REDACTED = '[redacted]';

/**
 * Redaction happens when an exchange is recorded, so secrets never reach the exchange list,
 * history, curl or HAR. Each helper appends a short description of what it hid to `found`, which
 * becomes `exchange.redactions` so viewers can say what is missing and why.
 */

const JWT = /^([A-Za-z0-9_-]{2,})\.([A-Za-z0-9_-]{2,})\.([A-Za-z0-9_-]+)$/;

/** A JWT keeps header and claims (they are readable anyway and useful); only the signature goes. */
export function redactToken(value: string): { value: string; jwt: boolean } {
  const match = JWT.exec(value);
  if (match) return { value: `${match[1]}.${match[2]}.${REDACTED}`, jwt: true };
  return { value: REDACTED, jwt: false };
}

/** Header names whose whole value is a credential. */
const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-goog-api-key',
  'api-key',
  'x-functions-key',
  'ocp-apim-subscription-key',
]);

function redactAuthorization(value: string, name: string, found: string[]): string {
  const space = value.indexOf(' ');
  const scheme = space < 0 ? '' : value.slice(0, space);
  const rest = space < 0 ? value : value.slice(space + 1).trim();
  const lower = scheme.toLowerCase();
  if (lower === 'bearer' || lower === 'webpush') {
    const token = redactToken(rest);
    found.push(`${name} ${token.jwt ? 'JWT signature' : 'token'}`);
    return `${scheme} ${token.value}`;
  }
  if (lower === 'vapid') {
    // `vapid t=<jwt>, k=<public key>`: k is a public key and stays.
    found.push(`${name} VAPID JWT signature`);
    return `${scheme} ${rest.replace(/(\bt=)([^,\s]+)/, (_m, prefix: string, jwt: string) => prefix + redactToken(jwt).value)}`;
  }
  if (lower === 'sharedaccesssignature') {
    found.push(`${name} SAS signature`);
    return `${scheme} ${rest.replace(/(\bsig=)([^&]*)/i, `$1${REDACTED}`)}`;
  }
  if (/^key=/i.test(value)) {
    found.push(`${name} server key`);
    return `key=${REDACTED}`;
  }
  found.push(`${name} value`);
  return scheme ? `${scheme} ${REDACTED}` : REDACTED;
}

const headerCache = new Map<string, { where: string; name: string; value: string; note: string }>();

export function redactHeaders(
  headers: readonly Header[],
  where: string,
  found: string[],
  secrets?: string[],
): Header[] {
  const out: Header[] = new Array(headers.length);
  for (let i = 0; i < headers.length; i++) out[i] = redactHeader(headers[i]!, where, found, secrets);
  return out;
}

/** One header as it may be recorded: the same tuple when nothing in it is secret. */
export function redactHeader(header: Header, where: string, found: string[], secrets?: string[]): Header {
  const name = header[0].toLowerCase();
  let value = header[1];
  if (SECRET_HEADERS.has(name)) {
    // Bulk sends repeat the same token thousands of times: remember the last few results.
    // Keyed by the value itself: callers reuse the same header string, whose hash V8 keeps.
    const cached = headerCache.get(value);
    if (cached && cached.where === where && cached.name === name) {
      value = cached.value;
      found.push(cached.note);
    } else {
      const notes: string[] = [];
      const redacted =
        name === 'authorization' || name === 'proxy-authorization'
          ? redactAuthorization(value, `${where} header ${name}`, notes)
          : (notes.push(`${where} header ${name}`), REDACTED);
      if (headerCache.size >= 64) headerCache.clear();
      headerCache.set(value, { where, name, value: redacted, note: notes[0]! });
      value = redacted;
      found.push(notes[0]!);
    }
  }
  if (secrets) value = redactKnown(value, secrets, where, found, name);
  return value === header[1] ? header : [header[0], value];
}

const PEM = /-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY)-----[\s\S]*?(?:-----END \1-----|$)/g;
// JSON `"name": "value"` (value may hold escaped quotes) and form `name=value`.
const JSON_FIELDS =
  /"(access_token|id_token|refresh_token|client_secret|client_assertion|assertion|private_key)"(\s*:\s*)"((?:[^"\\]|\\.)*)"/g;
const FORM_FIELDS = /(^|&)(access_token|id_token|refresh_token|client_secret|client_assertion|assertion)=([^&]*)/g;
// Cheap pre-check so ordinary push payloads skip the regular expressions entirely.
const TRIGGERS = /PRIVATE KEY|_token|client_secret|assertion/;

/** Redacts secrets inside a text body (JSON, form or anything else). */
export function redactText(text: string, where: string, found: string[], secrets?: string[]): string {
  let out = text;
  if (TRIGGERS.test(out)) {
    out = out.replace(PEM, (_block, label: string) => {
      found.push(`${where} ${label.toLowerCase()}`);
      return `-----BEGIN ${label}-----${REDACTED}-----END ${label}-----`;
    });
    out = out.replace(JSON_FIELDS, (_m, field: string, colon: string, value: string) => {
      if (value === REDACTED || value.endsWith(`.${REDACTED}`)) return _m;
      const token = redactToken(value);
      found.push(`${where} ${field}${token.jwt ? ' JWT signature' : ''}`);
      return `"${field}"${colon}"${token.value}"`;
    });
    out = out.replace(FORM_FIELDS, (_m, lead: string, field: string, value: string) => {
      const token = redactToken(safeDecode(value));
      found.push(`${where} ${field}${token.jwt ? ' JWT signature' : ''}`);
      return `${lead}${field}=${token.value}`;
    });
  }
  return secrets ? redactKnown(out, secrets, where, found) : out;
}

const SECRET_QUERY = /([?&])(sig|key|code|access_token|client_secret|token|api-key)=([^&#]*)/gi;

export function redactUrl(url: string, found: string[], secrets?: string[]): string {
  let out = url;
  if (url.includes('?')) {
    out = url.replace(SECRET_QUERY, (_m, lead: string, name: string) => {
      found.push(`url query ${name}`);
      return `${lead}${name}=${encodeURIComponent(REDACTED)}`;
    });
  }
  return secrets ? redactKnown(out, secrets, 'url', found) : out;
}

// Each secret's forms (verbatim, and URL-encoded where that differs), per secret string: a bulk
// send names the same provider token on every request and would otherwise re-encode it per header.
const formCache = new Map<string, readonly string[]>();

function formsOf(secret: string): readonly string[] {
  let forms = formCache.get(secret);
  if (forms === undefined) {
    const encoded = encodeURIComponent(secret);
    forms = encoded === secret ? [secret] : [secret, encoded];
    if (formCache.size >= 64) formCache.clear();
    formCache.set(secret, forms);
  }
  return forms;
}

/**
 * Values the caller named as secret, verbatim and URL-encoded. Short values would hide too much.
 * The description is only built when something is found (this runs for every recorded header).
 */
function redactKnown(text: string, secrets: string[], where: string, found: string[], header?: string): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    for (const form of formsOf(secret)) {
      if (out.includes(form)) {
        out = out.split(form).join(REDACTED);
        found.push(header === undefined ? `${where} secret value` : `${where} header ${header} secret value`);
      }
    }
  }
  return out;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}
