import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { missingChromium, openSandboxedApp } from '../support/browser';
import { openProvider } from '../support/compose-page';
import type { ServedApp } from '../support/serve';
import { describeWithSystem } from '../support/system';

/** WCAG contrast ratio of an element's text colour over its own background colour. */
function contrast(element: Locator): Promise<number> {
  return element.evaluate((node) => {
    const style = getComputedStyle(node);
    const luminance = (css: string) => {
      const [r, g, b] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
        const c = Number(v) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const [a, b] = [luminance(style.color), luminance(style.backgroundColor)].sort((x, y) => y - x);
    return (a! + 0.05) / (b! + 0.05);
  });
}

const lines = (element: Locator) =>
  element.evaluate((node) =>
    Math.round(node.getBoundingClientRect().height / parseFloat(getComputedStyle(node).lineHeight)),
  );

// Issue 23, items 3 and 6: the environment is unmistakable, production asks first, FCM labels its own targets.
describeWithSystem('environment choice, production confirmation, FCM target label', missingChromium(), () => {
  let app: ServedApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ app, browser, page } = await openSandboxedApp({ viewport: { width: 1400, height: 900 } }));
  });

  // Each test starts with no dialog open, so one failure does not hide the others' answers.
  beforeEach(async () => {
    for (let i = 0; i < 3 && (await page.locator('dialog[open]').count()) > 0; i++) await page.keyboard.press('Escape');
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function editProfile(change: (editor: Locator) => Promise<void>) {
    await page.getByTestId('profile-edit').click();
    const editor = page.getByTestId('profile-editor');
    await change(editor);
    await editor.getByTestId('profile-save').click();
    await editor.waitFor({ state: 'detached' });
  }

  it('shows the environment as one segmented choice whose chosen segment reads at a glance', async () => {
    await openProvider(page, 'apns');
    await page.getByTestId('profile-edit').click();
    const editor = page.getByTestId('profile-editor');
    await editor.getByTestId('profile-env-sandbox').check();
    for (const env of ['local', 'sandbox', 'production']) {
      const choice = editor.getByTestId(`profile-env-${env}-choice`);
      const name = choice.locator('.segment-name');
      expect(await lines(name), `"${env}" on one line`).toBe(1);
      expect(await contrast(choice), `${env} text contrast`).toBeGreaterThanOrEqual(4.5);
    }
    // Not by colour alone: the chosen one says so in its text too.
    const chosen = editor.getByTestId('profile-env-sandbox-choice').locator('.segment-name');
    expect(await chosen.evaluate((node) => getComputedStyle(node, '::before').content)).toContain('✓');
    expect(
      await editor
        .getByTestId('profile-env-local-choice')
        .locator('.segment-name')
        .evaluate((node) => getComputedStyle(node, '::before').content),
    ).toBe('none');
    expect(await lines(editor.locator('label[for="profile-defaults"]')), 'Defaults label on one line').toBe(1);
    await editor.getByRole('button', { name: 'Cancel' }).click();
  });

  it('asks once before a production send and a production bulk send, naming the count and the profile', async () => {
    await openProvider(page, 'apns');
    const profileName = await page.getByTestId('profile-select').locator('option:checked').textContent();
    await editProfile(async (editor) => {
      await editor.getByTestId('profile-name').fill('Live APNs');
      await editor.getByTestId('profile-env-production').check();
      expect(await editor.getByTestId('profile-confirm-production').isChecked(), 'asks by default').toBe(true);
    });
    expect(profileName).not.toContain('Live APNs');

    await page.getByTestId('send').click();
    const dialog = page.getByTestId('production-confirm');
    await dialog.waitFor({ timeout: 5_000 });
    expect(await dialog.getByTestId('production-confirm-text').textContent()).toBe(
      'This sends 1 notification to real devices with the production profile “Live APNs”.',
    );
    await dialog.getByTestId('production-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByTestId('result-running').count(), 'cancel sends nothing').toBe(0);

    await page.keyboard.press('Control+3');
    const apnsRow = page
      .getByTestId('devices-table')
      .locator('tbody tr')
      .filter({ has: page.locator('td:nth-child(3)', { hasText: /^apns$/ }) });
    await apnsRow.first().locator('input[type=checkbox]').check();
    const panel = page.getByTestId('bulk-panel');
    await panel.getByTestId('bulk-profile').selectOption({ label: (await optionLabel(panel, 'Live APNs'))! });
    await panel.getByTestId('bulk-start').click();
    await dialog.waitFor({ timeout: 5_000 });
    const count = await apnsRow.count();
    expect(await dialog.getByTestId('production-confirm-text').textContent()).toBe(
      `This sends ${count === 1 ? '1 notification' : `${count} notifications`} to real devices with the production profile “Live APNs”.`,
    );
    await dialog.getByTestId('production-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await panel.getByTestId('bulk-progress').count(), 'cancel starts no run').toBe(0);
  });

  // Never sent for real here: a production send would leave this machine. That a profile told not
  // to ask sends straight away is `asksBeforeSending` (unit-tested); here, that the choice is kept.
  it('keeps a profile told not to ask, and then Send opens no confirmation', async () => {
    await openProvider(page, 'apns');
    await editProfile((editor) => editor.getByTestId('profile-confirm-production').uncheck());
    await page.getByTestId('profile-edit').click();
    const editor = page.getByTestId('profile-editor');
    expect(await editor.getByTestId('profile-confirm-production').isChecked()).toBe(false);
    await editor.getByRole('button', { name: 'Cancel' }).click();
    await editor.waitFor({ state: 'detached' });
  });

  it('labels a bare word on the FCM tab by FCM, never as a Notification Hubs tag expression', async () => {
    await openProvider(page, 'fcm');
    await page.getByTestId('target-input').fill('news');
    await expect.poll(() => page.getByTestId('target-kind').textContent()).toBe('Not recognized');
    await page.getByTestId('target-input').fill('/topics/news');
    await expect.poll(() => page.getByTestId('target-kind').textContent()).toBe('FCM topic');
    await openProvider(page, 'nhub');
    await page.getByTestId('target-input').fill('news');
    await expect.poll(() => page.getByTestId('target-kind').textContent()).toBe('Notification Hubs tag expression');
  });
});

async function optionLabel(panel: Locator, name: string): Promise<string | undefined> {
  const labels = await panel.getByTestId('bulk-profile').locator('option').allTextContents();
  return labels.find((label) => label.includes(name));
}
