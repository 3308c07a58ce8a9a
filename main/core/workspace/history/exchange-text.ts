import type { Exchange, Header, RecordedBody } from '../../../../shared/domain/exchange';
import type { ExchangeQuery, ExchangeText } from '../../../../shared/history/query';

/** Bodies past this are searched in their first part only (an FCM or NH body is a few KB). */
const BODY_INDEXED_CHARS = 64 * 1024;

/**
 * What the search box reads beyond a list row: every header and text body of each exchange, so
 * an apns-id, X-WNS-Msg-ID, TrackingId, FCM message name or body text finds its exchange. Rows
 * live on disk, and reading 50,000 of them back per keystroke takes seconds, so the text stays
 * in memory. It is kept as distinct parts (`name: value` per header, one per body) with each
 * exchange a list of part numbers: a bulk send's exchanges share all but a few headers, so one
 * more exchange costs its ids and path, not its headers and payload again.
 */
export class ExchangeTextIndex {
  /** Lower-cased part text: `name: value` for a header, the text for a body. */
  #parts: string[] = [];
  /** For a header part, the length of `name: `; 0 for a body. */
  #valueAt: number[] = [];
  #partOf = new Map<string, number>();
  /** Each exchange's parts: `#refs[#start[e] .. #start[e + 1]]`. */
  #refs = new Int32Array(1024);
  #used = 0;
  #starts: number[] = [0];
  #entryOf = new Map<string, number>();
  #ids: string[] = [];

  get size(): number {
    return this.#entryOf.size;
  }

  add(exchange: Exchange): void {
    if (this.#entryOf.has(exchange.id)) return;
    for (const header of exchange.requestHeaders) this.#ref(this.#headerPart(header));
    for (const header of exchange.responseHeaders) this.#ref(this.#headerPart(header));
    this.#body(exchange.requestBody);
    this.#body(exchange.responseBody);
    // A Web Push body is ciphertext: the words a debugger looks for are in the plaintext.
    this.#body(exchange.requestPlaintext ?? null);
    if (exchange.error) this.#ref(this.#part(`${exchange.error.code} ${exchange.error.message}`.toLowerCase(), 0));
    this.#entryOf.set(exchange.id, this.#ids.length);
    this.#ids.push(exchange.id);
    this.#starts.push(this.#used);
  }

  /** Keeps only the exchanges `keep` names (after rotation removed files), and only their parts. */
  retain(keep: (id: string) => boolean): void {
    const old = { parts: this.#parts, valueAt: this.#valueAt, refs: this.#refs, starts: this.#starts, ids: this.#ids };
    this.#parts = [];
    this.#valueAt = [];
    this.#partOf = new Map();
    this.#refs = new Int32Array(Math.max(1024, this.#used));
    this.#used = 0;
    this.#starts = [0];
    this.#entryOf = new Map();
    this.#ids = [];
    const renumbered = new Map<number, number>();
    old.ids.forEach((id, entry) => {
      if (!keep(id)) return;
      for (let k = old.starts[entry]!; k < old.starts[entry + 1]!; k++) {
        const part = old.refs[k]!;
        let next = renumbered.get(part);
        if (next === undefined) {
          next = this.#part(old.parts[part]!, old.valueAt[part]!);
          renumbered.set(part, next);
        }
        this.#ref(next);
      }
      this.#entryOf.set(id, this.#ids.length);
      this.#ids.push(id);
      this.#starts.push(this.#used);
    });
  }

  /**
   * The query's text tests, each part tested once per term however many exchanges share it.
   * `at(id)` points the returned view at one exchange (false when none is indexed under that id).
   */
  prepare(query: ExchangeQuery): PreparedText {
    const tables = {
      parts: this.#parts,
      valueAt: this.#valueAt,
      refs: this.#refs,
      starts: this.#starts,
      entryOf: this.#entryOf,
    };
    return new PreparedText(tables, query);
  }

  #headerPart([name, value]: Header): number {
    const lowerName = name.toLowerCase();
    return this.#part(`${lowerName}: ${value.toLowerCase()}`, lowerName.length + 2);
  }

  #body(body: RecordedBody | null): void {
    if (body?.encoding !== 'text' || body.data.length === 0) return;
    this.#ref(this.#part(body.data.slice(0, BODY_INDEXED_CHARS).toLowerCase(), 0));
  }

  #part(text: string, valueAt: number): number {
    let part = this.#partOf.get(text);
    if (part === undefined) {
      part = this.#parts.length;
      this.#parts.push(text);
      this.#valueAt.push(valueAt);
      this.#partOf.set(text, part);
    }
    return part;
  }

  #ref(part: number): void {
    if (this.#used === this.#refs.length) {
      const grown = new Int32Array(this.#refs.length * 2);
      grown.set(this.#refs);
      this.#refs = grown;
    }
    this.#refs[this.#used++] = part;
  }
}

interface TextTables {
  parts: readonly string[];
  valueAt: readonly number[];
  refs: Int32Array;
  starts: readonly number[];
  entryOf: ReadonlyMap<string, number>;
}

/** One query's view of the index; valid until the index changes (use it within one call). */
export class PreparedText implements ExchangeText {
  #entry = -1;
  readonly #tables: TextTables;
  /** Per term, and per header test: 1 where a part passes. */
  readonly #terms = new Map<string, Uint8Array>();
  readonly #headers = new Map<string, Map<string | null, Uint8Array>>();

  constructor(tables: TextTables, query: ExchangeQuery) {
    this.#tables = tables;
    const { parts, valueAt } = tables;
    for (const term of query.terms) {
      if (!this.#terms.has(term))
        this.#terms.set(
          term,
          this.#test((part) => parts[part]!.includes(term)),
        );
    }
    for (const { name, value } of query.headers) {
      const prefix = `${name}: `;
      let byValue = this.#headers.get(name);
      if (!byValue) this.#headers.set(name, (byValue = new Map()));
      if (byValue.has(value)) continue;
      const hits = this.#test((part) => {
        const text = parts[part]!;
        return (
          valueAt[part] === prefix.length &&
          text.startsWith(prefix) &&
          (value === null || text.includes(value, prefix.length))
        );
      });
      byValue.set(value, hits);
    }
  }

  at(id: string): boolean {
    this.#entry = this.#tables.entryOf.get(id) ?? -1;
    return this.#entry >= 0;
  }

  contains(text: string): boolean {
    return this.#any(this.#terms.get(text));
  }

  hasHeader(name: string, value: string | null): boolean {
    return this.#any(this.#headers.get(name)?.get(value));
  }

  #test(pass: (part: number) => boolean): Uint8Array {
    const hits = new Uint8Array(this.#tables.parts.length);
    for (let part = 0; part < hits.length; part++) if (pass(part)) hits[part] = 1;
    return hits;
  }

  #any(hits: Uint8Array | undefined): boolean {
    if (!hits || this.#entry < 0) return false;
    const { starts, refs } = this.#tables;
    for (let k = starts[this.#entry]!; k < starts[this.#entry + 1]!; k++) if (hits[refs[k]!]) return true;
    return false;
  }
}
