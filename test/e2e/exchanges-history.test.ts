import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HistoryStore } from '../../main/core/workspace/history/store';
import { launchChromium, missingChromium } from '../support/browser';
import { makeExchange, makeResult } from '../support/history-fixtures';
import { startServed, type ServedApp } from '../support/serve';
import { describeWithSystem } from '../support/system';

// Seeded history (not a live send: the send-to-emulator e2e belongs with the providers' work).
const N = 50_000;

describeWithSystem('Exchanges and History screens on 50,000 recorded exchanges', missingChromium(), () => {
  let dataDir: string;
  let app: ServedApp;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'pc-e2e-history-'));
    const store = new HistoryStore(dataDir);
    const now = Date.now();
    for (let i = 0; i < N; i++) {
      const startedAt = new Date(now - (N - i) * 1000).toISOString();
      store.recordExchange(makeExchange(i, { startedAt }));
      store.recordSend(makeResult(i, { startedAt }), null);
    }
    await store.close();
    app = await startServed(undefined, { PUSH_CONSOLE_DATA_DIR: dataDir });
    browser = await launchChromium();
    const context = await browser.newContext({
      acceptDownloads: true,
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    page = await context.newPage();
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(app.url);
    await page.getByTestId('app-frame').waitFor();
    await page.getByTestId('nav-exchanges').click();
    await page.getByTestId('exchange-row').first().waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists every exchange with only the visible rows in the DOM, and filters', async () => {
    expect(await page.getByTestId('exchange-count').textContent()).toBe('50,000 of 50,000');
    expect(await page.getByTestId('exchange-row').count()).toBeLessThan(100);
    await page.getByTestId('filter-provider').selectOption('apns');
    await expect.poll(() => page.getByTestId('exchange-count').textContent()).toBe('10,000 of 50,000');
    await page.keyboard.press('Control+f');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('filter-text');
    await page.getByTestId('filter-text').fill('token49995');
    // The first full-text query waits for every stored exchange to be read (seconds at 50,000 on a
    // slow machine); the count says so meanwhile instead of showing the old figure.
    await expect.poll(() => page.getByTestId('exchange-count').textContent(), { timeout: 30_000 }).toBe('1 of 50,000');
    await page.getByTestId('filter-text').fill('');
    await page.getByTestId('filter-provider').selectOption('');
    await expect.poll(() => page.getByTestId('exchange-count').textContent()).toBe('50,000 of 50,000');
  });

  it('moves with the arrow keys and shows the timeline, headers and decoded parts', async () => {
    await page.getByTestId('exchange-row').first().click();
    await page.getByTestId('exchange-list').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect
      .poll(() => page.locator('[data-testid=exchange-row][aria-selected=true]').getAttribute('data-exchange-id'))
      .toBe('ex-49997');
    await expect.poll(() => page.getByTestId('detail-title').textContent()).toContain('token49997');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('tab-timeline');
    for (const row of ['dns', 'connect', 'tls', 'request-headers', 'response-headers', 'total']) {
      expect(await page.getByTestId(`timeline-${row}`).count()).toBe(1);
    }
    await page.getByTestId('tab-request').click();
    expect(await page.getByTestId('request-headers').textContent()).toContain('authorization');
    await page.getByTestId('request-view-raw').click();
    expect(await page.getByTestId('request-raw').textContent()).toContain(':path: /3/device/token49997');
  });

  it('copies a redacted curl, and explains when the secrets are no longer in memory', async () => {
    await page.getByTestId('copy-curl').click();
    await expect.poll(() => page.getByTestId('exchanges-notice').textContent()).toBe('Copied as curl (redacted).');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain("'https://127.0.0.1:4433/3/device/token49997'");
    expect(copied).toContain('Redacted: authorization');
    await page.getByTestId('copy-curl-secrets').click();
    await page.getByTestId('curl-secrets-ok').click();
    await expect
      .poll(() => page.getByTestId('exchanges-error').textContent())
      .toContain('The secrets for this exchange are no longer in memory.');
  });

  it('compares two exchanges and exports the ticked ones as HAR', async () => {
    const checks = page.getByTestId('exchange-check');
    await checks.nth(0).check();
    await checks.nth(6).check();
    await page.getByTestId('compare').click();
    await page.getByTestId('compare-view').waitFor();
    expect(await page.locator('[data-testid=compare-header-row][data-change=changed]').count()).toBeGreaterThan(0);
    const download = page.waitForEvent('download');
    await page.getByTestId('export-har').click();
    const har = JSON.parse(readFileSync((await (await download).path())!, 'utf8')) as { log: { entries: unknown[] } };
    expect(har.log.entries).toHaveLength(2);
  });

  it('shows past sends grouped by day, searchable, and jumps to their exchange', async () => {
    await page.getByTestId('nav-history').click();
    await page.getByTestId('history-item').first().waitFor();
    expect(await page.getByTestId('history-count').textContent()).toBe('50,000 sends');
    expect(await page.getByTestId('history-group-today').count()).toBe(1);
    await page.getByTestId('history-search').fill('send-49990');
    await expect.poll(() => page.getByTestId('history-item').count()).toBe(1);
    await page.getByTestId('history-item').click();
    await page.getByTestId('history-detail').waitFor();
    await page.getByTestId('history-exchange').click();
    await expect.poll(() => page.getByTestId('detail-title').textContent()).toContain('token49990');
    expect(errors).toEqual([]);
  });
});
