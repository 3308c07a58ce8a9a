import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecordLocation } from './records';
import { filesOverCap, historyFileName, removeFiles, type HistoryFile } from './rotation';

export interface WriterOptions {
  dir: string;
  rotateBytes: number;
  maxTotalBytes: number;
  /** Files already on disk, oldest first, and whether the newest ends mid-line. */
  files: HistoryFile[];
  torn: boolean;
  /** Called after each write with where every line landed. */
  onWritten(items: Array<{ tag: unknown; location: RecordLocation }>): void;
  /** Called with the files rotation deleted, so the index can forget them. */
  onDropped(seqs: number[]): void;
}

/**
 * Append-only NDJSON with rotation. Lines are queued in memory and written in batches so a
 * send never waits for the disk; a torn last line from a crash is closed with a newline before
 * the first new line, which keeps the file readable line by line.
 */
export class NdjsonWriter {
  readonly #options: WriterOptions;
  readonly #files: HistoryFile[];
  #pending: Array<{ line: Buffer; tag: unknown }> = [];
  #pendingBytes = 0;
  #current: HistoryFile;
  #needsNewline: boolean;
  #chain: Promise<void> = Promise.resolve();

  constructor(options: WriterOptions) {
    this.#options = options;
    this.#files = options.files.slice();
    const last = this.#files[this.#files.length - 1];
    this.#current = last ?? { seq: 1, path: join(options.dir, historyFileName(1)), size: 0 };
    if (!last) this.#files.push(this.#current);
    this.#needsNewline = options.torn;
  }

  get pendingBytes(): number {
    return this.#pendingBytes;
  }

  pathOf(seq: number): string | null {
    return this.#files.find((file) => file.seq === seq)?.path ?? null;
  }

  append(line: Buffer, tag: unknown): void {
    this.#pending.push({ line, tag });
    this.#pendingBytes += line.length;
  }

  /** Writes everything queued so far; calls are serialized so lines never interleave. */
  flush(): Promise<void> {
    const next = this.#chain.then(() => this.#write());
    this.#chain = next.catch(() => {});
    return next;
  }

  async #write(): Promise<void> {
    if (this.#pending.length === 0) return;
    const batch = this.#pending;
    this.#pending = [];
    this.#pendingBytes = 0;
    await mkdir(this.#options.dir, { recursive: true });
    let chunk: Buffer[] = [];
    let placed: Array<{ tag: unknown; location: RecordLocation }> = [];
    let offset = this.#current.size;
    if (this.#needsNewline) {
      chunk.push(Buffer.from('\n'));
      offset += 1;
    }
    const writeChunk = async () => {
      if (chunk.length === 0) return;
      const data = Buffer.concat(chunk);
      await appendFile(this.#current.path, data);
      this.#needsNewline = false;
      this.#current.size += data.length;
      this.#options.onWritten(placed);
      chunk = [];
      placed = [];
    };
    for (const { line, tag } of batch) {
      if (offset > 0 && offset + line.length > this.#options.rotateBytes) {
        await writeChunk();
        await this.#rotate();
        offset = 0;
      }
      chunk.push(line);
      // The location excludes the trailing newline.
      placed.push({ tag, location: { file: this.#current.seq, offset, length: line.length - 1 } });
      offset += line.length;
    }
    await writeChunk();
    await this.#enforceCap();
  }

  /** A new total cap (and file size); files over it are removed in order with any writes in progress. */
  setLimits(maxTotalBytes: number, rotateBytes: number): Promise<void> {
    this.#options.maxTotalBytes = maxTotalBytes;
    this.#options.rotateBytes = rotateBytes;
    const next = this.#chain.then(() => this.#enforceCap());
    this.#chain = next.catch(() => {});
    return next;
  }

  async #rotate(): Promise<void> {
    const seq = this.#current.seq + 1;
    this.#current = { seq, path: join(this.#options.dir, historyFileName(seq)), size: 0 };
    this.#files.push(this.#current);
    await this.#enforceCap();
  }

  async #enforceCap(): Promise<void> {
    const drop = filesOverCap(this.#files, this.#options.maxTotalBytes, this.#current.seq);
    if (drop.length === 0) return;
    await removeFiles(drop);
    this.#files.splice(0, drop.length);
    this.#options.onDropped(drop.map((file) => file.seq));
  }
}
