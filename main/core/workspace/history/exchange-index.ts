import type { Provider } from '../../../../shared/domain/exchange';
import type { ExchangeSummary } from '../../../../shared/history/summary';
import { Codes, type Interner, resized } from './columns';
import { moved, RecordTable } from './record-table';
import type { RecordLocation } from './records';

const URL_FROM_TARGET = 1;
const URL_FROM_TAIL = 2;
/** Shorter last url segments (`token`, `messages:send`) repeat, and are interned with the url. */
const MIN_TAIL = 32;

/**
 * Exchange list rows, one column per summary field. An APNs url ends with its device token, so
 * such a url is kept as its (shared) prefix and rebuilt from the target when asked for.
 */
export class ExchangeIndex extends RecordTable {
  readonly #strings: Interner;
  readonly #providers = new Codes<Provider | null>();
  readonly #purposes = new Codes<ExchangeSummary['purpose']>();
  #provider = new Uint8Array(0);
  #purpose = new Uint8Array(0);
  #flags = new Uint8Array(0);
  #status = new Float64Array(0);
  #duration = new Float64Array(0);
  #target: Array<string | null> = [];
  #method: string[] = [];
  #url: string[] = [];
  #reason: Array<string | null> = [];
  /** The url's last part, when it is a string someone else keeps anyway (a send's device token). */
  #tail: Array<string | null> = [];

  constructor(strings: Interner) {
    super();
    this.#strings = strings;
  }

  add(n: number, summary: ExchangeSummary, location: RecordLocation): number {
    const row = this.addRow(n, summary.id, summary.startedAt, location);
    this.#provider[row] = this.#providers.code(summary.provider);
    this.#purpose[row] = this.#purposes.code(summary.purpose);
    this.#status[row] = summary.status ?? Number.NaN;
    this.#duration[row] = summary.durationMs;
    this.#target[row] = summary.target;
    this.#method[row] = this.#strings.intern(summary.method);
    const target = summary.target;
    const url = summary.url;
    this.#reason[row] = this.#strings.intern(summary.reason);
    if (target !== null && target.length > 0 && url.endsWith(target)) {
      this.#flags[row] = URL_FROM_TARGET;
      this.#url[row] = this.#strings.intern(url.slice(0, -target.length));
      return row;
    }
    // A long last segment is a device token or subscription id: unique, so not worth interning
    // (the interner would fill up with them); the shared prefix is.
    const slash = url.lastIndexOf('/');
    if (url.length - slash - 1 >= MIN_TAIL) {
      this.#flags[row] = URL_FROM_TAIL;
      this.#url[row] = this.#strings.intern(url.slice(0, slash + 1));
      this.#tail[row] = url.slice(slash + 1);
      return row;
    }
    this.#flags[row] = 0;
    this.#url[row] = this.#strings.intern(url);
    return row;
  }

  /**
   * A bulk send's urls differ only by the device token at the end. The row's own tail is a slice
   * that keeps the whole url alive; the send row and the target list hold that token already, so
   * the row takes their string instead.
   */
  shareUrlTail(row: number, tail: string): void {
    if (this.#flags[row]! & URL_FROM_TAIL && this.#tail[row] === tail) this.#tail[row] = tail;
  }

  setReason(row: number, reason: string): void {
    this.#reason[row] = this.#strings.intern(reason);
  }

  targetAt(row: number): string | null {
    return this.#target[row]!;
  }

  urlOf(row: number): string {
    const flags = this.#flags[row]!;
    if (flags & URL_FROM_TARGET) return this.#url[row]! + this.#target[row]!;
    return flags & URL_FROM_TAIL ? this.#url[row]! + this.#tail[row]! : this.#url[row]!;
  }

  providerOf(row: number): Provider | null {
    return this.#providers.value(this.#provider[row]!);
  }

  statusOf(row: number): number | null {
    const status = this.#status[row]!;
    return Number.isNaN(status) ? null : status;
  }

  reasonOf(row: number): string | null {
    return this.#reason[row]!;
  }

  purposeOf(row: number): ExchangeSummary['purpose'] {
    return this.#purposes.value(this.#purpose[row]!);
  }

  durationOf(row: number): number {
    return this.#duration[row]!;
  }

  methodOf(row: number): string {
    return this.#method[row]!;
  }

  /** The row as `summarizeExchange` made it, fields in the same order. */
  summaryAt(row: number): ExchangeSummary {
    return {
      id: this.idAt(row),
      startedAt: this.startedAtOf(row),
      provider: this.providerOf(row),
      purpose: this.purposeOf(row),
      target: this.#target[row]!,
      method: this.#method[row]!,
      url: this.urlOf(row),
      status: this.statusOf(row),
      reason: this.#reason[row]!,
      durationMs: this.durationOf(row),
    };
  }

  /** A summary-shaped view of one row at a time, so a filter pass allocates no object per row. */
  view(): ExchangeRowView {
    return new ExchangeRowView(this);
  }

  protected resizeColumns(capacity: number, used: number, drop: number): void {
    this.#provider = resized(this.#provider, capacity, used, drop);
    this.#purpose = resized(this.#purpose, capacity, used, drop);
    this.#flags = resized(this.#flags, capacity, used, drop);
    this.#status = resized(this.#status, capacity, used, drop);
    this.#duration = resized(this.#duration, capacity, used, drop);
    this.#target = moved(this.#target, capacity, used, drop);
    this.#method = moved(this.#method, capacity, used, drop);
    this.#url = moved(this.#url, capacity, used, drop);
    this.#reason = moved(this.#reason, capacity, used, drop);
    this.#tail = moved(this.#tail, capacity, used, drop);
  }
}

/**
 * Reads the fields `exchangeMatcher` looks at from the row it points at; set `row` and pass it
 * to the matcher in place of an `ExchangeSummary`.
 */
export class ExchangeRowView implements ExchangeSummary {
  row = 0;
  readonly #index: ExchangeIndex;

  constructor(index: ExchangeIndex) {
    this.#index = index;
  }

  get id(): string {
    return this.#index.idAt(this.row);
  }
  get startedAt(): string {
    return this.#index.startedAtOf(this.row);
  }
  get provider(): Provider | null {
    return this.#index.providerOf(this.row);
  }
  get purpose(): ExchangeSummary['purpose'] {
    return this.#index.purposeOf(this.row);
  }
  get target(): string | null {
    return this.#index.targetAt(this.row);
  }
  get method(): string {
    return this.#index.methodOf(this.row);
  }
  get url(): string {
    return this.#index.urlOf(this.row);
  }
  get status(): number | null {
    return this.#index.statusOf(this.row);
  }
  get reason(): string | null {
    return this.#index.reasonOf(this.row);
  }
  get durationMs(): number {
    return this.#index.durationOf(this.row);
  }
}
