import type { Exchange } from '../../../../shared/domain/exchange';

/**
 * An exchange as the fields where it differs from a template exchange. `items` holds arrays of the
 * template's length (header lists) with 0 where the template's item stays. Headers are tuples
 * and never 0, so the marker cannot be mistaken for a value.
 */
export interface ExchangePatch {
  set?: Record<string, unknown>;
  items?: Record<string, unknown[]>;
  unset?: string[];
}

type Fields = Record<string, unknown>;

function isPlain(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Same members, each the same value (notes objects are built per request around shared parts). */
function shallowEqual(a: Fields, b: Fields): boolean {
  let count = 0;
  for (const key in a) {
    const value = a[key];
    if (value !== b[key] || (value === undefined && !(key in b))) return false;
    count++;
  }
  for (const _key in b) if (--count < 0) return false;
  return count === 0;
}

const definedCounts = new WeakMap<Exchange, number>();

function definedCount(template: Exchange): number {
  let count = definedCounts.get(template);
  if (count === undefined) {
    count = 0;
    for (const key in template) if ((template as unknown as Fields)[key] !== undefined) count++;
    definedCounts.set(template, count);
  }
  return count;
}

/**
 * How `exchange` differs from `template`, or null when most of it does (then the whole exchange
 * is the smaller line). Values are compared by identity, so this is cheap: the exchange builder
 * shares every unchanged header and body between exchanges of one kind.
 */
export function diffExchange(exchange: Exchange, template: Exchange): ExchangePatch | null {
  const now = exchange as unknown as Fields;
  const base = template as unknown as Fields;
  let set: Fields | undefined;
  let items: Record<string, unknown[]> | undefined;
  let unset: string[] | undefined;
  let changed = 0;
  let fields = 0;
  let shared = 0;
  for (const key in now) {
    const value = now[key];
    const was = base[key];
    if (value === undefined) {
      if (was !== undefined) (unset ??= []).push(key);
      continue;
    }
    fields++;
    if (was !== undefined) shared++;
    if (value === was) continue;
    if (Array.isArray(value) && Array.isArray(was) && value.length === was.length && value.length > 0) {
      const out = sameItems(value, was);
      if (out !== null) {
        (items ??= {})[key] = out;
        continue;
      }
    } else if (isPlain(value) && isPlain(was) && shallowEqual(value, was)) continue;
    (set ??= {})[key] = value;
    changed++;
  }
  // Members the template has and the exchange lacks altogether (not even as undefined).
  if (shared + (unset?.length ?? 0) < definedCount(template)) {
    for (const key in base) if (base[key] !== undefined && !(key in now)) (unset ??= []).push(key);
  }
  if (changed * 2 > fields) return null;
  const patch: ExchangePatch = {};
  if (set) patch.set = set;
  if (items) patch.items = items;
  if (unset) patch.unset = unset;
  return patch;
}

/** The items with 0 where the template's is the same one, or null when none is. */
function sameItems(value: unknown[], was: unknown[]): unknown[] | null {
  let out: unknown[] | null = null;
  for (let i = 0; i < value.length; i++) {
    if (value[i] === 0) return null;
    if (value[i] !== was[i]) continue;
    if (out === null) out = value.slice();
    out[i] = 0;
  }
  return out;
}

/** The exchange a patch describes, as a plain value still to be validated; null if malformed. */
export function applyPatch(template: Exchange, patch: ExchangePatch): Fields | null {
  const out: Fields = { ...(template as unknown as Fields) };
  if (patch.set) for (const key in patch.set) out[key] = patch.set[key];
  if (patch.items) {
    for (const key in patch.items) {
      const items = patch.items[key]!;
      const was = out[key];
      if (!Array.isArray(items) || !Array.isArray(was) || items.length !== was.length) return null;
      out[key] = items.map((item, i) => (item === 0 ? was[i] : item));
    }
  }
  if (patch.unset) for (const key of patch.unset) delete out[key];
  return out;
}
