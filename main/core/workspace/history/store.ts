import { join } from 'node:path';
import { AppError } from '../../../../shared/errors';
import type { Exchange } from '../../../../shared/domain/exchange';
import type { SendRequest } from '../../../../shared/domain/send-request';
import type { SendResult } from '../../../../shared/domain/send-result';
import type { HistorySend } from '../../../../shared/history/calls';
import type { ExchangeSummary, HistoryFilter } from '../../../../shared/history/summary';
import { exchangeQueryMatcher, type ExchangeQuery } from '../../../../shared/history/query';
import { ExchangeTemplates } from './exchange-templates';
import { ExchangeTextIndex } from './exchange-text';
import { HistoryIndex, tagOf, type IndexTag } from './history-index';
import { NdjsonWriter, type WrittenTemplate } from './ndjson-writer';
import { forEachStoredExchange, readRecordsAt, scanFile } from './reader';
import { pageRows, type Page } from './record-table';
import { RecordEncoder, type FileTemplates, type HistoryRecord, type RecordLocation } from './records';
import { DEFAULT_MAX_TOTAL_BYTES, listHistoryFiles, MB, rotateFor } from './rotation';
import { MIN_CAP_BYTES, readSettings, writeSettings } from './settings';

export interface HistoryStoreOptions {
  /** Total size cap over all files (default 200 MB); the oldest file goes first. */
  maxTotalBytes?: number;
  /** Start a new file past this size (default 20 MB, or a tenth of a smaller cap). */
  rotateBytes?: number;
  /** How often queued records are written (default 250 ms). */
  flushIntervalMs?: number;
}

export type { Page } from './record-table';

export interface StoredSend {
  result: SendResult;
  request: SendRequest | null;
  exchanges: Exchange[];
}

// A queued write past this size is flushed at once rather than waiting for the timer: during a
// bulk send that is every block or so, so lines and their tags die young.
const EAGER_FLUSH_BYTES = 1024 * 1024;

/**
 * Every SendResult and Exchange, appended to NDJSON files under `<dataDir>/history/`. Only small
 * summaries stay in memory; full records are read back by byte location when someone opens one.
 */
export class HistoryStore {
  readonly dir: string;
  readonly #options: Required<HistoryStoreOptions>;
  readonly #index = new HistoryIndex();
  readonly #encoder = new ExchangeTemplates(new RecordEncoder());
  /**
   * Headers and bodies of the exchanges in the index, for the search box: built from the files on
   * the first query that reads them, then kept up to date. Until then a bulk send pays nothing for
   * it (it was 600 bytes a target, more than the rest of the index).
   */
  #text: ExchangeTextIndex | null = null;
  #textBuilt: Promise<ExchangeTextIndex> | null = null;
  /** Each file's templates, for reading its patch lines back. */
  readonly #templates = new Map<number, FileTemplates>();
  readonly #early: HistoryRecord[] = [];
  readonly #ready: Promise<void>;
  readonly #timer: NodeJS.Timeout;
  #writer: NdjsonWriter | null = null;
  #skipped = 0;
  #closed = false;
  #writeError: string | null = null;
  /** Records enqueued so far, and the `written()` promise that covers the first `#coveredCount`. */
  #recorded = 0;
  #covered: Promise<void> | null = null;
  #coveredCount = -1;
  readonly #capFromOptions: boolean;
  readonly #rotateFromOptions: boolean;

