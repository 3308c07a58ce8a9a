import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { AppError } from '../../../../shared/errors';
import { join } from 'node:path';
import { LineBlocks, slicesOf, type LineCursor } from './line-blocks';
import { readTail, scanBuffer } from './reader';
import type { FileTemplates, RecordLocation, Template } from './records';
import { filesOverCap, historyFileName, removeFiles, type HistoryFile } from './rotation';

/** Modes for what history creates: read and written by the user only. */
export const HISTORY_FILE_MODE = 0o600;
export const HISTORY_DIR_MODE = 0o700;

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
  /** A file's templates so far, for reading what another process appended to it. */
  templatesOf(seq: number): FileTemplates;
}

/** The tag a template line comes back with once written (a template is not a record). */
export interface WrittenTemplate {
  kind: 'template';
  template: Template;
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
  /** Per queued line, the template it is a patch on, or null. */
  #lineTemplates: Array<Template | null> = [];
  /** Templates written to the current file so far. */
  readonly #written = new Set<string>();
  #pendingBytes = 0;
  #current: HistoryFile;
  #needsNewline: boolean;
  #dirMade = false;
  #chain: Promise<void> = Promise.resolve();
  /** Flushes asked for and not yet finished: their lines are sealed but maybe not written. */
  #flushing = 0;

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

  /** Whether any line appended so far is not yet handed to the OS (queued, or in a write under way). */
  get busy(): boolean {
    return this.#pendingBytes > 0 || this.#flushing > 0;
  }

  pathOf(seq: number): string | null {
    return this.#files.find((file) => file.seq === seq)?.path ?? null;
  }

  /**
   * Queues one line (`json` plus a newline); `tag` comes back with its location once written. A
   * patch line names its template, which is written first in any file that lacks it.
   */
  append(json: string | readonly string[], tag: unknown, template: Template | null = null): void {
    this.#pendingBytes += this.#lines.push(json);
    this.#tags.push(tag);
    this.#lineTemplates.push(template);
  }

  /**
   * Writes everything queued so far and resolves with how many lines that was; calls are
   * serialized so lines never interleave.
   */
  flush(options: { catchUp?: boolean } = {}): Promise<number> {
    this.#flushing++;
    const next = this.#chain.then(() => this.#write(options.catchUp ?? true));
    this.#chain = next.then(
      () => void this.#flushing--,
      () => void this.#flushing--,
    );
    return next;
  }

  async #write(catchUp: boolean): Promise<number> {
    // Before our own lines, always: once we append past another process's lines they would be skipped.
    if (catchUp || this.#tags.length > 0) await this.#catchUp();
    if (this.#tags.length === 0) return 0;
    const sealed = this.#lines.seal();
    const tags = this.#tags;
    const templates = this.#lineTemplates;
    this.#tags = [];
    this.#lineTemplates = [];
    this.#pendingBytes = 0;
    const cursor: LineCursor = { block: 0, offset: 0 };
    let first = 0;
    let size = this.#current.size;
    for (let line = 0; line < tags.length; line++) {
      const length = sealed.lengths[line]!;
      if (size > 0 && size + length > this.#options.rotateBytes) {
        await this.#append(slicesOf(sealed, first, line, cursor), sealed.lengths, tags, first, line);
        first = line;
        await this.#rotate();
        size = 0;
      }
      const template = templates[line]!;
      if (template !== null && !this.#written.has(template.id)) {
        await this.#append(slicesOf(sealed, first, line, cursor), sealed.lengths, tags, first, line);
        first = line;
        const text = Buffer.from(`${template.json}\n`);
        const tag: WrittenTemplate = { kind: 'template', template };
        await this.#append([text], [text.length], [tag], 0, 1);
        this.#written.add(template.id);
        size += text.length;
      }
      size += length;
    }
    await this.#append(slicesOf(sealed, first, tags.length, cursor), sealed.lengths, tags, first, tags.length);
    this.#lines.recycle(sealed);
    await this.#enforceCap();
    return tags.length;
  }

  /**
   * One write call per chunk in append mode, so a line from another process (the CLI sending
   * while the app runs) can never land inside ours. If the file grew by more than our chunk,
   * someone else appended around it: the whole new range is read back and indexed line by line.
   */
  async #append(
    slices: Buffer[],
    lengths: readonly number[],
    tags: unknown[],
    from: number,
    to: number,
  ): Promise<void> {
    if (to <= from) return;
    if (this.#needsNewline) slices.unshift(Buffer.from('\n'));
    const prefix = this.#needsNewline ? 1 : 0;
    let total = 0;
    for (const slice of slices) total += slice.length;
    const expected = this.#current.size;
    const handle = await this.#open();
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
      const length = lengths[line]!;
      // The location excludes the trailing newline.
      placed[line - from] = { tag: tags[line], location: { file: this.#current.seq, offset, length: length - 1 } };
      offset += length;
    }
    this.#options.onWritten(placed);
  }

  /**
   * The current file for appending; its folder is made on first use, and again if removed. History
   * holds targets and payloads: files are the user's alone, like credentials.json.
   */
  async #open(): Promise<FileHandle> {
    if (!this.#dirMade) {
      await mkdir(this.#options.dir, { recursive: true, mode: HISTORY_DIR_MODE });
      this.#dirMade = true;
    }
    try {
      return await open(this.#current.path, 'a', HISTORY_FILE_MODE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await mkdir(this.#options.dir, { recursive: true, mode: HISTORY_DIR_MODE });
      return open(this.#current.path, 'a', HISTORY_FILE_MODE);
    }
  }

  /** Indexes whatever another process appended to the current file since our last look. */
  async #catchUp(): Promise<void> {
    const tail = await readTail(this.#current.path, this.#current.size);
    if (!tail) return;
    const scanned = scanBuffer(
      tail,
      this.#current.seq,
      this.#current.size,
      this.#options.templatesOf(this.#current.seq),
    );
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
    this.#written.clear();
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
