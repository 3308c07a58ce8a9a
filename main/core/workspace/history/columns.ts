/**
 * Building blocks for the history index: numbers in typed arrays (no object or heap number per
 * record), repeated strings shared, and an id lookup that costs a few bytes per record where a
 * `Map` costs tens.
 */

export type NumberColumn = Float64Array | Uint32Array | Uint16Array | Uint8Array;

/** A copy of `column` with room for `capacity`, without its first `drop` slots. */
export function resized<T extends NumberColumn>(column: T, capacity: number, used: number, drop: number): T {
  const next = new (column.constructor as new (length: number) => T)(capacity);
  next.set(column.subarray(drop, used));
  return next;
}

/** Grows by half, so the unused tail stays about a sixth of the column on average. */
export function nextCapacity(needed: number): number {
  return Math.max(1024, Math.ceil(needed * 1.5));
}

/** Small sets of values (providers, purposes, outcomes) as one byte-sized code per record. */
export class Codes<V extends string | null> {
  readonly #values: V[] = [];
  readonly #codes = new Map<V, number>();

  code(value: V): number {
    let code = this.#codes.get(value);
    if (code === undefined) {
      code = this.#values.length;
      if (code > 0xff) throw new Error(`Too many distinct values for a code column: ${String(value)}`);
      this.#values.push(value);
      this.#codes.set(value, code);
    }
    return code;
  }

  value(code: number): V {
    return this.#values[code]!;
  }
}

const MAX_INTERNED = 10_000;

/**
 * One copy of each repeated string (reasons, explanations, methods, url prefixes). Past the cap,
 * strings are kept as given: still correct, only not shared.
 */
export class Interner {
  readonly #strings = new Map<string, string>();

  intern<S extends string | null>(value: S): S {
    if (value === null) return value;
    const known = this.#strings.get(value);
    if (known !== undefined) return known as S;
    if (this.#strings.size < MAX_INTERNED) this.#strings.set(value, value);
    return value;
  }
}

/** FNV-1a over UTF-16 code units: cheap, and ids are short. */
function hashOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/**
 * Id → absolute record number, open addressing over one Uint32Array (0 = empty). Records below
 * `first` were forgotten: their slots are skipped and dropped at the next rebuild. When an id
 * repeats, the newest record wins, as a `Map.set` would.
 */
export class IdIndex {
  #slots = new Uint32Array(2048);
  #used = 0;
  readonly #idAt: (record: number) => string;

  constructor(idAt: (record: number) => string) {
    this.#idAt = idAt;
  }

  add(id: string, record: number, first: number, end: number): void {
    if ((this.#used + 1) * 2 > this.#slots.length) this.#rebuild(first, end);
    this.#place(id, record);
  }

  /** The newest live record with this id, or -1. */
  find(id: string, first: number): number {
    const mask = this.#slots.length - 1;
    let found = -1;
    for (let i = hashOf(id) & mask; ; i = (i + 1) & mask) {
      const slot = this.#slots[i]!;
      if (slot === 0) return found;
      const record = slot - 1;
      if (record >= first && record > found && this.#idAt(record) === id) found = record;
    }
  }

  /** Drops forgotten records from the table once they are most of it. */
  compact(first: number, end: number): void {
    if ((end - first) * 4 < this.#used) this.#rebuild(first, end);
  }

  #place(id: string, record: number): void {
    const mask = this.#slots.length - 1;
    let i = hashOf(id) & mask;
    while (this.#slots[i] !== 0) i = (i + 1) & mask;
    this.#slots[i] = record + 1;
    this.#used++;
  }

  #rebuild(first: number, end: number): void {
    let size = 2048;
    while (size < (end - first + 1) * 4) size *= 2;
    this.#slots = new Uint32Array(size);
    this.#used = 0;
    for (let record = first; record < end; record++) this.#place(this.#idAt(record), record);
  }
}

// Years 0000–9999: `toISOString` spells these at a fixed width, so their text sorts as their time.
const MIN_MS = -62_167_219_200_000;
const MAX_MS = 253_402_300_799_999;

/**
 * ISO times as numbers: a time that `toISOString` gives back exactly is kept as its milliseconds
 * (8 bytes, not a 40-byte string); NaN says keep the string as written.
 */
export function isoMillis(value: string): number {
  // Records come in time order, most within the same second as the one before: then only the
  // milliseconds differ, and the checked second is reused instead of parsing and formatting again.
  const second = lastSecond;
  if (value.length === 24 && second.text !== '' && value.startsWith(second.text)) {
    const a = value.charCodeAt(20) - 48;
    const b = value.charCodeAt(21) - 48;
    const c = value.charCodeAt(22) - 48;
    if (a >= 0 && a <= 9 && b >= 0 && b <= 9 && c >= 0 && c <= 9 && value.charCodeAt(23) === 90)
      return second.ms + a * 100 + b * 10 + c;
  }
  const ms = Date.parse(value);
  if (!(ms >= MIN_MS && ms <= MAX_MS && new Date(ms).toISOString() === value)) return Number.NaN;
  // "YYYY-MM-DDTHH:mm:ss." of a value `toISOString` spells exactly as given.
  if (value.length === 24)
    lastSecond = { text: value.slice(0, 20), ms: ms - (ms % 1000 < 0 ? (ms % 1000) + 1000 : ms % 1000) };
  return ms;
}

let lastSecond = { text: '', ms: 0 };

/**
 * The first millisecond whose ISO text is not `< since`. Fixed-width ISO text sorts as its
 * time, so for such times `iso(ms) < since` is exactly `ms < sinceMillis(since)`, whatever
 * `since` looks like; a filter pass then compares numbers instead of formatting 50,000 dates.
 */
export function sinceMillis(since: string): number {
  let lo = MIN_MS;
  let hi = MAX_MS + 1;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (new Date(mid).toISOString() >= since) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
