import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { missingChromium, openSandboxedApp } from '../support/browser';
import { openProvider, preflightIssue } from '../support/compose-page';
import type { ServedApp } from '../support/serve';
import { shot } from '../support/shots';
import { describeWithSystem } from '../support/system';

// The template's content-state has status and eta; this ContentState also needs a courier.
const SWIFT = `struct DeliveryAttributes: ActivityAttributes {
  struct ContentState: Codable, Hashable {
    var status: String
    var eta: Date
    var courier: String
  }
  var orderId: String
}`;
const MISSING = 'content-state.courier: missing; ContentState needs it (String)';

describeWithSystem('the content-state contract in the composer', missingChromium(), () => {
  let app: ServedApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ app, browser, page } = await openSandboxedApp({ viewport: { width: 1400, height: 900 }, acceptDialogs: true }));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const issues = () => page.getByTestId('preflight-issue').allTextContents();

  it('reads a pasted Swift struct, saves it, and preflight checks content-state against it until it is deleted', async () => {
    await openProvider(page, 'apns');
    expect(await page.getByTestId('contract-open').count(), 'only for Live Activity pushes').toBe(0);
    await page.getByTestId('template-select').selectOption('apns.liveactivity-update');
    await page.getByTestId('contract-open').click();
    const dialog = page.getByTestId('contract-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('contract-type').fill('DeliveryAttributes');
    await dialog.getByTestId('contract-swift').fill(SWIFT);
    await dialog.getByTestId('contract-read').click();
    await expect.poll(() => dialog.getByTestId('contract-schema').inputValue()).toContain('"courier"');
    expect(await dialog.getByTestId('contract-date').inputValue()).toBe('deferredToDate');
    await shot(dialog, 'live-activity-contract.png');
    await dialog.getByTestId('contract-save').click();
    await dialog.waitFor({ state: 'detached' });

    await expect
      .poll(async () => (await issues()).some((text) => text.includes(MISSING)), { timeout: 10_000 })
      .toBe(true);

    // What the Swift reader could not read is said with its line, and nothing is saved from it.
    await page.getByTestId('contract-open').click();
    await expect.poll(() => dialog.getByTestId('contract-swift').inputValue()).toBe(SWIFT);
    await dialog
      .getByTestId('contract-swift')
      .fill('struct A: ActivityAttributes {\n  struct ContentState: Codable, Hashable { var s: Status }\n}');
    await dialog.getByTestId('contract-read').click();
    expect(await dialog.getByTestId('contract-problems').textContent()).toContain(
      'Not read, line 2: Status is not declared in the pasted source',
    );
    await dialog.getByTestId('contract-type').fill('DeliveryAttributes');
    await dialog.getByTestId('contract-delete').click();
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(async () => (await issues()).some((text) => text.includes(MISSING)), { timeout: 10_000 })
      .toBe(false);
  });

  it('FCM’s route: shown for a message with apns.live_activity_token, and its content-state checked by the contract', async () => {
    await openProvider(page, 'fcm');
    expect(await page.getByTestId('contract-open').count(), 'not for an ordinary FCM message').toBe(0);
    await page
      .getByTestId('target-input')
      .fill('fCm1aBcDeFgHiJkLmNoPqR:APA91bHPRgkF3JUikC4ENAHEeMrd41Zxv3hVZjC9KtT8OvPVGJ');
    await page.getByTestId('template-select').selectOption('fcm.liveactivity-update');
    await page.getByTestId('contract-open').click();
    const dialog = page.getByTestId('contract-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('contract-type').fill('DeliveryAttributes');
    await dialog.getByTestId('contract-swift').fill(SWIFT);
    await dialog.getByTestId('contract-read').click();
    await expect.poll(() => dialog.getByTestId('contract-schema').inputValue()).toContain('"courier"');
    await dialog.getByTestId('contract-save').click();
    await dialog.waitFor({ state: 'detached' });
    const missing = preflightIssue(page, 'apns.liveactivity.contract');
    await expect.poll(() => missing.allTextContents(), { timeout: 10_000 }).toEqual([expect.stringContaining(MISSING)]);
    // Deleted again, so the APNs steps below start from no contract.
    await page.getByTestId('contract-open').click();
    await dialog.getByTestId('contract-type').fill('DeliveryAttributes');
    await dialog.getByTestId('contract-delete').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => missing.count(), { timeout: 10_000 }).toBe(0);
    await openProvider(page, 'apns');
    await page.getByTestId('template-select').selectOption('apns.liveactivity-update');
  });

  it('opens from the command palette while a Live Activity push is composed', async () => {
    await page.keyboard.press('Control+K');
    const palette = page.getByTestId('command-palette');
    await palette.waitFor();
    await page.keyboard.type('content-state');
    await expect
      .poll(() => palette.getByTestId('palette-item').locator('.palette-label').allTextContents())
      .toEqual(['Content-state contract…']);
    await page.keyboard.press('Enter');
    await page.getByTestId('contract-dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('contract-dialog').waitFor({ state: 'detached' });
    // Another push type: no contract, and no command for it.
    await page.getByTestId('template-select').selectOption('apns.alert');
    await page.getByTestId('contract-open').waitFor({ state: 'detached' });
    await page.keyboard.press('Control+K');
    await page.keyboard.type('content-state');
    await palette.getByTestId('palette-empty').waitFor();
    await page.keyboard.press('Escape');
  });
});
