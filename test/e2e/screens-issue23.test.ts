import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PROVIDER_IDS } from '../../shared/providers/ids';
import { missingChromium, openSandboxedApp } from '../support/browser';
import { openProvider, sendWithKeyboard, useSandboxDevice } from '../support/compose-page';
import type { ServedApp } from '../support/serve';
import { describeWithSystem } from '../support/system';
import { shot } from '../support/shots';

/**
 * Issue 23's small items on the served app at 1280×800 with the sandbox set up: fault rules in
 * words with live hit counts, one footer layout in every dialog, placeholders that fit their
 * fields, and the Bulk screen.
 */
describeWithSystem('issue 23 screens', missingChromium(), () => {
  let app: ServedApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ app, browser, page } = await openSandboxedApp({ viewport: { width: 1280, height: 800 } }));
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('lists fault rules in words, and their hit counts move as sends hit them', async () => {
    await page.getByTestId('emulator-tab-apns').click();
    const form = page.getByTestId('fault-form');
    await form.getByTestId('fault-status').fill('503');
    await form.getByLabel('Retry-After seconds').fill('2');
    await form.getByLabel('Times').fill('1');
    await form.getByTestId('fault-add').click();
    const words = page.getByTestId('fault-rule-words');
    await expect
      .poll(() => words.allTextContents())
      .toEqual(['503 ServiceUnavailable, Retry-After 2 s, once, not used yet']);
    await form.getByTestId('fault-status').fill('429');
    await form.getByLabel('Retry-After seconds').fill('');
    await form.getByTestId('fault-reason').fill('TooManyRequests');
    await form.getByLabel('Times').fill('');
    await form.getByTestId('fault-add').click();
    await expect.poll(() => words.count()).toBe(2);

    // A second tab composes and sends; this one stays on the Emulators screen and sees the counts move.
    const other = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await other.goto(app.url);
    await other.getByTestId('app-frame').waitFor();
    await openProvider(other, 'apns');
    await useSandboxDevice(other);
    expect((await sendWithKeyboard(other)).status).toBe('503');
    await expect
      .poll(() => words.allTextContents(), { timeout: 10_000 })
      .toEqual(['503 ServiceUnavailable, Retry-After 2 s, once, used', '429 TooManyRequests, every time, not hit yet']);
    await other.keyboard.press('Control+Enter');
    await expect
      .poll(() => words.nth(1).textContent(), { timeout: 10_000 })
      .toBe('429 TooManyRequests, every time, hit 1×');
    await shot(page.locator('.fault-list'), 'fault-rules.png');
    await other.close();
    // One removal at a time: under load a second click can land on the row the first one is removing.
    for (let n = await words.count(); n > 0; n--) {
      await page
        .getByRole('button', { name: /^Remove the fault/ })
        .first()
        .click();
      await expect.poll(() => words.count(), { timeout: 10_000 }).toBe(n - 1);
    }
  });

  /** Each dialog's footer: the buttons in order, as [role, text]. */
  const footer = (dialog: ReturnType<Page['getByTestId']>) =>
    dialog
      .getByTestId('dialog-footer')
      .locator('button')
      .evaluateAll((buttons) => buttons.map((b) => [b.getAttribute('data-role'), b.textContent]));

  it('puts Cancel left of the primary action, last on the right, in the device and import dialogs', async () => {
    await page.keyboard.press('Control+3');
    await page.getByRole('button', { name: 'Add device' }).click();
    const editor = page.getByTestId('device-editor');
    expect(await footer(editor)).toEqual([
      ['cancel', 'Cancel'],
      ['primary', 'Save'],
    ]);
    await shot(editor, 'device-editor.png');
    await page.keyboard.press('Escape');

    const csv = 'label,provider,environment,target\nGood,apns,sandbox,' + 'ab'.repeat(32) + '\nBad,apns,sandbox,xyz\n';
    await page
      .getByTestId('devices-import-file')
      .setInputFiles({ name: 'two.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const report = page.getByTestId('import-report');
    await report.waitFor();
    expect(await report.evaluate((el) => el.tagName)).toBe('DIALOG');
    expect(await footer(report)).toEqual([
      ['cancel', 'Import nothing'],
      ['primary', 'Import the 1 valid row'],
    ]);
    // Both dialogs lay out alike: the title an h2 in the dialog frame, the footer's last button flush right.
    expect(await report.locator('h2.dialog-title').count()).toBe(1);
    const right = await report.evaluate((el) => {
      const last = el.querySelector('[data-testid="dialog-footer"] button:last-child')!.getBoundingClientRect();
      const row = el.querySelector('[data-testid="dialog-footer"]')!.getBoundingClientRect();
      return Math.round(row.right - last.right);
    });
    expect(right).toBe(0);
    await shot(report, 'import-report.png');
    await report.getByTestId('import-nothing').click();
    await expect.poll(() => report.count()).toBe(0);
  });

  it('fits every placeholder in its field, on every screen', async () => {
    const cut: string[] = [];
    const measure = () =>
      page.evaluate(() => {
        const canvas = document.createElement('canvas').getContext('2d')!;
        const found: string[] = [];
        for (const field of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
          'input[placeholder], textarea[placeholder]',
        )) {
          if (!field.placeholder || !field.checkVisibility()) continue;
          const style = getComputedStyle(field, '::placeholder');
          canvas.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
          const text = canvas.measureText(field.placeholder).width;
          const box = getComputedStyle(field);
          const content = field.clientWidth - parseFloat(box.paddingLeft) - parseFloat(box.paddingRight);
          const lines = field instanceof HTMLTextAreaElement ? field.rows : 1;
          if (text > content * lines)
            found.push(`"${field.placeholder}" needs ${Math.ceil(text)} px, has ${Math.floor(content * lines)}`);
        }
        return found;
      });
    const screens: Array<[string, () => Promise<void>]> = [
      ...PROVIDER_IDS.map((p): [string, () => Promise<void>] => [`compose ${p}`, () => openProvider(page, p)]),
      ['credentials', () => page.keyboard.press('Control+2')],
      ['devices', () => page.keyboard.press('Control+3')],
      ['exchanges', () => page.keyboard.press('Control+4')],
      ['history', () => page.keyboard.press('Control+5')],
      ['emulators', () => page.keyboard.press('Control+6')],
      ['bulk', () => page.keyboard.press('Control+7')],
      ['bulk pasted', () => page.getByTestId('bulk-source-paste').check()],
    ];
    for (const [name, open] of screens) {
      await open();
      await page.waitForTimeout(300);
      cut.push(...(await measure()).map((problem) => `${name}: ${problem}`));
      if (name === 'compose apns') await shot(page.locator('section.options'), 'compose-options.png');
    }
    await page.getByTestId('bulk-source-devices').check();
    expect(cut).toEqual([]);
  });

  it('has a Bulk screen in the sidebar and the palette: a send from ticked devices, grouped results, the failed list', async () => {
    await page.keyboard.press('Control+1');
    await page.keyboard.press('Control+K');
    await page.keyboard.type('Bulk');
    const option = page.getByRole('option', { name: /Go to Bulk/ });
    expect(await option.textContent()).toContain('7');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('nav-bulk').getAttribute('aria-selected')).toBe('true');
    const screen = page.getByTestId('bulk-screen');
    expect(await screen.getByRole('heading', { level: 1 }).textContent()).toBe('Bulk send');

    await screen.getByTestId('bulk-devices-provider').selectOption('apns');
    await screen.getByTestId('bulk-device-list').locator('input[type=checkbox]').first().check();
    const panel = screen.getByTestId('bulk-panel');
    await expect.poll(() => panel.getByTestId('bulk-profile').inputValue()).not.toBe('');
    await panel.getByTestId('bulk-start').click();
    await expect.poll(() => panel.getByTestId('bulk-state').textContent(), { timeout: 20_000 }).toBe('done');
    await expect.poll(() => panel.getByTestId('bulk-result').count()).toBe(1);
    await panel.getByTestId('bulk-group').click();
    await shot(screen, 'bulk-screen.png');

    // The Devices screen shows the same run and keeps its own "Send to N selected".
    await page.keyboard.press('Control+3');
    await expect.poll(() => page.getByTestId('selection-count').textContent()).toBe('1 selected');
    expect(await page.getByTestId('bulk-start').textContent()).toBe('Send to 1 selected');
    expect(await page.getByTestId('bulk-state').textContent()).toBe('done');

    // Back on Bulk with nothing ticked, the last run is still there.
    await page.keyboard.press('Control+7');
    await screen.getByRole('button', { name: 'Clear selection' }).click();
    await expect.poll(() => screen.getByTestId('bulk-state').textContent()).toBe('done');
    expect(await screen.getByTestId('bulk-pick-hint').count()).toBe(1);

    // A pasted list from the Bulk screen.
    await screen.getByTestId('bulk-source-paste').check();
    await screen.getByTestId('bulk-provider').selectOption('apns');
    await screen.getByTestId('bulk-targets').fill(['ab'.repeat(32), 'cd'.repeat(32)].join('\n'));
    await expect.poll(() => screen.getByTestId('bulk-profile').inputValue()).not.toBe('');
    await screen.getByTestId('bulk-start').click();
    await expect.poll(() => screen.getByTestId('bulk-counts').textContent(), { timeout: 20_000 }).toMatch(/^2\/2 /);
    await expect.poll(() => screen.getByTestId('bulk-state').textContent(), { timeout: 20_000 }).toBe('done');
    const download = page.waitForEvent('download');
    await screen.getByRole('button', { name: /^Export/ }).click();
    const saved = await (await download).path();
    expect(saved).toBeTruthy();
    await shot(screen, 'bulk-screen-pasted.png');
  });
});
