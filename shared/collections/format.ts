import type { CollectionMeta, CollectionRequest } from './schema';

/**
 * How collection files are written: 2-space JSON with a trailing newline, the request's fields in
 * one fixed order and options, variables and captures sorted by key, so an edit shows as the
 * lines it changed. Payloads keep their own key order (it is the author's), and assertions their
 * order (it is the report's).
 */
const REQUEST_ORDER = [
  '$schema',
  'name',
  'description',
  'provider',
  'profile',
  'credential',
  'environment',
  'device',
  'target',
  'options',
  'payload',
  'payloadFile',
  'assert',
  'capture',
] as const satisfies ReadonlyArray<keyof CollectionRequest>;

const META_ORDER = [
  '$schema',
  'name',
  'description',
  'order',
  'variables',
  'environments',
] as const satisfies ReadonlyArray<keyof CollectionMeta>;

const ASSERTION_ORDER = ['inbox', 'path', 'equals', 'matches'];

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
  );
}

/** The subject first (`header`, `json`…), then what it is compared with. */
function orderedAssertion(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const entries = Object.entries(value);
  const rank = (key: string) => (ASSERTION_ORDER.includes(key) ? 1 + ASSERTION_ORDER.indexOf(key) : 0);
  return Object.fromEntries(
    entries.sort(([a], [b]) => rank(a) - rank(b)).map(([key, inner]) => [key, orderedAssertion(inner)]),
  );
}

function inOrder(value: Record<string, unknown>, order: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of order) if (value[key] !== undefined) out[key] = value[key];
  return out;
}

function text(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** A request file's text. */
export function formatRequest(request: CollectionRequest): string {
  const shaped: Record<string, unknown> = {
    ...request,
    options: request.options && sortedKeys(request.options),
    assert: request.assert?.map(orderedAssertion),
    capture: request.capture && sortedKeys(request.capture),
  };
  return text(inOrder(shaped, REQUEST_ORDER));
}

/** A `collection.json`'s text. */
export function formatMeta(meta: CollectionMeta): string {
  const shaped: Record<string, unknown> = {
    ...meta,
    variables: meta.variables && sortedKeys(meta.variables),
    environments: meta.environments && sortedKeys(meta.environments),
  };
  return text(inOrder(shaped, META_ORDER));
}

/** A file name for a request called `name`: `APNs alert!` → `apns-alert.json`. */
export function requestFileName(name: string): string {
  const stem = name
    .normalize('NFKD')
    // The accents NFKD split off, so "Ü" is "u", not "u-".
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${stem || 'request'}.json`;
}
