import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { audit, describeFindings } from '../support/axe';
import { missingChromium } from '../support/browser';
import {
  allowClipboard,
  editorText,
  openProvider,
  sendWithKeyboard,
  tabTo,
  useSandboxDevice,
} from '../support/compose-page';
import { useSandboxPage } from '../support/sandbox-page';
import { describeWithSystem } from '../support/system';
import { shot } from '../support/shots';

const POSTMAN = join(import.meta.dirname, '../fixtures/postman/push-calls.postman_collection.json');

/**
 * The Collections screen in browser mode against the emulators: a composer send and a history
 * entry saved into a new collection, run with every assertion holding, one assertion broken in
 * its file on disk and shown failing with its message, then Rerun failed running only that one.
 */
describeWithSystem('Collections screen: save, run, fail, rerun failed', missingChromium(), () => {
  const sandbox = useSandboxPage();
  let page: Page;
  beforeAll(() => {
    page = sandbox.page;
  });

  async function expectAccessible(state: string): Promise<void> {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(describeFindings(await audit(page)), `${state} (${colorScheme})`).toBe('');
    }
  }

  const results = () =>
    page
      .getByTestId('collection-result')
      .evaluateAll((items) => items.map((item) => [item.getAttribute('data-path'), item.getAttribute('data-verdict')]));

  it('saves sends into a collection, runs it, shows a failing assertion and reruns only the failed', async () => {
    await openProvider(page, 'apns');
    await useSandboxDevice(page);
    expect((await sendWithKeyboard(page)).outcome).toBe('accepted');

    // The composer's send into a new collection.
    await page.getByTestId('compose-save-collection').click();
    const dialog = page.getByTestId('save-collection-dialog');
    await dialog.waitFor();
    await expect.poll(() => dialog.getByTestId('save-collection-choice').inputValue()).toBe('__new__');
    await dialog.getByTestId('save-collection-new-name').fill('e2e');
    await dialog.getByTestId('save-collection-request-name').fill('APNs from compose');
    await expectAccessible('Save to collection dialog');
    await dialog.getByTestId('save-collection-submit').click();
    expect(await dialog.getByTestId('save-collection-saved').textContent()).toBe(
      'Saved as collections/e2e/apns-from-compose.json.',
    );
    await page.keyboard.press('Escape');

    // A history entry into the same collection, now an existing one.
    await page.keyboard.press('Control+5');
    await page.getByTestId('history-item').first().click();
    await page.getByTestId('history-save-collection').click();
    await expect.poll(() => dialog.getByTestId('save-collection-choice').inputValue()).toBe('e2e');
    await dialog.getByTestId('save-collection-request-name').fill('APNs from history');
    await dialog.getByTestId('save-collection-submit').click();
    await dialog.getByTestId('save-collection-saved').waitFor();
    await page.keyboard.press('Escape');

    // Ctrl+9 is listed with the other screens' keys.
    await page.keyboard.press('Control+/');
    expect(await page.getByTestId('shortcuts').textContent()).toContain('Ctrl/⌘ + 1…9');
    expect(await page.getByTestId('shortcuts').textContent()).toContain('Bulk, Doctor, Collections');
    await page.keyboard.press('Escape');

    // The tree: both requests, each with the assertions its answer gave it (outcome, status).
    await page.keyboard.press('Control+9');
    const collection = page.locator('[data-testid="collection"][data-name="e2e"]');
    await collection.waitFor();
    const rows = collection.getByTestId('collection-request');
    expect(await rows.allTextContents()).toEqual([
      'apnsAPNs from compose2 assertions',
      'apnsAPNs from history2 assertions',
    ]);
    await rows.first().click();
    const detail = page.getByTestId('collection-detail');
    expect(await detail.getByTestId('collection-detail-assertions').locator('li').allTextContents()).toEqual([
      'the outcome is "accepted"',
      'the HTTP status is 200',
    ]);
    expect(await detail.getByTestId('collection-detail-file').textContent()).toContain('"device": "Sandbox iPhone"');

    // Run all from the keyboard: Tab reaches it, Enter runs.
    await page.getByTestId('collections-environment').focus();
    await tabTo(page, collection.getByTestId('collection-run-all'));
    await page.keyboard.press('Control+1');
    // And from the palette, on another screen: "Run collection…" opens this one at its Run all.
    await page.keyboard.press('Control+K');
    await page.keyboard.type('run collection');
    await page.keyboard.press('Enter');
    await page.getByTestId('collections').waitFor();
    await expect
      .poll(() => collection.getByTestId('collection-run-all').evaluate((el) => el === document.activeElement))
      .toBe(true);
    await page.keyboard.press('Enter');
    await page.getByTestId('collection-report').waitFor({ timeout: 30_000 });
    expect(await results()).toEqual([
      ['apns-from-compose.json', 'passed'],
      ['apns-from-history.json', 'passed'],
    ]);
    expect(await page.getByTestId('collection-check').evaluateAll((c) => c.map((x) => x.dataset['ok']))).toEqual([
      'true',
      'true',
      'true',
      'true',
    ]);
    expect(await page.getByTestId('collection-report-summary').textContent()).toContain(
      '2 passed, 0 failed, 0 errors.',
    );
    await expect.poll(() => page.getByTestId('collection-rerun-failed').isDisabled()).toBe(true);
    await expectAccessible('Collections screen after a passing run');

    // Break one expectation in the file on disk, as a teammate's commit would.
    const file = join(sandbox.dataDir, 'workspace', 'collections', 'e2e', 'apns-from-history.json');
    const written = readFileSync(file, 'utf8');
    expect(written).toContain('"status": 200');
    writeFileSync(file, written.replace('"status": 200', '"status": 201'));
    await page.getByTestId('collections-reload').click();
    await collection.getByTestId('collection-run-all').click();
    await expect.poll(results, { timeout: 30_000 }).toEqual([
      ['apns-from-compose.json', 'passed'],
      ['apns-from-history.json', 'failed'],
    ]);
    const failed = page.locator('[data-testid="collection-result"][data-verdict="failed"]');
    expect(await failed.locator('[data-testid="collection-check"][data-ok="false"]').textContent()).toContain(
      'status: expected 201, got 200',
    );
    expect(await page.getByTestId('collection-rerun-failed').textContent()).toBe('Rerun failed (1)');
    await shot(page.getByTestId('collections'), 'collections-failed-run.png');
    await expectAccessible('Collections screen with a failed request');

    // Fixed on disk; Rerun failed sends only that request, which now passes.
    writeFileSync(file, written);
    await page.getByTestId('collection-rerun-failed').click();
    await expect.poll(results, { timeout: 30_000 }).toEqual([['apns-from-history.json', 'passed']]);
    expect(await page.getByTestId('collection-report').locator('h2').textContent()).toBe('Run of e2e (failed, local)');

    // A slow APNs (a 2 s delay fault): the run shows itself running, with how many it sends.
    await page.keyboard.press('Control+6');
    await page.getByTestId('emulator-tab-apns').click();
    const form = page.getByTestId('fault-form');
    await form.getByTestId('fault-kind').selectOption('delay');
    await form.getByLabel('Delay ms').fill('2000');
    await form.getByTestId('fault-add').click();
    await page.keyboard.press('Control+9');
    await collection.getByTestId('collection-run-all').click();
    const running = page.getByTestId('collection-running');
    expect(await running.textContent()).toContain('Running 2 requests of e2e (all)…');
    await expectAccessible('Collections screen while a run is under way');
    await expect.poll(() => running.count(), { timeout: 30_000 }).toBe(0);
    expect(await results()).toEqual([
      ['apns-from-compose.json', 'passed'],
      ['apns-from-history.json', 'passed'],
    ]);
    expect(sandbox.errors).toEqual([]);
  }, 180_000);

  it('imports a Postman collection and says what it left out', async () => {
    await page.keyboard.press('Control+9');
    await page.getByTestId('collections-import-postman').click();
    const dialog = page.getByTestId('import-postman-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('import-postman-file').setInputFiles(POSTMAN);
    await expect.poll(() => dialog.getByTestId('import-postman-text').inputValue()).not.toBe('');
    await dialog.getByTestId('import-postman-name').fill('from-postman');
    await dialog.getByTestId('import-postman-submit').click();
    const report = dialog.getByTestId('import-postman-report');
    await report.waitFor();
    expect(await report.locator('p').first().textContent()).toBe('4 requests written, 3 left out.');
    expect(await report.getByTestId('import-postman-skipped').textContent()).toContain('Web Push');
    await expectAccessible('Postman import report');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="collection"][data-name="from-postman"]').waitFor();
  }, 60_000);

  it('opens a request in Compose with its profile and device, its variables left as written and said so', async () => {
    const dir = join(sandbox.dataDir, 'workspace', 'collections', 'e2e', 'greetings');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'hello.json'),
      JSON.stringify({
        name: 'Hello',
        provider: 'apns',
        profile: 'Sandbox apns (local)',
        device: 'Sandbox iPhone',
        payload: { aps: { alert: '{{vars.greeting}}' } },
      }),
    );
    await page.keyboard.press('Control+9');
    await page.getByTestId('collections-reload').click();
    const folder = page.locator('[data-testid="collection-folder"][data-folder="greetings"]');
    await folder.waitFor();
    expect(await folder.getByTestId('collection-request').textContent()).toBe('apnsHelloaccepted (default)');
    await folder.getByTestId('collection-request').click();
    await page.getByTestId('collection-open-compose').click();
    expect(await page.getByTestId('collection-compose-notes').textContent()).toContain(
      '{{vars.greeting}} stays as written: only a run of the collection fills variables.',
    );
    await allowClipboard(page);
    await page.keyboard.press('Control+1');
    await expect.poll(() => editorText(page), { timeout: 10_000 }).toContain('"alert": "{{vars.greeting}}"');
    expect(await page.getByTestId('target-input').inputValue()).toMatch(/^[0-9a-f]{64}$/);

    // Run folder runs that folder's request only: unset, the variable stops it before anything is sent.
    await page.keyboard.press('Control+9');
    await folder.getByTestId('collection-run-folder').click();
    expect(await page.getByTestId('collections-error').textContent()).toContain('{{vars.greeting}}');
  }, 60_000);
});
