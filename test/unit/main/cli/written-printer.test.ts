import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { WrittenFirstPrinter } from '../../../../main/cli/written-printer';

/** A history whose writes finish when the test says; each covers what was recorded when it began. */
class SlowHistory {
  recorded = 0;
  writtenUpTo = 0;
  readonly #pending: Array<() => void> = [];

  get unwritten(): boolean {
    return this.writtenUpTo < this.recorded;
  }

  written(): Promise<void> {
    const covers = this.recorded;
    return new Promise((resolve) =>
      this.#pending.push(() => {
        this.writtenUpTo = Math.max(this.writtenUpTo, covers);
        resolve();
      }),
    );
  }

  finishOne(): void {
    this.#pending.shift()?.();
  }
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('WrittenFirstPrinter', () => {
  it('prints a line only after a history write that began after its record, each batch after its write', async () => {
    const history = new SlowHistory();
    const out = new PassThrough();
    const printed: string[] = [];
    out.on('data', (chunk: Buffer) => printed.push(...chunk.toString().trimEnd().split('\n')));
    const printer = new WrittenFirstPrinter(history, out, 0);
    const record = (n: number) => {
      history.recorded++;
      printer.print(`line ${n}`);
    };
    record(1);
    // The second comes while the write for the first is under way: that write does not cover it.
    record(2);
    await turn();
    expect(printed).toEqual([]);
    history.finishOne();
    await turn();
    expect(printed).toEqual(['line 1']);
    record(3);
    history.finishOne();
    await turn();
    expect(printed).toEqual(['line 1', 'line 2']);
    expect(history.unwritten).toBe(true);
    history.finishOne();
    await printer.settled();
    expect(printed).toEqual(['line 1', 'line 2', 'line 3']);
    expect(history.unwritten).toBe(false);
  });
});
