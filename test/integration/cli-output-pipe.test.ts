import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HistoryStore } from '../../main/core/workspace/history/store';
import { makeResult } from '../support/history-fixtures';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');
const SENDS = 4_000;

/**
 * `push-console history list --json | cat` through a real pipe, with a reader that starts late:
 * the CLI writes more than a pipe holds (64 KiB), so its output is only whole if it waits for
 * stdout to drain before it exits.
 */
describe('CLI output through a pipe', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pc-cli-pipe-'));
    const store = new HistoryStore(dataDir);
    // Long explanations make each listed send about 400 bytes: well over 1 MB in all.
    for (let i = 0; i < SENDS; i++)
      store.recordSend(makeResult(i, { explanation: `Explained at some length, send number ${i}. `.repeat(5) }), null);
    await store.close();
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('gives the whole output of history list --json to a slow reader', async () => {
    const command = `"$0" bin/push-console.mjs history list --json --limit ${SENDS} --data-dir "$1" | { sleep 0.5; cat; }`;
    const { stdout } = await run('sh', ['-c', command, process.execPath, dataDir], {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
      timeout: 60_000,
    });
    expect(stdout.length).toBeGreaterThan(1024 * 1024);
    const sends = JSON.parse(stdout) as Array<{ id: string }>;
    expect(sends).toHaveLength(SENDS);
    expect(new Set(sends.map((send) => send.id)).size).toBe(SENDS);
  }, 60_000);
});
