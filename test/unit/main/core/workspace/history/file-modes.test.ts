import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useHistoryDir } from '../../../../../support/history-store-dir';
import { makeExchange, makeResult } from '../../../../../support/history-fixtures';

const history = useHistoryDir('pc-history-modes-');
const mode = async (path: string) => (await stat(path)).mode & 0o777;

describe.skipIf(process.platform === 'win32')('history file modes', () => {
  it('creates the folder 0700 and every file 0600, rotated ones and the settings too', async () => {
    const store = history.open({ rotateBytes: 4096, maxTotalBytes: 64 * 1024 * 1024 });
    for (let i = 0; i < 40; i++) {
      store.recordExchange(makeExchange(i));
      store.recordSend(makeResult(i), null);
    }
    await store.flush();
    await store.setMaxTotalBytes(2 * 1024 * 1024);
    const dir = join(history.dataDir(), 'history');
    expect(await mode(dir)).toBe(0o700);
    const files = await readdir(dir);
    // Rotation made several files, each created afresh.
    expect(files.filter((name) => name.endsWith('.ndjson')).length).toBeGreaterThan(2);
    expect(files).toContain('settings.json');
    for (const name of files) expect([name, await mode(join(dir, name))]).toEqual([name, 0o600]);
  });
});
