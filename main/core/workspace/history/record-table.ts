import type { RecordLocation } from './records';
import { IdIndex, isoMillis, nextCapacity, resized, sinceMillis } from './columns';

/**
 * The columns every indexed record has: its entry number (the list cursor), its id, when it
 * started and where its line is on disk. Records are only ever added at the end and forgotten
 * from the start (rotation drops the oldest file), so a row is a position, and the rest of a
 * record lives in columns the subclass keeps alongside these.
 */
export abstract class RecordTable {
  /** Absolute number of row 0; rows keep their absolute number while older ones are forgotten. */
  #base = 0;
  #size = 0;
  #capacity = 0;
  #n = new Float64Array(0);
  #file = new Uint32Array(0);
  #offset = new Float64Array(0);
  #length = new Uint32Array(0);
  #started = new Float64Array(0);
  /** A start time `toISOString` would not spell the same way, kept as written; rare. */
  #startedText: Array<string | null> = [];
  protected ids: string[] = [];
  readonly #byId = new IdIndex((record) => this.ids[record - this.#base]!);

  get size(): number {
    return this.#size;
  }

  /** The entry number of a row, compared against a list cursor. */
  nAt(row: number): number {
    return this.#n[row]!;
  }

  idAt(row: number): string {
    return this.ids[row]!;
  }

  startedAtOf(row: number): string {
    return this.#startedText[row] ?? new Date(this.#started[row]!).toISOString();
  }

  /**
   * The filters' `since` test (`startedAt < since` fails) as a row test, or null for no `since`.
   * The matchers get the rest of the filter: the tests are independent, so the result is the same.
   */
  startedSince(since: string | undefined): ((row: number) => boolean) | null {
    if (!since) return null;
    const from = sinceMillis(since);
    return (row) => {
      const text = this.#startedText[row];
      return text === null ? this.#started[row]! >= from : !(text! < since);
    };
  }

  locationAt(row: number): RecordLocation {
    return { file: this.#file[row]!, offset: this.#offset[row]!, length: this.#length[row]! };
  }

  /** The newest row with this id, or -1. */
  find(id: string): number {
    const record = this.#byId.find(id, this.#base);
    return record < 0 ? -1 : record - this.#base;
  }

  /** Appends the shared columns and returns the new row; the subclass then fills its own. */
  protected addRow(n: number, id: string, startedAt: string, location: RecordLocation): number {
    if (this.#size === this.#capacity) this.#resize(nextCapacity(this.#size + 1), 0);
    const row = this.#size++;
    this.#n[row] = n;
    this.#file[row] = location.file;
    this.#offset[row] = location.offset;
    this.#length[row] = location.length;
    const ms = isoMillis(startedAt);
    this.#started[row] = ms;
    this.#startedText[row] = Number.isNaN(ms) ? startedAt : null;
    this.ids[row] = id;
    this.#byId.add(id, this.#base + row, this.#base, this.#base + row);
    return row;
  }

  /** Forgets the oldest rows while their file is one rotation deleted. */
  forgetFiles(seqs: ReadonlySet<number>): void {
    let drop = 0;
    while (drop < this.#size && seqs.has(this.#file[drop]!)) drop++;
    if (drop === 0) return;
    this.#resize(nextCapacity(this.#size - drop), drop);
    this.#base += drop;
    this.#size -= drop;
    this.#byId.compact(this.#base, this.#base + this.#size);
  }

  #resize(capacity: number, drop: number): void {
    const used = this.#size;
    this.#n = resized(this.#n, capacity, used, drop);
    this.#file = resized(this.#file, capacity, used, drop);
    this.#offset = resized(this.#offset, capacity, used, drop);
    this.#length = resized(this.#length, capacity, used, drop);
    this.#started = resized(this.#started, capacity, used, drop);
    this.#startedText = moved(this.#startedText, capacity, used, drop);
    this.ids = moved(this.ids, capacity, used, drop);
    this.resizeColumns(capacity, used, drop);
    this.#capacity = capacity;
  }

  /** Reallocate the subclass's columns: room for `capacity`, without the first `drop` rows. */
  protected abstract resizeColumns(capacity: number, used: number, drop: number): void;
}

/**
 * A string column with exactly `capacity` slots, filled up front so V8 keeps it a packed array
 * of pointers (8 bytes a row) rather than growing it by its own policy.
 */
export function moved<T>(column: T[], capacity: number, used: number, drop: number): T[] {
  const next = new Array<T>(capacity).fill(null as T);
  for (let i = drop; i < used; i++) next[i - drop] = column[i]!;
  return next;
}

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next (older) page; null when there is none. */
  nextCursor: number | null;
  /** How many match the filter in all. */
  total: number;
}

/** Rows newest first, starting below `cursor` (an entry number), with the total that match. */
export function pageRows(
  table: RecordTable,
  match: (row: number) => boolean,
  cursor: number | null,
  limit: number,
): Page<number> {
  const items: number[] = [];
  let total = 0;
  let lastN = 0;
  let more = false;
  for (let row = table.size - 1; row >= 0; row--) {
    if (!match(row)) continue;
    total++;
    const n = table.nAt(row);
    if (cursor !== null && n >= cursor) continue;
    if (items.length < limit) {
      items.push(row);
      lastN = n;
    } else more = true;
  }
  return { items, nextCursor: more ? lastN : null, total };
}
