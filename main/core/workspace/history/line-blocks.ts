/** Lines are packed into blocks of this size; a longer line gets a block of its own. */
export const BLOCK_BYTES = 1024 * 1024;
/** Written blocks kept for reuse, so a long bulk send cycles through the same memory. */
const SPARE_BLOCKS = 4;

/** A run of whole lines, in order, ready to write. */
export interface SealedLines {
  /** Each block's used part; every line sits inside one block. */
  blocks: Buffer[];
  /** Each line's length in bytes, newline included. */
  lengths: number[];
}

/**
 * NDJSON lines encoded straight into large reusable blocks. A bulk send records two lines per
 * target; one Buffer per line (and one big concat per write) made every line's memory outlive
 * the young generation and piled up until a full GC, which is most of a 100,000-target send's
 * peak memory.
 */
export class LineBlocks {
  #blocks: Buffer[] = [];
  #lengths: number[] = [];
  #used = 0;
  readonly #spare: Buffer[] = [];

  /** Appends a line (`json`, or its parts in order) and a newline; returns its length in bytes. */
  push(json: string | readonly string[]): number {
    const parts = typeof json === 'string' ? [json] : json;
    let chars = 0;
    for (const part of parts) chars += part.length;
    let block = this.#blocks[this.#blocks.length - 1];
    // UTF-8 needs at most 3 bytes per UTF-16 unit: when that fits, no length pass is needed.
    if (block === undefined || this.#used + chars * 3 + 1 > block.length) {
      let size = 1;
      for (const part of parts) size += Buffer.byteLength(part, 'utf8');
      if (block === undefined || this.#used + size > block.length) block = this.#open(size);
    }
    const start = this.#used;
    // Parts are written one after the other, never joined: a joined string is one more copy.
    for (const part of parts) this.#used += block.write(part, this.#used, 'utf8');
    block[this.#used++] = 0x0a;
    const length = this.#used - start;
    this.#lengths.push(length);
    return length;
  }

  /** Hands over every line so far; later pushes start a new block. */
  seal(): SealedLines {
    const blocks = this.#blocks.map((block, i) =>
      i === this.#blocks.length - 1 ? block.subarray(0, this.#used) : block,
    );
    const sealed = { blocks, lengths: this.#lengths };
    this.#blocks = [];
    this.#lengths = [];
    this.#used = 0;
    return sealed;
  }

  /** Gives sealed blocks back once written. */
  recycle(sealed: SealedLines): void {
    for (const block of sealed.blocks) {
      const whole = Buffer.from(block.buffer, block.byteOffset, block.buffer.byteLength - block.byteOffset);
      if (whole.length === BLOCK_BYTES && this.#spare.length < SPARE_BLOCKS) this.#spare.push(whole);
    }
  }

  #open(size: number): Buffer {
    if (this.#blocks.length > 0) {
      // The previous block ends where its lines end.
      const last = this.#blocks.length - 1;
      this.#blocks[last] = this.#blocks[last]!.subarray(0, this.#used);
    }
    const block =
      size <= BLOCK_BYTES ? (this.#spare.pop() ?? Buffer.allocUnsafeSlow(BLOCK_BYTES)) : Buffer.allocUnsafeSlow(size);
    this.#blocks.push(block);
    this.#used = 0;
    return block;
  }
}

/**
 * Splits sealed lines into the slices that cover lines [from, to): at most one slice per block,
 * so a chunk of thousands of lines is written with a handful of buffers.
 */
export function slicesOf(sealed: SealedLines, from: number, to: number, cursor: LineCursor): Buffer[] {
  const slices: Buffer[] = [];
  let start = cursor.offset;
  for (let line = from; line < to; line++) {
    const length = sealed.lengths[line]!;
    if (cursor.offset + length > sealed.blocks[cursor.block]!.length) {
      if (cursor.offset > start) slices.push(sealed.blocks[cursor.block]!.subarray(start, cursor.offset));
      cursor.block++;
      cursor.offset = 0;
      start = 0;
    }
    cursor.offset += length;
  }
  if (cursor.offset > start) slices.push(sealed.blocks[cursor.block]!.subarray(start, cursor.offset));
  return slices;
}

/** Where the next unwritten line starts inside sealed lines. */
export interface LineCursor {
  block: number;
  offset: number;
}
