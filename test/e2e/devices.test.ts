import type { Browser, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { missingChromium, openServedApp } from '../support/browser';
import type { ServedApp } from '../support/serve';
import { describeWithSystem } from '../support/system';

const token = 'ab'.repeat(32);
const fcmToken = `${'a'.repeat(22)}:${'b'.repeat(140)}`;

describeWithSystem('Devices screen', missingChromium(), () => {
  let app: ServedApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ app, browser, page } = await openServedApp({ acceptDialogs: true }));
    await page.keyboard.press('Control+3');
    await page.getByTestId('devices').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('adds a device, and saving the same target again updates instead of duplicating', async () => {
    for (const label of ['QA iPhone', 'QA iPhone (renamed)']) {
      await page.getByTestId('device-add').click();
      await page.getByTestId('device-label').fill(label);
      await page.getByTestId('device-target').fill(token);
      await page.getByTestId('device-save').click();
      await page.getByTestId('device-editor').waitFor({ state: 'detached' });
    }
    const rows = page.getByTestId('devices-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('QA iPhone (renamed)');
    const saved = JSON.parse(readFileSync(join(app.dataDir, 'workspace', 'devices.json'), 'utf8'));
    expect(saved.devices).toHaveLength(1);
  });

  it('refuses a CSV with a bad row, names the row, and imports nothing', async () => {
    const csv = `label,provider,platform,environment,target\nok,fcm,android,sandbox,${fcmToken}\nbad,pigeon,ios,sandbox,xyz\n`;
    await page
      .getByTestId('devices-import-file')
      .setInputFiles({ name: 'devices.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => page.getByTestId('devices-message').textContent()).toContain('Nothing was imported');
    expect(await page.getByTestId('import-error').allTextContents()).toEqual([expect.stringMatching(/^3provider/)]);
    await page.getByTestId('import-nothing').click();
    await expect.poll(() => page.getByTestId('devices-table').locator('tbody tr').count()).toBe(1);
  });

  it('imports a good CSV and finds devices by search', async () => {
    const csv = `label,provider,platform,environment,target,tags\nPixel,fcm,android,sandbox,${fcmToken},beta;qa\nEdge,wns,windows,sandbox,https://db5.notify.windows.com/w/?token=x,\n`;
    await page
      .getByTestId('devices-import-file')
      .setInputFiles({ name: 'more.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => page.getByTestId('devices-message').textContent()).toContain('Imported 2 new');
    await page.getByTestId('devices-search').fill('beta');
    await expect.poll(() => page.getByTestId('devices-table').locator('tbody tr').count()).toBe(1);
    expect(await page.getByTestId('devices-table').locator('tbody tr').first().textContent()).toContain('Pixel');
    await page.getByTestId('devices-search').fill('');
  });
});
