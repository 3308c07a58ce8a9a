import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { HistoryStore } from '../../main/core/workspace/history/store';
import { launchChromium } from './browser';
import { providerSend } from './inspector-fixtures';
import { startServed, type ServedApp } from './serve';

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

export interface SeededExchanges {
  page: Page;
  /** Uncaught page errors so far. */
  errors: string[];
  close(): Promise<void>;
}

/**
 * Browser mode on a seeded history (`seedInspectorHistory`), open on the Exchanges screen in
 * Chromium at 1280×800 with clipboard access; `close` stops both and removes the data folder.
 */
export async function openSeededExchanges(sends: number): Promise<SeededExchanges> {
  const dataDir = await seedInspectorHistory(sends);
  let app: ServedApp | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    app = await startServed(undefined, { PUSH_CONSOLE_DATA_DIR: dataDir });
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(app.url);
    await page.getByTestId('nav-exchanges').click();
    await page.getByTestId('exchange-row').first().waitFor();
    return { page, errors, close };
  } catch (error) {
    await close();
    throw error;
  }
}
