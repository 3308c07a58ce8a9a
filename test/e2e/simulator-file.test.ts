import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { missingChromium } from '../support/browser';
import { allowClipboard, openProvider, replacePayload } from '../support/compose-page';
import { useSandboxPage } from '../support/sandbox-page';
import { describeWithSystem } from '../support/system';

/**
 * The composer's APNs payload saved as an `.apns` file for the iOS Simulator: opened from the
 * toolbar and from the palette, the file as it will be saved, warnings for what the Simulator does
 * not deliver, and the saved file itself.
 */
describeWithSystem('Export for the iOS Simulator', missingChromium(), () => {
  const sandbox = useSandboxPage();
  let page: Page;
  beforeAll(async () => {
    page = sandbox.page;
    await allowClipboard(page);
  });

  it('saves the payload with its Simulator Target Bundle, and warns for a VoIP push', async () => {
    await openProvider(page, 'apns');
    const payload = { aps: { alert: { title: 'Order shipped', body: 'Arrives Tuesday' } }, orderId: 7 };
    await replacePayload(page, JSON.stringify(payload));
    await page.locator('#opt-topic').fill('com.example.shop');

    await page.getByTestId('payload-simulator').click();
    const dialog = page.getByTestId('simulator-file-dialog');
    await dialog.waitFor();
    expect(await page.getByTestId('simulator-bundle-id').inputValue()).toBe('com.example.shop');
    expect(JSON.parse((await page.getByTestId('simulator-file-text').textContent())!)).toEqual({
      'Simulator Target Bundle': 'com.example.shop',
      ...payload,
    });
    expect(await page.getByTestId('simulator-command').textContent()).toBe(
      'xcrun simctl push booted com.example.shop com.example.shop.apns',
    );
    expect(await page.getByTestId('simulator-warnings').count()).toBe(0);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('simulator-file-save').click(),
    ]);
    expect(download.suggestedFilename()).toBe('com.example.shop.apns');
    const saved = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(saved).toEqual({ 'Simulator Target Bundle': 'com.example.shop', ...payload });

    // A bundle id that is not one is said on the field, and nothing can be saved.
    await page.getByTestId('simulator-bundle-id').fill('not a bundle');
    expect(await page.getByTestId('simulator-file-error').textContent()).toBe(
      '"not a bundle" is not a bundle id (like com.example.app).',
    );
    expect(await page.getByTestId('simulator-file-save').isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // From the palette, for a VoIP push: the Simulator does not deliver it, and says so.
    await page.locator('#opt-pushType').selectOption('voip');
    await page.keyboard.press('Control+K');
    await page.keyboard.type('simulator');
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    expect(await page.getByTestId('simulator-warnings').textContent()).toContain(
      'a voip push is not delivered there (VoIP, Complication, File Provider and other types are not supported)',
    );
    await page.keyboard.press('Escape');
  });
});
