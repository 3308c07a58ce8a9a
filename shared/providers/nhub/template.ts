/**
 * Notification Hubs template expansion, as the hub does it per registration: a registration's
 * template (XML toast, APNs JSON…) with property references is filled from the template
 * properties sent (`ServiceBusNotification-Format: template`). Supported forms:
 * `$(prop)` value as text, `$(prop, n)` first n characters, `.(prop, n)` first n characters plus
 * "..." when cut, `%(prop)` URL-encoded, `#(prop)` raw JSON value (for numbers in JSON templates),
 * `{expr}` where expr joins 'literals' and the forms above with `+`.
 * Property names match case-insensitively. Missing properties become empty text and a warning.
 */
export interface TemplateExpansion {
  payload: string;
  /** Property names the template uses that were not sent. */
  missing: string[];
  /** Property names the template used. */
  used: string[];
  warnings: string[];
}

const REFERENCE = /([$.%#])\(\s*([^,()\s]+)\s*(?:,\s*(\d+)\s*)?\)/g;

function lookup(properties: Record<string, string>, name: string): string | undefined {
  if (name in properties) return properties[name];
  const lower = name.toLowerCase();
  const key = Object.keys(properties).find((candidate) => candidate.toLowerCase() === lower);
  return key === undefined ? undefined : properties[key];
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function escapeJsonString(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/** Names the template refers to, in order of first use. */
export function templatePropertyNames(template: string): string[] {
  const names: string[] = [];
  for (const match of template.matchAll(REFERENCE)) {
    const name = match[2]!;
    if (!names.some((seen) => seen.toLowerCase() === name.toLowerCase())) names.push(name);
  }
  return names;
}

export function expandTemplate(template: string, properties: Record<string, string>): TemplateExpansion {
  const json = /^\s*[[{]/.test(template);
  const missing: string[] = [];
  const used: string[] = [];
  const warnings: string[] = [];

  const resolve = (form: string, name: string, length: string | undefined): string => {
    const value = lookup(properties, name);
    if (!used.includes(name)) used.push(name);
    if (value === undefined) {
      if (!missing.includes(name)) {
        missing.push(name);
        warnings.push(`Template property "${name}" is not in the properties sent; it expands to empty text.`);
      }
      return '';
    }
    const limit = length === undefined ? undefined : Number(length);
    switch (form) {
      case '.':
        return limit !== undefined && value.length > limit ? `${value.slice(0, limit)}...` : value;
      case '%':
        return encodeURIComponent(value);
      case '#':
        return value;
      default:
        return limit !== undefined ? value.slice(0, limit) : value;
    }
  };
  // Text placed inside the template must not break its JSON strings or XML.
  const escape = (form: string, text: string) =>
    form === '#' ? text : json ? escapeJsonString(text) : escapeXml(text);

  // {expr}: 'literal' + $(prop) + … ; only braces holding at least one reference or literal join.
  const withExpressions = template.replace(/\{([^{}]*(?:'[^']*'|[$.%#]\([^)]*\))[^{}]*)\}/g, (whole, inner: string) => {
    const parts = inner.split('+').map((part) => part.trim());
    const pieces: string[] = [];
    for (const part of parts) {
      const literal = /^'([^']*)'$/.exec(part);
      if (literal) {
        pieces.push(literal[1]!);
        continue;
      }
      const reference = /^([$.%#])\(\s*([^,()\s]+)\s*(?:,\s*(\d+)\s*)?\)$/.exec(part);
      if (!reference) return whole;
      pieces.push(resolve(reference[1]!, reference[2]!, reference[3]));
    }
    return escape('$', pieces.join(''));
  });
  const payload = withExpressions.replace(REFERENCE, (_whole, form: string, name: string, length?: string) =>
    escape(form, resolve(form, name, length)),
  );
  return { payload, missing, used, warnings };
}

/**
 * The FCM v1 envelope of a body an FcmV1 registration is sent: the hub passes FCM only
 * `{"message": {…}}`. `keys` are the body's top-level keys, null when it is not a JSON object.
 */
export function fcmV1Envelope(body: string): { wrapped: boolean; keys: string[] | null } {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { wrapped: false, keys: null };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { wrapped: false, keys: null };
  const message = (value as Record<string, unknown>)['message'];
  return {
    wrapped: message !== null && typeof message === 'object' && !Array.isArray(message),
    keys: Object.keys(value),
  };
}

/**
 * The envelope of a template itself, read before any properties are known: every reference is
 * filled with `0` (a string inside quotes, a number for `#(…)`), so the JSON around it parses.
 */
export function fcmV1TemplateEnvelope(template: string): { wrapped: boolean; keys: string[] | null } {
  const filler = Object.fromEntries(templatePropertyNames(template).map((name) => [name, '0']));
  return fcmV1Envelope(expandTemplate(template, filler).payload);
}
