import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { HistoryStore } from '../../main/core/workspace/history/store';

/**
 * A fresh data folder per test and an `open` that makes history stores on it (no timer flush, so
 * a test decides when lines hit the disk); every store is closed and the folder removed after.
 */
export function useHistoryDir(prefix: string): {
  dataDir: () => string;
  open: (options?: ConstructorParameters<typeof HistoryStore>[1]) => HistoryStore;
} {
  let dataDir = '';
  const stores: HistoryStore[] = [];
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), prefix));
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  return {
    dataDir: () => dataDir,
    open: (options = {}) => {
      const store = new HistoryStore(dataDir, { flushIntervalMs: 10_000, ...options });
      stores.push(store);
      return store;
    },
  };
}
