import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HistoryStore } from '../../main/core/workspace/history/store';
import { makeExchange } from '../support/history-fixtures';

const root = join(__dirname, '..', '..');
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** Runs the writer until it reports at least `atLeast` flushed records, then SIGKILLs it. */
function runAndKill(dataDir: string, start: number, atLeast: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(root, 'test/support/history-writer.ts'), dataDir, String(start)],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let flushed = start;
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      for (const match of chunk.toString().matchAll(/flushed (\d+)/g)) flushed = Number(match[1]);
      if (!killed && flushed >= atLeast) {
        killed = true;
        // Let it get into the next batch's write before the kill.
        setTimeout(() => child.kill('SIGKILL'), 3);
      }
    });
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(flushed);
      else reject(new Error(`writer exited without being killed: ${stderr}`));
    });
  });
}

describe('history store after kill -9', () => {
  it('loads every complete record, drops only a torn tail, and appends again', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'pc-history-crash-'));
    dirs.push(dataDir);
    let expectedNext = 0;
    for (let round = 0; round < 3; round++) {
      const flushed = await runAndKill(dataDir, expectedNext, expectedNext + 400);
      const store = new HistoryStore(dataDir, { flushIntervalMs: 10_000, rotateBytes: 256 * 1024 });
      const page = await store.listExchanges({}, null, 1_000_000);
      const ids = page.items.map((row) => Number(row.id.slice(3))).reverse();
      // Every record the writer had flushed is there, in order, with no gaps or duplicates.
      expect(ids.length).toBeGreaterThanOrEqual(flushed);
      expect(ids).toEqual(Array.from({ length: ids.length }, (_, k) => k));
      expect(store.skippedLines).toBeLessThanOrEqual(round + 1);
      const last = await store.getExchange(`ex-${ids.at(-1)}`);
      expect(last?.requestBody?.data).toHaveLength(6000);
      // The store is usable: this append lands on its own line and reads back.
      const next = ids.length;
      store.recordExchange(makeExchange(next));
      await store.close();
      const reopened = new HistoryStore(dataDir, { flushIntervalMs: 10_000, rotateBytes: 256 * 1024 });
      expect(await reopened.getExchange(`ex-${next}`)).toEqual(makeExchange(next));
      await reopened.close();
      expectedNext = next + 1;
    }
  });
});
