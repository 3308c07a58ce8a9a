import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { missingChromium, openServedApp } from '../support/browser';
import type { ServedApp } from '../support/serve';
import { describeWithSystem } from '../support/system';
import { PROVIDER_IDS, PROVIDER_LABELS } from '../../shared/providers/ids';

// Each provider's tab is named as the registry names it.
const PROVIDER_TABS = PROVIDER_LABELS;

// A newcomer with an empty workspace: Try it locally, then one keypress per provider sends a
// push that the emulator receives, and the result panel and the inbox agree.
describeWithSystem('first push from an empty workspace', missingChromium(), () => {
  let app: ServedApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ app, browser, page } = await openServedApp({ viewport: { width: 1400, height: 900 } }));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('sets everything up with one click', async () => {
    await page.keyboard.press('Control+6');
    await page.getByTestId('sandbox-init').click();
    await page.getByTestId('sandbox-steps').waitFor({ timeout: 60_000 });
    const steps = await page.getByTestId('sandbox-steps').locator('li').allTextContents();
    expect(steps).toHaveLength(PROVIDER_IDS.length);
    for (const step of steps) expect(step).toMatch(/^✓/);
    expect(await page.getByTestId('emulators-status').textContent()).toContain('Running in this app');
  });

  it('sends a first push for every provider with Ctrl+Enter, and the emulator receives it', async () => {
    const ready = await page.getByTestId('sandbox-steps').locator('li.ok').allTextContents();
    const providers = Object.entries(PROVIDER_TABS).filter(([id]) => ready.some((line) => line.includes(` ${id} `)));
    expect(providers).toHaveLength(PROVIDER_IDS.length);
    await page.getByTestId('sandbox-compose').click();
    for (const [id] of providers) {
      await page.getByTestId(`provider-${id}`).click();
      await expect.poll(() => page.getByTestId('profile-select').inputValue()).not.toBe('');
      await expect.poll(() => page.getByTestId('send').isEnabled(), { timeout: 10_000 }).toBe(true);
      await page.keyboard.press('Control+Enter');
      await page.getByTestId('result').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('result-outcome').textContent(), `${id} result`).toBe('accepted');
    }
    await page.keyboard.press('Control+6');
    for (const [id] of providers) {
      await page.getByTestId(`emulator-tab-${id}`).click();
      await expect.poll(() => page.getByTestId('inbox-item').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    }
  });
});
