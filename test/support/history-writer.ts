/**
 * Child process for the crash test: appends numbered exchanges to a history store as fast as
 * it can and prints how many are safely flushed, until it is killed.
 */
import { HistoryStore } from '../../main/core/workspace/history/store';
import { makeExchange } from './history-fixtures';

const dataDir = process.argv[2]!;
const start = Number(process.argv[3] ?? '0');
const store = new HistoryStore(dataDir, { flushIntervalMs: 5, rotateBytes: 256 * 1024 });
// Large bodies make each write span many pages, so a kill lands mid-write often.
const filler = 'x'.repeat(6000);
let n = start;
for (;;) {
  for (let k = 0; k < 40; k++, n++) {
    store.recordExchange(
      makeExchange(n, { requestBody: { encoding: 'text', data: filler, size: filler.length, truncated: false } }),
    );
  }
  await store.flush();
  process.stdout.write(`flushed ${n}\n`);
}
