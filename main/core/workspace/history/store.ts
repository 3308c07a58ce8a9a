import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../../shared/errors';
import type { Exchange } from '../../../../shared/domain/exchange';
import type { SendRequest } from '../../../../shared/domain/send-request';
import type { SendResult } from '../../../../shared/domain/send-result';
import {
  exchangeMatcher,
  sendMatcher,
  summarizeExchange,
  type ExchangeSummary,
  type HistoryFilter,
} from '../../../../shared/history/summary';
import { NdjsonWriter } from './ndjson-writer';
import { readRecordAt, scanFile } from './reader';
import { encodeRecord, type HistoryRecord, type RecordLocation } from './records';
import { DEFAULT_MAX_TOTAL_BYTES, DEFAULT_ROTATE_BYTES, listHistoryFiles, MB } from './rotation';

export interface HistoryStoreOptions {
  /** Total size cap over all files (default 200 MB); the oldest file goes first. */
  maxTotalBytes?: number;
  /** Start a new file past this size (default 20 MB, or a tenth of a smaller cap). */
  rotateBytes?: number;
  /** How often queued records are written (default 250 ms). */
  flushIntervalMs?: number;
}

interface ExchangeEntry {
  n: number;
  summary: ExchangeSummary;
  location: RecordLocation;
}

interface SendEntry {
  n: number;
  result: SendResult;
  hasRequest: boolean;
  location: RecordLocation;
}

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next (older) page; null when there is none. */
  nextCursor: number | null;
  /** How many match the filter in all. */
  total: number;
}

export interface StoredSend {
  result: SendResult;
  request: SendRequest | null;
  exchanges: Exchange[];
}

// A queued write past this size is flushed at once rather than waiting for the timer.
const EAGER_FLUSH_BYTES = 4 * 1024 * 1024;
const REMEMBERED_REQUESTS = 2_000;
const SETTINGS_FILE = 'settings.json';
const MIN_CAP_BYTES = MB;

/** Ten files per cap at most 20 MB each, so dropping the oldest frees about a tenth. */
function rotateFor(maxTotalBytes: number): number {
  return Math.min(DEFAULT_ROTATE_BYTES, Math.max(1024, Math.floor(maxTotalBytes / 10)));
}

async function readSettings(dir: string): Promise<number | null> {
  try {
    const value = JSON.parse(await readFile(join(dir, SETTINGS_FILE), 'utf8')) as { maxTotalBytes?: unknown };
    return typeof value.maxTotalBytes === 'number' && value.maxTotalBytes >= MIN_CAP_BYTES ? value.maxTotalBytes : null;
  } catch {
    // No settings yet (or unreadable ones): the default applies.
    return null;
  }
}

/**
 * Every SendResult and Exchange, appended to NDJSON files under `<dataDir>/history/`. Only small
 * summaries stay in memory; full records are read back by byte location when someone opens one.
 */
export class HistoryStore {
  readonly dir: string;
  readonly #options: Required<HistoryStoreOptions>;
  readonly #exchanges: ExchangeEntry[] = [];
  readonly #sends: SendEntry[] = [];
  readonly #exchangeById = new Map<string, ExchangeEntry>();
  readonly #sendById = new Map<string, SendEntry>();
  /** Reasons from results whose exchange line has not been indexed yet. */
  readonly #reasonByExchange = new Map<string, string>();
  readonly #requests = new Map<string, SendRequest>();
  readonly #early: HistoryRecord[] = [];
  readonly #ready: Promise<void>;
  readonly #timer: NodeJS.Timeout;
  #writer: NdjsonWriter | null = null;
  #n = 0;
  #skipped = 0;
  #closed = false;
  #writeError: string | null = null;
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

