import type { Writable } from 'node:stream';

/** What the printer needs of history (`HistoryStore`). */
export interface WrittenHistory {
  readonly unwritten: boolean;
  written(): Promise<void>;
}

/**
 * Prints result lines only after history has written (with write(2)) the records they report, so
 * a line a user saw is on disk even if the process is killed next. Lines go out in batches, one
 * history write and one stdout write per batch: history keeps writing in large blocks, which is
 * what keeps a bulk send fast. A batch is what arrived while the previous one was being written,
 * at most one every `minIntervalMs`.
 */
export class WrittenFirstPrinter {
  readonly #history: WrittenHistory;
  readonly #out: Writable;
  readonly #minIntervalMs: number;
  #lines: string[] = [];
  #running: Promise<void> | null = null;

  constructor(history: WrittenHistory, out: Writable, minIntervalMs = 25) {
    this.#history = history;
    this.#out = out;
    this.#minIntervalMs = minIntervalMs;
  }

  /** Queues a line; call it after its record was handed to history. */
  print(line: string): void {
    this.#lines.push(line);
    this.#running ??= this.#loop();
  }

  /** Resolves once every line given so far is printed. */
  async settled(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async #loop(): Promise<void> {
    try {
      while (this.#lines.length > 0) {
        const started = performance.now();
        // Taken before the write is asked for: lines that come in meanwhile wait for the next one.
        const batch = this.#lines;
        this.#lines = [];
        if (this.#history.unwritten) await this.#history.written();
        this.#out.write(`${batch.join('\n')}\n`);
        const wait = this.#minIntervalMs - (performance.now() - started);
        if (wait > 0 && this.#lines.length > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
    } finally {
      this.#running = null;
    }
  }
}
