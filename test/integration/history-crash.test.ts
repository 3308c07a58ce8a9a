import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { historyFileName } from '../../main/core/workspace/history/rotation';
import { HistoryStore } from '../../main/core/workspace/history/store';
import { makeExchange } from '../support/history-fixtures';

const root = join(__dirname, '..', '..');
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

interface RunOptions {
  /** Kill once this many records are reported flushed. */
  atLeast?: number;
  /** Cap file size (`ulimit -f`, 512-byte blocks) so a write is cut short by the OS; kill after it fails. */
  fileLimitBlocks?: number;
}

/** Runs the writer in a child process and SIGKILLs it; resolves with the records it reported flushed. */
function runAndKill(dataDir: string, start: number, options: RunOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const args = ['--import', 'tsx', join(root, 'test/support/history-writer.ts'), dataDir, String(start)];
    const child =
      options.fileLimitBlocks === undefined
        ? spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
        : spawn(
            'sh',
            ['-c', `ulimit -f ${options.fileLimitBlocks} && exec "$0" "$@"`, process.execPath, ...args, '2000'],
            {
              cwd: root,
              stdio: ['ignore', 'pipe', 'pipe'],
            },
          );
    let flushed = start;
    let stderr = '';
    let killed = false;
    const kill = (afterMs: number) => {
      if (killed) return;
      killed = true;
      setTimeout(() => child.kill('SIGKILL'), afterMs);
    };
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      for (const match of text.matchAll(/flushed (\d+)/g)) flushed = Number(match[1]);
      if (text.includes('write failed')) kill(0);
      // Somewhere inside a following batch: building it, or writing it.
      else if (options.atLeast !== undefined && flushed >= options.atLeast) kill(Math.floor(Math.random() * 8));
    });
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(flushed);
      else reject(new Error(`writer exited without being killed: ${stderr}`));
    });
  });
}

async function checkStore(dataDir: string, flushed: number, maxSkipped: number): Promise<number> {
  const store = new HistoryStore(dataDir, { flushIntervalMs: 10_000, rotateBytes: 64 * 1024 * 1024 });
  const page = await store.listExchanges({}, null, 1_000_000);
  const ids = page.items.map((row) => Number(row.id.slice(3))).reverse();
  // Every record the writer had flushed is there, in order, with no gaps or duplicates.
  expect(ids.length).toBeGreaterThanOrEqual(flushed);
  expect(ids).toEqual(Array.from({ length: ids.length }, (_, k) => k));
  expect(store.skippedLines).toBeLessThanOrEqual(maxSkipped);
  const skipped = store.skippedLines;
  const last = await store.getExchange(`ex-${ids.at(-1)}`);
  expect(last?.requestBody?.data).toHaveLength(6000);
  // The store is usable: this append lands on its own line and reads back.
  const next = ids.length;
  store.recordExchange(makeExchange(next));
  await store.close();
  const reopened = new HistoryStore(dataDir, { flushIntervalMs: 10_000, rotateBytes: 64 * 1024 * 1024 });
  expect(await reopened.getExchange(`ex-${next}`)).toEqual(makeExchange(next));
  expect(reopened.skippedLines).toBe(skipped);
  await reopened.close();
  console.log(`${flushed} reported flushed, ${ids.length} loaded, ${skipped} torn line(s) dropped`);
  return next + 1;
}

describe('history store after kill -9', () => {
  it('loads every complete record and appends again, kill after kill', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'pc-history-crash-'));
    dirs.push(dataDir);
    let next = 0;
    for (let round = 0; round < 3; round++) {
      const flushed = await runAndKill(dataDir, next, { atLeast: next + 400 });
      next = await checkStore(dataDir, flushed, round + 1);
    }
  });

  it('drops the torn last line when the OS cut a write short, then appends on a fresh line', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'pc-history-torn-'));
    dirs.push(dataDir);
    let next = 0;
    // The first round writes about 1 MB; the cap then falls inside a 12 MB write, mid-record.
    const flushed = await runAndKill(dataDir, next, { atLeast: 150 });
    next = await checkStore(dataDir, flushed, 1);
    const size = (await stat(join(dataDir, 'history', historyFileName(1)))).size;
    const capped = await runAndKill(dataDir, next, { fileLimitBlocks: Math.ceil((size + 3 * 1024 * 1024) / 512) + 3 });
    const store = new HistoryStore(dataDir, { flushIntervalMs: 10_000, rotateBytes: 64 * 1024 * 1024 });
    await store.ready();
    expect(store.skippedLines).toBe(1);
    await store.close();
    await checkStore(dataDir, capped, 1);
  });
});