  constructor(dataDir: string, options: HistoryStoreOptions = {}) {
    this.dir = join(dataDir, 'history');
    this.#capFromOptions = options.maxTotalBytes !== undefined;
    this.#rotateFromOptions = options.rotateBytes !== undefined;
    const maxTotalBytes = options.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES;
    this.#options = {
      maxTotalBytes,
      rotateBytes: options.rotateBytes ?? rotateFor(maxTotalBytes),
      flushIntervalMs: options.flushIntervalMs ?? 250,
    };
    this.#ready = this.#load();
    this.#ready.catch(() => {});
    this.#timer = setInterval(() => void this.#flushQuietly(), this.#options.flushIntervalMs);
    this.#timer.unref();
  }

  /** Resolves once the files on disk are indexed; rejects if the folder cannot be read. */
  ready(): Promise<void> {
    return this.#ready;
  }

  /** Lines skipped on load (torn or damaged). */
  get skippedLines(): number {
    return this.#skipped;
  }

  recordExchange(exchange: Exchange): void {
    this.#enqueue({ type: 'exchange', exchange });
  }

  /** A final result and the request that produced it (null when there was none to keep). */
  recordSend(result: SendResult, request: SendRequest | null): void {
    this.#enqueue({ type: 'send', result, request });
  }

  #enqueue(record: HistoryRecord): void {
    if (this.#closed) return;
    this.#recorded++;
    if (!this.#writer) {
      this.#early.push(record);
      return;
    }
    if (record.type === 'exchange') {
      this.#text?.add(record.exchange);
      const { json, template } = this.#encoder.encode(record.exchange);
      this.#writer.append(json, tagOf(record), template);
    } else this.#writer.append(this.#encoder.records.json(record), tagOf(record));
    if (this.#writer.pendingBytes > EAGER_FLUSH_BYTES) void this.#flushQuietly();
  }

  get maxTotalBytes(): number {
    return this.#options.maxTotalBytes;
  }

  /** The size cap setting, kept in `history/settings.json`; lowering it removes old files now. */
  async setMaxTotalBytes(bytes: number): Promise<void> {
    if (!Number.isFinite(bytes) || bytes < MIN_CAP_BYTES) {
      throw new AppError('INVALID_INPUT', `History needs at least ${MIN_CAP_BYTES / MB} MB.`);
    }
    await this.#ready;
    this.#options.maxTotalBytes = bytes;
    if (!this.#rotateFromOptions) this.#options.rotateBytes = rotateFor(bytes);
    await writeSettings(this.dir, bytes);
    await this.#writer!.setLimits(bytes, this.#options.rotateBytes);
  }

  /** The timer's flush: writes what is queued and does not look for other writers when idle. */
  async #flushQuietly(): Promise<void> {
    try {
      await this.#ready;
      if (this.#writer!.pendingBytes > 0 && (await this.#writer!.flush({ catchUp: false })) > 0)
        this.#writeError = null;
    } catch (error) {
      // A failing disk must not crash a send; the failure is kept for whoever asks.
      this.#writeError = error instanceof Error ? error.message : String(error);
    }
  }

  /**
   * Whether a record is not yet handed to the OS: queued, or in a write under way. What a user is
   * shown (a printed line, an event or reply to a renderer) waits for `written()` while this holds,
   * so a crash or kill -9 never loses a result they saw.
   */
  get unwritten(): boolean {
    if (this.#closed) return false;
    return this.#writer === null ? this.#early.length > 0 : this.#writer.busy;
  }

  /**
   * Resolves once every record so far is written with write(2) (not fsynced: a killed process
   * loses nothing the OS has; a power cut is another matter). Never rejects: a failed write is
   * kept in `writeError` and must not hold up sending. Callers in a row with nothing recorded in
   * between share one write.
   */
  written(): Promise<void> {
    if (this.#covered !== null && this.#coveredCount === this.#recorded) return this.#covered;
    const covered = this.#ready
      .then(() => this.#writer!.flush({ catchUp: false }))
      .then(
        (lines) => {
          if (lines > 0) this.#writeError = null;
        },
        (error: unknown) => {
          this.#writeError = error instanceof Error ? error.message : String(error);
        },
      );
    this.#covered = covered;
    this.#coveredCount = this.#recorded;
    return covered;
  }

  /** Writes what is queued and picks up lines another process (the CLI) appended meanwhile. */
  async flush(): Promise<void> {
    await this.#ready;
    try {
      // A flush with nothing to write says nothing about the lines an earlier one lost.
      if ((await this.#writer!.flush()) > 0) this.#writeError = null;
    } catch (error) {
      // Reading what is on disk still works; the failure is kept for whoever asks (and the CLI test).
      this.#writeError = error instanceof Error ? error.message : String(error);
    }
  }

  /** Why the last write failed (disk full…), or null when it succeeded. */
  get writeError(): string | null {
    return this.#writeError;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    clearInterval(this.#timer);
    await this.flush().catch(() => {});
    this.#closed = true;
  }

  async listExchanges(filter: HistoryFilter, cursor: number | null, limit: number): Promise<Page<ExchangeSummary>> {
    await this.flush();
    // Someone is looking at the exchanges, so a search may follow: read the text in now, behind
    // this answer, rather than making the first query wait for every file (seconds at 50,000).
    void this.#textIndex().catch(() => {});
    const rows = pageRows(this.#index.exchanges, this.#index.exchangeTest(filter), cursor, limit);
    return { ...rows, items: rows.items.map((row) => this.#index.exchanges.summaryAt(row)) };
  }

  /** Ids of the newest `limit` exchanges the search box's query matches, newest first. */
  async searchExchanges(query: ExchangeQuery, limit: number): Promise<Page<string>> {
    await this.flush();
    const text = (await this.#textIndex()).prepare(query);
    const view = this.#index.exchanges.view();
    const matches = exchangeQueryMatcher(query);
    const match = (row: number) => {
      view.row = row;
      text.at(view.id);
      return matches(view, text);
    };
    const rows = pageRows(this.#index.exchanges, match, null, limit);
    return { ...rows, items: rows.items.map((row) => this.#index.exchanges.idAt(row)) };
  }

  async listSends(filter: HistoryFilter, cursor: number | null, limit: number): Promise<Page<HistorySend>> {
    await this.flush();
    const rows = pageRows(this.#index.sends, this.#index.sendTest(filter), cursor, limit);
    // Rows are positions, which a rotation during the reads below shifts: take what is needed now.
    const hasRequest = rows.items.map((row) => this.#index.sends.hasRequestAt(row));
    // Only the page's full results are read back; a line whose file is gone is left out.
    const records = await this.#readMany(rows.items.map((row) => this.#index.sends.locationAt(row)));
    const items: HistorySend[] = [];
    records.forEach((record, i) => {
      if (record?.type !== 'send') return;
      // How it went out, so a list can name the profile beside the target.
      const via = record.request
        ? { credentialId: record.request.credential, environment: record.request.environment }
        : {};
      items.push({ ...record.result, hasRequest: hasRequest[i]!, ...via });
    });
    return { ...rows, items };
  }

  async getExchange(id: string): Promise<Exchange | null> {
    await this.flush();
    const row = this.#index.exchanges.find(id);
    if (row < 0) return null;
    const [record] = await this.#readMany([this.#index.exchanges.locationAt(row)]);
    return record?.type === 'exchange' ? record.exchange : null;
  }

  /**
   * The ids of sends that start with `prefix` (as git takes a commit's first digits), at most
   * `max` of them, newest first; an exact id is the only match.
   */
  async sendIdsStartingWith(prefix: string, max = 10): Promise<string[]> {
    await this.flush();
    const sends = this.#index.sends;
    if (sends.find(prefix) >= 0) return [prefix];
    const found = new Set<string>();
    for (let row = sends.size - 1; row >= 0 && found.size < max; row--) {
      const id = sends.idAt(row);
      if (id.startsWith(prefix)) found.add(id);
    }
    return [...found];
  }

  async getSend(id: string): Promise<StoredSend | null> {
    await this.flush();
    const row = this.#index.sends.find(id);
    if (row < 0) return null;
    const [record] = await this.#readMany([this.#index.sends.locationAt(row)]);
    if (record?.type !== 'send') return null;
    const exchanges: Exchange[] = [];
    for (const exchangeId of record.result.exchangeIds) {
      const exchange = await this.getExchange(exchangeId);
      if (exchange) exchanges.push(exchange);
    }
    return { result: record.result, request: record.request, exchanges };
  }

  /** The last `max` sends to exactly this target (newest first) with their requests, for per-target rules. */
  async sendsTo(target: string, max: number): Promise<Array<{ result: SendResult; request: SendRequest | null }>> {
    await this.flush();
    const sends = this.#index.sends;
    const locations: RecordLocation[] = [];
    for (let row = sends.size - 1; row >= 0 && locations.length < max; row--) {
      if (sends.targetOf(row) === target && sends.hasRequestAt(row)) locations.push(sends.locationAt(row));
    }
    const out: Array<{ result: SendResult; request: SendRequest | null }> = [];
    for (const record of await this.#readMany(locations))
      if (record?.type === 'send') out.push({ result: record.result, request: record.request });
    return out;
  }

  /** Full exchanges by id (in the order given) or every one matching a filter (oldest first). */
  async exchangesFor(selection: { ids?: string[]; filter?: HistoryFilter }, max: number): Promise<Exchange[]> {
    await this.flush();
    let rows: number[];
    if (selection.ids) {
      rows = selection.ids.map((id) => this.#index.exchanges.find(id)).filter((row) => row >= 0);
    } else {
      const match = this.#index.exchangeTest(selection.filter ?? {});
      rows = [];
      for (let row = 0; row < this.#index.exchanges.size; row++) if (match(row)) rows.push(row);
    }
    const records = await this.#readMany(rows.slice(-max).map((row) => this.#index.exchanges.locationAt(row)));
    const out: Exchange[] = [];
    for (const record of records) if (record?.type === 'exchange') out.push(record.exchange);
    return out;
  }

  /** Records by location, in the order given, opening each file once; null where a file is gone. */
  async #readMany(locations: readonly RecordLocation[]): Promise<Array<HistoryRecord | null>> {
    const out = new Array<HistoryRecord | null>(locations.length).fill(null);
    const byFile = new Map<number, number[]>();
    locations.forEach((location, i) => {
      const list = byFile.get(location.file);
      if (list) list.push(i);
      else byFile.set(location.file, [i]);
    });
    for (const [file, indexes] of byFile) {
      const path = this.#writer?.pathOf(file);
      if (!path) continue;
      try {
        const records = await readRecordsAt(
          path,
          indexes.map((i) => locations[i]!),
          this.#templatesOf(file),
        );
        indexes.forEach((i, k) => (out[i] = records[k]!));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    return out;
  }

  async #load(): Promise<void> {
    if (!this.#capFromOptions) {
      const saved = await readSettings(this.dir);
      if (saved) this.#options.maxTotalBytes = saved;
    }
    if (!this.#rotateFromOptions) this.#options.rotateBytes = rotateFor(this.#options.maxTotalBytes);
    const files = await listHistoryFiles(this.dir);
    let torn = false;
    for (const file of files) {
      const scanned = await scanFile(file.path, file.seq, this.#templatesOf(file.seq));
      this.#skipped += scanned.skipped;
      for (const { record, location } of scanned.records) {
        if (record.type === 'exchange') this.#text?.add(record.exchange);
        this.#index.add(tagOf(record), location);
      }
      torn = scanned.torn;
    }
    this.#writer = new NdjsonWriter({
      dir: this.dir,
      rotateBytes: this.#options.rotateBytes,
      maxTotalBytes: this.#options.maxTotalBytes,
      files,
      torn,
      onWritten: (items) => {
        // Lines another process appended come back as whole records.
        for (const { tag, location } of items) {
          if (!('kind' in (tag as object))) {
            const record = tag as HistoryRecord;
            if (record.type === 'exchange') this.#text?.add(record.exchange);
            this.#index.add(tagOf(record), location);
          } else if ((tag as WrittenTemplate).kind === 'template') {
            const { template } = tag as WrittenTemplate;
            this.#templatesOf(location.file).set(template.id, template.exchange);
          } else this.#index.add(tag as IndexTag, location);
        }
      },
      onDropped: (seqs) => this.#forget(new Set(seqs)),
      templatesOf: (seq) => this.#templatesOf(seq),
    });
    for (const record of this.#early.splice(0)) this.#enqueue(record);
  }

  #templatesOf(seq: number): FileTemplates {
    let templates = this.#templates.get(seq);
    if (templates === undefined) {
      templates = new Map();
      this.#templates.set(seq, templates);
    }
    return templates;
  }

  #forget(seqs: Set<number>): void {
    for (const seq of seqs) this.#templates.delete(seq);
    this.#index.forgetFiles(seqs);
    this.#text?.retain((id) => this.#index.exchanges.find(id) >= 0);
  }

  /** Exchanges whose headers and bodies are in memory for search (0 until a query needs them). */
  get textIndexed(): number {
    return this.#text?.size ?? 0;
  }

  #textIndex(): Promise<ExchangeTextIndex> {
    this.#textBuilt ??= this.#buildText();
    return this.#textBuilt;
  }

  /**
   * Reads every file once into a new text index. It exists before the flush and the reads, so what
   * is recorded meanwhile lands in it too; `add` skips an exchange it already holds.
   */
  async #buildText(): Promise<ExchangeTextIndex> {
    const text = new ExchangeTextIndex();
    this.#text = text;
    try {
      await this.flush();
      await forEachStoredExchange(this.dir, (exchange) => {
        if (this.#index.exchanges.find(exchange.id) >= 0) text.add(exchange);
      });
    } catch (error) {
      this.#text = null;
      this.#textBuilt = null;
      throw error;
    }
    return text;
  }
}
