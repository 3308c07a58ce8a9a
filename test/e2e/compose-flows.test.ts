import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { missingChromium, openSandboxedApp } from '../support/browser';
import {
  allowClipboard,
  editorInput,
  editorText,
  expectIssue,
  inboxPayloads,
  openProvider,
  replacePayload,
  tabTo,
} from '../support/compose-page';
import type { ServedApp } from '../support/serve';
import { describeWithSystem } from '../support/system';

/** Screenshots for a reviewer, only when asked for (PUSH_CONSOLE_SHOTS=folder). */
const SHOTS = process.env['PUSH_CONSOLE_SHOTS'];
const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

// Issue 23, items 1 and 2: sending past preflight on purpose, and the composer without a mouse.
describeWithSystem(
  'composer flows: send anyway, Tab through the composer, the command palette',
  missingChromium(),
  () => {
    let app: ServedApp;
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      ({ app, browser, page } = await openSandboxedApp({ viewport: { width: 1400, height: 900 } }));
      await allowClipboard(page);
    });

    afterAll(async () => {
      await browser?.close();
      await app?.stop();
    });

    it('Tab goes from the target through the payload editor to Send; the provider tabs take arrows, Home and End', async () => {
      await openProvider(page, 'apns');
      await page.getByTestId('target-input').focus();
      // Tab passes through the editor (one stop) and on to Options and Send: no two-space trap.
      const presses = await tabTo(page, page.getByTestId('send'), { limit: 30 });
      expect(presses).toBeGreaterThan(1);
      expect(await page.getByTestId('editor-tab-mode').textContent()).toBe(
        'Tab moves to the next control · Ctrl+M to make Tab indent',
      );
      // Ctrl+M in the editor makes Tab indent, and the line says so; again, and Tab moves on.
      await editorInput(page).focus();
      await page.keyboard.press('Control+M');
      expect(await page.getByTestId('editor-tab-mode').textContent()).toBe(
        'Tab indents in the editor · Ctrl+M to make Tab move on',
      );
      await page.keyboard.press('Tab');
      expect(await editorInput(page).evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press('Control+Z');
      await page.keyboard.press('Control+M');
      expect(await page.getByTestId('editor-tab-mode').textContent()).toContain('Tab moves to the next control');

      // One Tab stop for the tab list; ←/→ and Home/End move and select.
      const tabs = page.getByRole('tablist', { name: 'Provider' }).getByRole('tab');
      expect(await tabs.evaluateAll((all) => all.map((tab) => tab.getAttribute('tabindex')))).toEqual([
        '0',
        '-1',
        '-1',
        '-1',
        '-1',
      ]);
      await page.getByTestId('provider-apns').focus();
      await page.keyboard.press('ArrowRight');
      expect(await focused(page)).toBe('provider-fcm');
      expect(await page.getByTestId('provider-fcm').getAttribute('aria-selected')).toBe('true');
      await page.keyboard.press('End');
      expect(await focused(page)).toBe('provider-nhub');
      await page.keyboard.press('ArrowRight');
      expect(await focused(page)).toBe('provider-apns');
      await page.keyboard.press('End');
      await page.keyboard.press('Home');
      expect(await focused(page)).toBe('provider-apns');
      const panel = page.getByRole('tabpanel');
      expect(await panel.getAttribute('aria-labelledby')).toBe(
        await page.getByTestId('provider-apns').getAttribute('id'),
      );
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/tabs.png` });
    });

    it('sends an oversized APNs payload anyway after a confirmation, and shows the emulator’s PayloadTooLarge', async () => {
      const before = await inboxPayloads(page, 'apns');
      await openProvider(page, 'apns');
      await replacePayload(page, `{"aps":{"alert":"${'x'.repeat(4211 - 20)}"}}`);
      await expectIssue(page, 'apns.payload.too-large');
      expect(await page.getByTestId('send').isDisabled()).toBe(true);
      await page.getByTestId('send-anyway').click();
      const dialog = page.getByTestId('send-anyway-dialog');
      await dialog.waitFor();
      expect(await dialog.getByTestId('send-anyway-errors').textContent()).toBe(
        'Payload is 4,211 bytes; APNs allows 4,096',
      );
      // Cancel is where focus starts: Enter alone never sends a bad payload.
      expect(await focused(page)).toBe('send-anyway-cancel');
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/send-anyway-dialog.png` });
      await dialog.getByTestId('send-anyway-confirm').click();
      await page.getByTestId('result').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('result-outcome').textContent()).toBe('rejected');
      expect(await page.getByTestId('result-status').textContent()).toBe('413');
      expect(await page.getByTestId('result-reason').textContent()).toBe('PayloadTooLarge');
      expect(await page.getByTestId('result-against-preflight').textContent()).toBe(
        '⚠ Sent against preflight. It found:Payload is 4,211 bytes; APNs allows 4,096',
      );
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/send-anyway-result.png` });
      // History says it too, in the list and in the send's detail.
      await page.keyboard.press('Control+5');
      const newest = page.getByTestId('history-item').first();
      await expect.poll(() => newest.textContent(), { timeout: 10_000 }).toContain('⚠ against preflight');
      await newest.click();
      expect(await page.getByTestId('history-detail-against-preflight').textContent()).toBe(
        '⚠ Sent against preflight. It found:Payload is 4,211 bytes; APNs allows 4,096',
      );
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/send-anyway-history.png` });
      await page.keyboard.press('Control+1');
      expect(await inboxPayloads(page, 'apns')).toEqual(before);
    });

    it('a Ctrl+Enter right after opening the composer says why it did not send', async () => {
      // The oversized payload is still the APNs draft: leave, come back, and send at once.
      await page.keyboard.press('Control+4');
      await page.keyboard.press('Control+1');
      await page.keyboard.press('Control+Enter');
      await expect
        .poll(() => page.getByTestId('send-refusal').textContent(), { timeout: 10_000 })
        .toBe(
          'Not sent: preflight found an error: Payload is 4,211 bytes; APNs allows 4,096. Fix it, or use Send anyway.',
        );
    });

    it('the command palette opens with Ctrl+K or Ctrl+Shift+P, filters, and runs the chosen command', async () => {
      // Named on screen, not only behind a key.
      expect(await page.getByTestId('status-commands').textContent()).toBe('Commands Ctrl+K');
      expect(await page.getByTestId('status-shortcuts').textContent()).toBe('Shortcuts Ctrl+/');
      await page.getByTestId('status-shortcuts').click();
      await page.getByTestId('shortcuts').waitFor();
      await page.keyboard.press('Escape');

      await page.keyboard.press('Control+K');
      const palette = page.getByTestId('command-palette');
      await palette.waitFor();
      expect(await focused(page)).toBe('palette-input');
      const labels = () => palette.getByTestId('palette-item').locator('.palette-label').allTextContents();
      for (const label of ['Go to Compose', 'Go to Exchanges', 'Send', 'Show keyboard shortcuts', 'Compose for FCM']) {
        expect(await labels()).toContain(label);
      }
      await page.keyboard.type('go exch');
      await expect.poll(labels).toEqual(['Go to Exchanges']);
      expect(await palette.getByTestId('palette-item').locator('kbd').textContent()).toBe('Ctrl+4');
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/palette.png` });
      await page.keyboard.press('Enter');
      await palette.waitFor({ state: 'hidden' });
      await page.getByTestId('exchanges').waitFor();

      // From Compose: pick FCM and send its (valid) draft, all from the palette.
      await page.keyboard.press('Control+1');
      await page.keyboard.press('Control+Shift+P');
      await palette.waitFor();
      await page.keyboard.type('compose fcm');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('provider-fcm').getAttribute('aria-selected')).toBe('true');
      await expect.poll(() => page.getByTestId('send').isEnabled(), { timeout: 10_000 }).toBe(true);
      await page.keyboard.press('Control+K');
      await page.keyboard.type('send');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowUp');
      expect(await palette.locator('[aria-selected="true"] .palette-label').textContent()).toBe('Send');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('result-outcome').textContent(), { timeout: 30_000 }).toBe('accepted');
    });

    it('a JSON error says its line and column, and clicking it puts the caret there', async () => {
      await openProvider(page, 'apns');
      // The comma before the closing brace is where the JSON stops being JSON.
      await replacePayload(page, '{"aps":{"alert":"hi",}}');
      await expectIssue(page, 'apns.payload.json');
      const issue = page.getByTestId('preflight-error').filter({ hasText: 'not valid JSON' });
      expect(await issue.textContent()).toMatch(/\(line 1, column 22\)/);
      await issue.click();
      // Typed at the caret: it lands just before the brace the error names.
      await page.keyboard.insertText('X');
      await expect.poll(() => editorText(page)).toBe('{"aps":{"alert":"hi",X}}');
    });
  },
);
