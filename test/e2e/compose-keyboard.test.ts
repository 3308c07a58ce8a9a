import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { missingChromium, openServedApp } from '../support/browser';
import {
  allowClipboard,
  editorInput,
  editorText,
  expectIssue,
  inboxPayloads,
  openProvider,
  preflightIssue,
  readResult,
  replacePayload,
  tabTo,
} from '../support/compose-page';
import type { ServedApp } from '../support/serve';
import { describeWithSystem } from '../support/system';
import { PROVIDER_IDS } from '../../shared/providers/ids';

const focusedRole = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('role') ?? null);

describeWithSystem('the composer without a mouse, and what it refuses to send', missingChromium(), () => {
  let app: ServedApp;
  let browser: Browser;
  let page: Page;
  const clicks: string[] = [];

  beforeAll(async () => {
    ({ app, browser, page } = await openServedApp({ viewport: { width: 1400, height: 900 } }));
    await allowClipboard(page);
    // Every pointer click the page sees is recorded: the keyboard test must cause none.
    await page.exposeFunction('recordClick', (what: string) => clicks.push(what));
    await page.evaluate(() =>
      document.addEventListener(
        'pointerdown',
        (event) => (window as unknown as { recordClick(w: string): void }).recordClick(String(event.target)),
        true,
      ),
    );
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('sets up, picks a template, edits, applies a fix, sends and reads the result with the keyboard only', async () => {
    await page.keyboard.press('Control+6');
    await tabTo(page, page.getByTestId('sandbox-init'));
    await page.keyboard.press('Enter');
    await page.getByTestId('sandbox-steps').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('sandbox-steps').locator('li.ok').count()).toBe(PROVIDER_IDS.length);

    await page.keyboard.press('Control+1');
    // The provider tabs are one Tab stop (the selected tab); the arrow keys pick another.
    await tabTo(page, page.getByTestId('provider-apns'));
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByTestId('provider-fcm').getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.getByTestId('profile-select').inputValue()).not.toBe('');

    // A closed <select> takes type-ahead: "Data" picks the "Data-only message" template.
    await tabTo(page, page.getByTestId('template-select'));
    await page.keyboard.type('Data-only');
    await editorInput(page).waitFor({ state: 'attached', timeout: 30_000 });
    // The size meter reads the template's message as sent: {"data":{"type":"sync","id":"42"}}.
    await expect.poll(() => page.getByTestId('size-meter').textContent()).toBe('34 / 4,096 bytes');

    // From the template menu, Tab walks the toolbar into the editor.
    await tabTo(page, editorInput(page));
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText('{"data":{"type":"sync","id":42,"via":"keyboard"}}');
    await page.keyboard.press('Shift+Control+End');
    await page.keyboard.press('Delete');
    await expectIssue(page, 'fcm.data.not-string');

    // Tab leaves the editor by default (the line under it says so); the fix is a Tab away.
    expect(await page.getByTestId('editor-tab-mode').textContent()).toContain('Tab moves to the next control');
    const fix = preflightIssue(page, 'fcm.data.not-string').getByTestId('preflight-fix');
    await tabTo(page, fix, { limit: 5 });
    expect(await fix.textContent()).toBe('Turn data values into strings');
    await page.keyboard.press('Enter');
    await expectIssue(page, 'fcm.data.not-string', false);
    expect(await focusedRole(page)).toBe('textbox');
    expect(JSON.parse(await editorText(page))).toEqual({ data: { type: 'sync', id: '42', via: 'keyboard' } });

    await page.keyboard.press('Control+Enter');
    await page.getByTestId('result').waitFor({ timeout: 30_000 });
    const result = await readResult(page);
    expect(result.outcome).toBe('accepted');
    expect(result.status).toBe('200');
    expect(result.ids['name']).toMatch(/^projects\/[\w-]+\/messages\/\S+$/);
    // Sending did not take the keyboard away from the editor.
    expect(await focusedRole(page)).toBe('textbox');

    await page.keyboard.press('Control+6');
    await tabTo(page, page.getByTestId('emulator-tab-fcm'));
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await page.getByTestId('inbox-item').locator('.inbox-payload').allTextContents()).join('\n'))
      .toContain('"via":"keyboard"');
    expect(clicks).toEqual([]);
  });

  it('blocks a payload over the APNs limit with the size message, from the button and from Ctrl+Enter', async () => {
    const before = await inboxPayloads(page, 'apns');
    await openProvider(page, 'apns');
    const text = `{"aps":{"alert":"${'x'.repeat(4211 - 20)}"}}`;
    expect(new TextEncoder().encode(text).length).toBe(4211);
    await replacePayload(page, text);
    await expectIssue(page, 'apns.payload.too-large');
    expect(await preflightIssue(page, 'apns.payload.too-large').textContent()).toContain(
      'Payload is 4,211 bytes; APNs allows 4,096',
    );
    expect(await page.getByTestId('size-meter').textContent()).toBe('4,211 / 4,096 bytes');
    expect(await page.getByTestId('size-meter').getAttribute('class')).toContain('size-over');
    expect(await page.getByTestId('send').isDisabled()).toBe(true);
    expect(await page.locator('.send-row').textContent()).toContain('Fix the preflight errors to send.');

    await page.getByTestId('send').click({ force: true });
    await editorInput(page).focus();
    await page.keyboard.press('Control+Enter');
    await page.locator('body').press('Control+Enter');
    // Nothing started, nothing came back, nothing arrived.
    await page.waitForTimeout(1_500);
    expect(await page.getByTestId('result-running').count()).toBe(0);
    expect(await page.getByTestId('result').count()).toBe(0);
    expect(await page.getByTestId('result-error').count()).toBe(0);
    expect(await inboxPayloads(page, 'apns')).toEqual(before);
  });
});
