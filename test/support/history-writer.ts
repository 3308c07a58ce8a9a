/**
 * Child process for the crash test: appends numbered exchanges to a history store as fast as
 * it can and prints how many are safely flushed, until it is killed. When a write fails (the
 * test caps the file size with `ulimit -f`), it says so and waits for its kill.
 */
import { HistoryStore } from '../../main/core/workspace/history/store';
import { makeExchange } from './history-fixtures';

const dataDir = process.argv[2]!;
const start = Number(process.argv[3] ?? '0');
const batch = Number(process.argv[4] ?? '40');
const store = new HistoryStore(dataDir, { flushIntervalMs: 60_000, rotateBytes: 64 * 1024 * 1024 });
const filler = 'x'.repeat(6000);
let n = start;
try {
  for (;;) {
    for (let k = 0; k < batch; k++, n++) {
      store.recordExchange(
        makeExchange(n, { requestBody: { encoding: 'text', data: filler, size: filler.length, truncated: false } }),
      );
    }
    await store.flush();
    if (store.writeError) throw new Error(store.writeError);
    process.stdout.write(`flushed ${n}\n`);
  }
} catch (error) {
  process.stdout.write(`write failed: ${(error as Error).message}\n`);
  setInterval(() => {}, 1000);
}
