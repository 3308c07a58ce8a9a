import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { missingChromium, openServedApp } from '../support/browser';
import { sendWithKeyboard, setUpSandbox } from '../support/compose-page';
import type { ServedApp } from '../support/serve';
import { describeWithSystem } from '../support/system';
import { shot } from '../support/shots';

// A bulk rehearsal against the local APNs emulator, all from the UI: the Emulators screen adds
// 200 devices the emulator knows, the Devices screen sends to them, and every one is accepted.
describeWithSystem('emulated devices from the Emulators screen', missingChromium(), () => {
  let app: ServedApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ app, browser, page } = await openServedApp({ viewport: { width: 1400, height: 1000 } }));
    await setUpSandbox(page);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('adds 200 emulated iPhones, and a bulk send to them is accepted 200 times', async () => {
    await page.getByTestId('emulator-tab-apns').click();
    const panel = page.getByTestId('emulated-devices');
    await panel.getByTestId('emulated-count').fill('200');
    await panel.getByTestId('emulated-add').click();
    await expect
      .poll(() => panel.getByTestId('emulated-done').textContent(), { timeout: 30_000 })
      .toBe('Added 200 emulated devices to Devices: “Emulated iPhone 001” to “Emulated iPhone 200”.');
    await shot(page, 'emulated-added.png');

    await page.keyboard.press('Control+3');
    await page.getByTestId('devices-search').fill('Emulated iPhone');
    const rows = page.getByTestId('devices-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(200);
    await page.getByLabel('Select all shown').check();
    const bulk = page.getByTestId('bulk-panel');
    await expect.poll(() => bulk.getByTestId('bulk-profile').inputValue()).not.toBe('');
    await bulk.getByTestId('bulk-start').click();
    await expect.poll(() => bulk.getByTestId('bulk-state').textContent(), { timeout: 60_000 }).toBe('done');
    expect(await bulk.getByTestId('bulk-counts').textContent()).toBe('200/200 · 200 accepted · 0 rejected · 0 failed');
    await shot(page, 'emulated-bulk.png');

    await page.keyboard.press('Control+6');
    await page.getByTestId('emulator-tab-apns').click();
    await expect.poll(() => page.getByTestId('inbox-device').locator('option').count()).toBe(201);
  }, 120_000);

  it('says imported local tokens are unknown to the emulator, and sends to them once registered', async () => {
    const tokens = Array.from({ length: 3 }, (_, i) => `${String(i + 1).padStart(2, '0')}`.repeat(32));
    const csv = `label,provider,platform,environment,target\n${tokens.map((t, i) => `Imported ${i + 1},apns,ios,local,${t}`).join('\n')}\n`;
    await page.keyboard.press('Control+3');
    await page
      .getByTestId('devices-import-file')
      .setInputFiles({ name: 'devices.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => page.getByTestId('devices-message').textContent()).toContain('3');
    const bulk = page.getByTestId('bulk-panel');
    const sendToImported = async () => {
      await page.getByTestId('devices-search').fill('Imported');
      await expect.poll(() => page.getByTestId('devices-table').locator('tbody tr').count()).toBe(3);
      await page.getByLabel('Select all shown').check();
      await bulk.getByTestId('bulk-start').click();
      await expect.poll(() => bulk.getByTestId('bulk-state').textContent(), { timeout: 30_000 }).toBe('done');
      return bulk.getByTestId('bulk-counts').textContent();
    };
    expect(await sendToImported()).toBe('3/3 · 0 accepted · 3 rejected · 0 failed');
    // The same token sent from Compose: the result says what is wrong here, and where to fix it.
    await page.keyboard.press('Control+1');
    await page.getByTestId('provider-apns').click();
    await page.getByTestId('target-device').selectOption({ label: 'Imported 1 (local)' });
    const shown = await sendWithKeyboard(page);
    expect(shown.outcome).toBe('rejected');
    expect(await page.getByTestId('result').textContent()).toContain(
      'This token is not registered with the local emulator: add it on the Emulators screen.',
    );
    await shot(page, 'imported-rejected.png');

    await page.keyboard.press('Control+6');
    await page.getByTestId('emulator-tab-apns').click();
    await page.getByTestId('emulated-register').click();
    await expect
      .poll(() => page.getByTestId('emulated-done').textContent())
      .toBe('Registered 3 of 204 local APNs devices with the emulator.');
    await page.keyboard.press('Control+3');
    expect(await sendToImported()).toBe('3/3 · 3 accepted · 0 rejected · 0 failed');
  }, 120_000);
});
