import type { Browser, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { missingChromium, openSandboxedApp } from '../support/browser';
import type { ServedApp } from '../support/serve';
import { describeWithSystem } from '../support/system';

// Tokens the local APNs emulator never issued: each send is refused with 400 BadDeviceToken.
const strangers = Array.from({ length: 5 }, (_, i) => `${i}f`.repeat(32));
const filler = Array.from(
  { length: 200 },
  (_, i) => `Filler ${i},apns,ios,local,${(i + 0x1000).toString(16).repeat(16)}`,
);

// Issue 23 items 4 and 5: the bulk panel at the top of a long list, results grouped by reason and
// the failures saved as a list; an import that shows every bad row and can import the valid ones.
describeWithSystem('Devices screen: bulk in plain sight, imports in part', missingChromium(), () => {
  let app: ServedApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ app, browser, page } = await openSandboxedApp({ viewport: { width: 1400, height: 900 }, acceptDialogs: true }));
    await page.keyboard.press('Control+3');
    await page.getByTestId('devices').waitFor();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function importCsv(name: string, rows: string[]) {
    const csv = ['label,provider,platform,environment,target', ...rows].join('\n') + '\n';
    await page
      .getByTestId('devices-import-file')
      .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  }

  it('reports every bad row (row, field, reason) and imports the valid rows when asked', async () => {
    await importCsv('mixed.csv', [
      `Good iPhone,apns,ios,local,${'ab'.repeat(32)}`,
      `Short token,apns,ios,sandbox,${'a'.repeat(63)}`,
      'Plain WNS,wns,windows,production,http://db5.notify.windows.com/?token=x',
      'Half a subscription,webpush,web,production,"{""endpoint"":""https://push.example/x"",""keys"":{""p256dh"":""k""}}"',
      `Good Pixel,fcm,android,sandbox,${'a1'.repeat(11)}:${'B_-'.repeat(50)}`,
    ]);
    const report = page.getByTestId('import-report');
    await report.waitFor();
    const rows = report.getByTestId('import-error');
    await expect.poll(() => rows.count()).toBe(3);
    const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
    expect(cells.map(([row, field]) => [row, field])).toEqual([
      ['3', 'target'],
      ['4', 'target'],
      ['5', 'target'],
    ]);
    expect(cells[0]![2]).toContain('at least 64 hex characters');
    expect(cells[1]![2]).toContain('https');
    expect(cells[2]![2]).toContain('keys.auth');
    await expect.poll(() => page.getByTestId('devices-table').locator('tbody tr', { hasText: 'Good' }).count()).toBe(0);
    expect(await report.getByTestId('import-nothing').isVisible()).toBe(true);
    await report.getByTestId('import-valid').click();
    await expect
      .poll(() => page.getByTestId('devices-message').textContent())
      .toBe('Imported 2 new and updated 0 existing devices; skipped 3 bad rows.');
    await expect.poll(() => page.getByTestId('devices-table').locator('tbody tr', { hasText: 'Good' }).count()).toBe(2);
    expect(await page.getByTestId('import-report').count()).toBe(0);
  });

  it('says a bad target on the field when adding a device', async () => {
    await page.getByTestId('device-add').click();
    await page.getByTestId('device-label').fill('Typo');
    await page.getByTestId('device-target').fill('xyz');
    await page.getByTestId('device-save').click();
    const error = page.getByTestId('device-target-error');
    expect(await error.textContent()).toBe('An APNs device token is hexadecimal (0-9, a-f) only.');
    expect(await page.getByTestId('device-target').getAttribute('aria-describedby')).toBe('device-target-error');
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('sends to the selection from the top of a 200-row list, groups the results and exports the failures', async () => {
    await importCsv('long.csv', [...filler, ...strangers.map((t, i) => `Stranger ${i},apns,ios,local,${t}`)]);
    await expect.poll(() => page.getByTestId('devices-message').textContent()).toContain('Imported 205 new');
    await page.getByTestId('devices-search').fill('Stranger');
    await page.getByLabel('Select all shown').check();
    await page.getByTestId('devices-search').fill('');
    expect(await page.getByTestId('selection-count').textContent()).toBe('5 selected');
    const send = page.getByRole('button', { name: 'Send to 5 selected' });
    // In sight without scrolling, above the table's first row.
    const box = (await send.boundingBox())!;
    const firstRow = (await page.getByTestId('devices-table').locator('tbody tr').first().boundingBox())!;
    expect(box.y + box.height).toBeLessThan(900);
    expect(box.y).toBeLessThan(firstRow.y);
    const panel = page.getByTestId('bulk-panel');
    await expect.poll(() => panel.getByTestId('bulk-profile').inputValue()).not.toBe('');
    await send.click();
    await expect.poll(() => panel.getByTestId('bulk-state').textContent(), { timeout: 20_000 }).toBe('done');
    await panel.getByTestId('bulk-group').click();
    await expect
      .poll(() => panel.getByTestId('bulk-group-row').allTextContents())
      .toEqual(['5 × BadDeviceToken (rejected)']);
    const download = page.waitForEvent('download');
    await panel.getByTestId('bulk-export-problems').click();
    const saved = readFileSync((await (await download).path())!, 'utf8');
    expect(saved.trim().split('\n').sort()).toEqual([...strangers].sort());
  });
});
