import { mkdir, open } from 'node:fs/promises';
import { AppError } from '../../../../shared/errors';
import { join } from 'node:path';
import { LineBlocks, slicesOf, type LineCursor, type SealedLines } from './line-blocks';
import { readTail, scanBuffer } from './reader';
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
  readonly #lines = new LineBlocks();
  #tags: unknown[] = [];
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

  /** Queues one line (`json` plus a newline); `tag` comes back with its location once written. */
  append(json: string | readonly string[], tag: unknown): void {
    this.#pendingBytes += this.#lines.push(json);
    this.#tags.push(tag);
  }

  /** Writes everything queued so far; calls are serialized so lines never interleave. */
  flush(options: { catchUp?: boolean } = {}): Promise<void> {
    const next = this.#chain.then(() => this.#write(options.catchUp ?? true));
    this.#chain = next.catch(() => {});
    return next;
  }

  async #write(catchUp: boolean): Promise<void> {
    // Before our own lines, always: once we append past another process's lines they would be skipped.
    if (catchUp || this.#tags.length > 0) await this.#catchUp();
    if (this.#tags.length === 0) return;
    const sealed = this.#lines.seal();
    const tags = this.#tags;
    this.#tags = [];
    this.#pendingBytes = 0;
    await mkdir(this.#options.dir, { recursive: true });
    const cursor: LineCursor = { block: 0, offset: 0 };
    let first = 0;
    let size = this.#current.size;
    for (let line = 0; line < tags.length; line++) {
      const length = sealed.lengths[line]!;
      if (size > 0 && size + length > this.#options.rotateBytes) {
        await this.#append(sealed, first, line, tags, cursor);
        first = line;
        await this.#rotate();
        size = 0;
      }
      size += length;
    }
    await this.#append(sealed, first, tags.length, tags, cursor);
    this.#lines.recycle(sealed);
    await this.#enforceCap();
  }

  /**
   * One write call per chunk in append mode, so a line from another process (the CLI sending
   * while the app runs) can never land inside ours. If the file grew by more than our chunk,
   * someone else appended around it: the whole new range is read back and indexed line by line.
   */
  async #append(sealed: SealedLines, from: number, to: number, tags: unknown[], cursor: LineCursor): Promise<void> {
    if (to <= from) return;
    const slices = slicesOf(sealed, from, to, cursor);
    if (this.#needsNewline) slices.unshift(Buffer.from('\n'));
    const prefix = this.#needsNewline ? 1 : 0;
    let total = 0;
    for (const slice of slices) total += slice.length;
    const expected = this.#current.size;
    const handle = await open(this.#current.path, 'a');
    let end: number;
    let written: number;
    try {
      written = (await handle.writev(slices)).bytesWritten;
      end = (await handle.stat()).size;
    } finally {
      await handle.close();
    }
    this.#needsNewline = false;
    if (written < total) {
      // Disk full or a file size limit: keep what landed whole, and say what did not.
      this.#current.size = expected;
      await this.#catchUp();
      throw new AppError(
        'HISTORY_WRITE_FAILED',
        `History could not be saved: ${(total - written).toLocaleString('en-US')} bytes were not written.`,
        'Check that the disk has free space. Sending still works; only the record of it is missing.',
      );
    }
    if (end - expected !== total) {
      this.#current.size = expected;
      await this.#catchUp();
      return;
    }
    this.#current.size = end;
    let offset = expected + prefix;
    const placed: Array<{ tag: unknown; location: RecordLocation }> = new Array(to - from);
    for (let line = from; line < to; line++) {
      const length = sealed.lengths[line]!;
      // The location excludes the trailing newline.
      placed[line - from] = { tag: tags[line], location: { file: this.#current.seq, offset, length: length - 1 } };
      offset += length;
    }
    this.#options.onWritten(placed);
  }

  /** Indexes whatever another process appended to the current file since our last look. */
  async #catchUp(): Promise<void> {
    const tail = await readTail(this.#current.path, this.#current.size);
    if (!tail) return;
    const scanned = scanBuffer(tail, this.#current.seq, this.#current.size);
    this.#current.size += tail.length;
    this.#needsNewline = scanned.torn;
    this.#options.onWritten(scanned.records.map(({ record, location }) => ({ tag: record, location })));
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
