import { readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { missingChromium, openServedApp } from '../support/browser';
import { openProvider, sendWithKeyboard, setUpSandbox, useSandboxDevice } from '../support/compose-page';
import { harErrors } from '../support/har-validator';
import type { ServedApp } from '../support/serve';
import { describeWithSystem } from '../support/system';

/** Screenshots for a reviewer, only when asked for (PUSH_CONSOLE_SHOTS=folder). */
const SHOTS = process.env['PUSH_CONSOLE_SHOTS'];

// The sandbox saves "Sandbox iPhone" and "Sandbox browser" (a Web Push subscription with its keys)
// and a profile per provider; every list must show those names, and never the subscription's keys.
describeWithSystem('names, not raw targets, in every list; HAR from History', missingChromium(), () => {
  let app: ServedApp;
  let browser: Browser;
  let page: Page;
  const profiles: Record<string, string> = {};

  beforeAll(async () => {
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
    ({ app, browser, page } = await openServedApp({ viewport: { width: 1280, height: 800 } }));
    await setUpSandbox(page);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const names = (scope: ReturnType<Page['getByTestId']>) =>
    scope.evaluateAll((els) => els.map((el) => el.textContent ?? ''));

  it('History names the device and the profile, and a Web Push target by its host and a short id', async () => {
    for (const provider of ['apns', 'webpush'] as const) {
      await openProvider(page, provider);
      await useSandboxDevice(page);
      expect((await sendWithKeyboard(page)).outcome).toBe('accepted');
      profiles[provider] = (await page.getByTestId('profile-select').locator('option:checked').textContent())!.trim();
    }
    await page.keyboard.press('Control+5');
    const items = page.getByTestId('history-item');
    await expect.poll(() => items.count()).toBe(2);
    const apns = items.filter({ hasText: 'apns' });
    expect(await apns.getByTestId('target-device').textContent()).toBe('Sandbox iPhone');
    expect(await apns.getByTestId('target-profile').textContent()).toBe(profiles['apns']);
    const web = items.filter({ hasText: 'webpush' });
    expect(await web.getByTestId('target-device').textContent()).toBe('Sandbox browser');
    expect(await web.getByTestId('target-profile').textContent()).toBe(profiles['webpush']);
    expect(await web.locator('.target-token').textContent()).toMatch(/^127\.0\.0\.1:\d+ · \S{1,8}…?$/);
    const list = (await page.getByTestId('history-list').textContent())!;
    expect(list).not.toMatch(/p256dh|"auth"|endpoint/);
    // One time format: local time with milliseconds.
    expect(await apns.locator('.mono').first().textContent()).toMatch(/^\d\d:\d\d:\d\d\.\d{3}$/);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/history-names.png` });
  }, 60_000);

  it('exports the filtered sends, and one send, as HAR that validates and is redacted', async () => {
    let download = page.waitForEvent('download');
    await page.getByTestId('history-export-har').click();
    const all = readFileSync((await (await download).path())!, 'utf8');
    const har = JSON.parse(all) as {
      log: { entries: Array<{ request: { headers: Array<{ name: string; value: string }> } }> };
    };
    expect(harErrors(har)).toBeNull();
    expect(har.log.entries.length).toBeGreaterThanOrEqual(2);
    const auth = har.log.entries
      .flatMap((e) => e.request.headers)
      .filter((h) => h.name.toLowerCase() === 'authorization');
    expect(auth.length).toBeGreaterThan(0);
    for (const header of auth) expect(header.value).toMatch(/redacted/);
    expect(all).not.toMatch(/eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}/); // no live JWT anywhere
    expect(await page.getByTestId('history-notice').textContent()).toMatch(
      /^Exported 2 sends with \d+ exchanges? as HAR \(redacted\)\.$/,
    );

    await page.getByTestId('history-item').filter({ hasText: 'apns' }).click();
    await page.getByTestId('history-detail').waitFor();
    download = page.waitForEvent('download');
    await page.getByTestId('history-send-har').click();
    const one = JSON.parse(readFileSync((await (await download).path())!, 'utf8')) as {
      log: { entries: Array<{ request: { url: string } }> };
    };
    expect(harErrors(one)).toBeNull();
    expect(one.log.entries.length).toBeGreaterThanOrEqual(1);
    expect(one.log.entries.every((e) => e.request.url.includes('/3/device/'))).toBe(true);
  });

  it('exchange rows and the emulator inbox name the device', async () => {
    await page.keyboard.press('Control+4');
    await page.getByTestId('exchange-row').first().waitFor();
    await expect
      .poll(() => names(page.getByTestId('row-target-name')))
      .toEqual(
        expect.arrayContaining([`Sandbox iPhone · ${profiles['apns']}`, `Sandbox browser · ${profiles['webpush']}`]),
      );
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/exchange-names.png` });
    await page.keyboard.press('Control+6');
    for (const [provider, device] of [
      ['apns', 'Sandbox iPhone'],
      ['webpush', 'Sandbox browser'],
    ] as const) {
      await page.getByTestId(`emulator-tab-${provider}`).click();
      const inbox = page.getByTestId('inbox-item');
      await expect.poll(() => names(inbox.getByTestId('target-device'))).toEqual([device]);
      expect(await inbox.getByTestId('target-name').textContent()).not.toMatch(/p256dh|"auth"/);
      expect(await inbox.locator('.inbox-head > .mono').textContent()).toMatch(/^\d\d:\d\d:\d\d\.\d{3}$/);
    }
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/inbox-names.png` });
  });

  it('clears the live list; new exchanges show, older ones stay in History', async () => {
    await page.keyboard.press('Control+4');
    await expect.poll(() => page.getByTestId('exchange-count').textContent()).toBe('2 of 2');
    await page.getByTestId('exchanges-clear').click();
    expect(await page.getByTestId('exchange-count').textContent()).toBe('0 of 0');
    await openProvider(page, 'apns');
    await useSandboxDevice(page);
    expect((await sendWithKeyboard(page)).outcome).toBe('accepted');
    await page.keyboard.press('Control+4');
    await expect.poll(() => page.getByTestId('exchange-count').textContent()).toBe('1 of 1');
    await page.getByTestId('exchanges-refresh').click();
    await expect.poll(() => page.getByTestId('exchange-count').textContent()).toBe('1 of 1');
    await page.keyboard.press('Control+5');
    await expect.poll(() => page.getByTestId('history-item').count()).toBe(3);
  }, 60_000);

  it('bulk results name the device and the profile', async () => {
    await page.keyboard.press('Control+3');
    await page.getByTestId('devices-search').fill('Sandbox iPhone');
    await expect.poll(() => page.getByTestId('devices-table').locator('tbody tr').count()).toBe(1);
    await page.getByLabel('Select all shown').check();
    const bulk = page.getByTestId('bulk-panel');
    await expect.poll(() => bulk.getByTestId('bulk-profile').inputValue()).not.toBe('');
    await bulk.getByTestId('bulk-start').click();
    await expect.poll(() => bulk.getByTestId('bulk-state').textContent(), { timeout: 30_000 }).toBe('done');
    const row = bulk.getByTestId('bulk-result');
    expect(await row.getByTestId('target-device').textContent()).toBe('Sandbox iPhone');
    expect(await row.getByTestId('target-profile').textContent()).toBe(profiles['apns']);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/bulk-names.png` });
  });
});