  /** The sender tells the store which request produced a result, before the result event. */
  rememberRequest(resultId: string, request: SendRequest): void {
    this.#requests.set(resultId, request);
    if (this.#requests.size > REMEMBERED_REQUESTS) this.#requests.delete(this.#requests.keys().next().value!);
  }

  recordExchange(exchange: Exchange): void {
    this.#enqueue({ type: 'exchange', exchange });
  }

  recordSend(result: SendResult, request?: SendRequest | null): void {
    const known = request ?? this.#requests.get(result.id) ?? null;
    this.#requests.delete(result.id);
    this.#enqueue({ type: 'send', result, request: known });
  }

  #enqueue(record: HistoryRecord): void {
    if (this.#closed) return;
    if (!this.#writer) {
      this.#early.push(record);
      return;
    }
    this.#writer.append(encodeRecord(record), record);
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
    await mkdir(this.dir, { recursive: true });
    await writeFile(join(this.dir, SETTINGS_FILE), JSON.stringify({ maxTotalBytes: bytes }, null, 2));
    await this.#writer!.setLimits(bytes, this.#options.rotateBytes);
  }

  /** The timer's flush: writes what is queued and does not look for other writers when idle. */
  async #flushQuietly(): Promise<void> {
    try {
      await this.#ready;
      if (this.#writer!.pendingBytes > 0) await this.#writer!.flush({ catchUp: false });
    } catch (error) {
      // A failing disk must not crash a send; the failure is kept for whoever asks.
      this.#writeError = error instanceof Error ? error.message : String(error);
    }
  }

  /** Writes what is queued and picks up lines another process (the CLI) appended meanwhile. */
  async flush(): Promise<void> {
    await this.#ready;
    try {
      await this.#writer!.flush();
      this.#writeError = null;
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
    return page(this.#exchanges, exchangeMatcher(filter), (entry) => entry.summary, cursor, limit);
  }

  async listSends(
    filter: HistoryFilter,
    cursor: number | null,
    limit: number,
  ): Promise<Page<SendResult & { hasRequest: boolean }>> {
    await this.flush();
    const match = sendMatcher(filter);
    return page(
      this.#sends,
      (result: SendResult) => match(result),
      (entry) => ({ ...entry.result, hasRequest: entry.hasRequest }),
      cursor,
      limit,
      (entry) => entry.result,
    );
  }

  async getExchange(id: string): Promise<Exchange | null> {
    await this.flush();
    const entry = this.#exchangeById.get(id);
    if (!entry) return null;
    const record = await this.#read(entry.location);
    return record?.type === 'exchange' ? record.exchange : null;
  }

  async getSend(id: string): Promise<StoredSend | null> {
    await this.flush();
    const entry = this.#sendById.get(id);
    if (!entry) return null;
    const record = await this.#read(entry.location);
    if (record?.type !== 'send') return null;
    const exchanges: Exchange[] = [];
    for (const exchangeId of record.result.exchangeIds) {
      const exchange = await this.getExchange(exchangeId);
      if (exchange) exchanges.push(exchange);
    }
    return { result: record.result, request: record.request, exchanges };
  }

  /** Full exchanges by id (in the order given) or every one matching a filter (oldest first). */
  async exchangesFor(selection: { ids?: string[]; filter?: HistoryFilter }, max: number): Promise<Exchange[]> {
    await this.flush();
    let entries: ExchangeEntry[];
    if (selection.ids) {
      entries = selection.ids.map((id) => this.#exchangeById.get(id)).filter((entry) => entry !== undefined);
    } else {
      const match = exchangeMatcher(selection.filter ?? {});
      entries = this.#exchanges.filter((entry) => match(entry.summary));
    }
    const out: Exchange[] = [];
    for (const entry of entries.slice(-max)) {
      const record = await this.#read(entry.location);
      if (record?.type === 'exchange') out.push(record.exchange);
    }
    return out;
  }

  async #read(location: RecordLocation): Promise<HistoryRecord | null> {
    const path = this.#writer?.pathOf(location.file);
    if (!path) return null;
    try {
      return await readRecordAt(path, location);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
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
      const scanned = await scanFile(file.path, file.seq);
      this.#skipped += scanned.skipped;
      for (const { record, location } of scanned.records) this.#index(record, location);
      torn = scanned.torn;
    }
    this.#writer = new NdjsonWriter({
      dir: this.dir,
      rotateBytes: this.#options.rotateBytes,
      maxTotalBytes: this.#options.maxTotalBytes,
      files,
      torn,
      onWritten: (items) => {
        for (const { tag, location } of items) this.#index(tag as HistoryRecord, location);
      },
      onDropped: (seqs) => this.#forget(new Set(seqs)),
    });
    for (const record of this.#early.splice(0)) this.#enqueue(record);
  }

  #index(record: HistoryRecord, location: RecordLocation): void {
    const n = ++this.#n;
    if (record.type === 'exchange') {
      const reason = this.#reasonByExchange.get(record.exchange.id);
      this.#reasonByExchange.delete(record.exchange.id);
      const entry = { n, summary: summarizeExchange(record.exchange, reason), location };
      this.#exchanges.push(entry);
      this.#exchangeById.set(entry.summary.id, entry);
      return;
    }
    const entry = { n, result: record.result, hasRequest: record.request !== null, location };
    this.#sends.push(entry);
    this.#sendById.set(record.result.id, entry);
    // The result names the reason the provider gave; its exchanges' rows show it too.
    if (record.result.reason) {
      for (const id of record.result.exchangeIds) {
        const exchange = this.#exchangeById.get(id);
        if (exchange) exchange.summary.reason = record.result.reason;
        else if (this.#reasonByExchange.size < 10_000) this.#reasonByExchange.set(id, record.result.reason);
      }
    }
  }

  #forget(seqs: Set<number>): void {
    const keep = <T extends { location: RecordLocation }>(list: T[], byId: Map<string, T>, idOf: (e: T) => string) => {
      let drop = 0;
      while (drop < list.length && seqs.has(list[drop]!.location.file)) byId.delete(idOf(list[drop++]!));
      list.splice(0, drop);
    };
    keep(this.#exchanges, this.#exchangeById, (entry) => entry.summary.id);
    keep(this.#sends, this.#sendById, (entry) => entry.result.id);
  }
}

/** Newest first, starting below `cursor` (an entry number), with the total that match. */
function page<E extends { n: number }, T, M>(
  entries: readonly E[],
  match: (value: M) => boolean,
  map: (entry: E) => T,
  cursor: number | null,
  limit: number,
  matchOn: (entry: E) => M = (entry) => (entry as unknown as { summary: M }).summary,
): Page<T> {
  const items: T[] = [];
  let total = 0;
  let lastN = 0;
  let more = false;
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i]!;
    if (!match(matchOn(entry))) continue;
    total++;
    if (cursor !== null && entry.n >= cursor) continue;
    if (items.length < limit) {
      items.push(map(entry));
      lastN = entry.n;
    } else more = true;
  }
  return { items, nextCursor: more ? lastN : null, total };
}
