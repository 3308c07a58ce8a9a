import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HistoryStore } from '../../main/core/workspace/history/store';
import { providerSend } from './inspector-fixtures';

/**
 * A data folder whose history holds `sends` sends of all five providers (`providerSend`), the
 * newest started a second ago; WNS sends add a token fetch each, so 41,667 sends are 50,000 exchanges.
 */
export async function seedInspectorHistory(sends: number): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pc-e2e-inspector-'));
  const store = new HistoryStore(dataDir);
  const now = Date.now();
  for (let i = 0; i < sends; i++) {
    const startedAt = new Date(now - (sends - i) * 1000).toISOString();
    const { exchanges, result } = providerSend(i, startedAt);
    for (const exchange of exchanges) store.recordExchange(exchange);
    store.recordSend(result, null);
  }
  await store.close();
  return dataDir;
}
