import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { liveActivityStartTemplate } from '../../shared/providers/apns/templates/live-activity';
import { audit, describeFindings } from '../support/axe';
import { missingChromium, openSandboxedApp } from '../support/browser';
import {
  allowClipboard,
  expectIssue,
  openProvider,
  pickTemplate,
  readResult,
  replacePayload,
  sendWithKeyboard,
} from '../support/compose-page';
import type { ServedApp } from '../support/serve';
import { shot } from '../support/shots';
import { describeWithSystem } from '../support/system';

/** The start template's timestamp: each later push is this plus some seconds. */
const T0 = JSON.parse(liveActivityStartTemplate.payload).aps.timestamp as number;
const state = (status: string) => ({ status, eta: T0 - 978_307_200 + 600 });
const update = (timestamp: number, status: string) =>
  JSON.stringify({ aps: { timestamp, event: 'update', 'content-state': state(status) } });

// A person's whole Live Activity rehearsal on the local APNs emulator: a push-to-start token
// saved from the Emulators screen, a start sent to it from Compose, three updates to the update
// token the start handed out (one with a timestamp that is not newer, which the device drops),
// an end, and the inbox showing the activity's sequence with the dropped update in words.
describeWithSystem('Live Activity push-to-start, updates, a stale one and the end', missingChromium(), () => {
  let app: ServedApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ app, browser, page } = await openSandboxedApp({ viewport: { width: 1400, height: 1000 } }));
    await allowClipboard(page);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const emulatorsApns = async () => {
    await page.keyboard.press('Control+6');
    await page.getByTestId('emulator-tab-apns').click();
    await page.locator('[data-testid="inbox-panel"][data-inbox-for="apns"]').waitFor();
  };
  /** The result panel shows the last send until the next one ends: wait for a new apns-id. */
  const sendAfter = async () => {
    const shown = page.getByTestId('result-id-apns-id');
    const before = (await shown.count()) ? await shown.textContent() : null;
    const result = await sendWithKeyboard(page);
    if (result.ids['apns-id'] !== before) return result;
    await expect.poll(() => shown.textContent(), { timeout: 20_000 }).not.toBe(before);
    return readResult(page);
  };
  const sendToToken = async (token: string, payload: string) => {
    await page.getByTestId('target-input').fill(token);
    await replacePayload(page, payload);
    const result = await sendAfter();
    expect(result.outcome).toBe('accepted');
    expect(result.status).toBe('200');
  };

  it('starts an emulated activity from the composer and shows its sequence in the inbox', async () => {
    await emulatorsApns();
    const panel = page.getByTestId('live-activities');
    expect(await panel.getByText('No emulated activities yet.').count()).toBe(1);
    expect(await panel.getByTestId('push-to-start-type').inputValue()).toBe('DeliveryAttributes');
    await panel.getByTestId('push-to-start-add').click();
    await expect
      .poll(() => panel.getByTestId('live-activities-done').textContent(), { timeout: 20_000 })
      .toBe(
        'Saved “Push-to-start DeliveryAttributes”. A Live Activity start sent to it starts an emulated DeliveryAttributes activity.',
      );

    // The start, from the gallery, to the saved push-to-start token.
    await openProvider(page, 'apns');
    await pickTemplate(page, 'Live Activity: start');
    await page
      .getByTestId('target-device')
      .selectOption({ label: 'Push-to-start DeliveryAttributes (local · Push-to-start token · DeliveryAttributes)' });
    const started = await sendWithKeyboard(page);
    expect([started.outcome, started.status]).toEqual(['accepted', '200']);

    // The update token the start handed out, as the Emulators screen lists it.
    await emulatorsApns();
    const row = panel.getByTestId('activity-row');
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
    const token = (await row.getByTestId('activity-token').textContent())!;
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(await row.locator('td').nth(1).textContent()).toBe('Running');
    expect(await row.locator('td').nth(2).textContent()).toBe(String(T0));

    // Three updates, the second not newer than the first; then the end.
    await openProvider(page, 'apns');
    await pickTemplate(page, 'Live Activity: update');
    await sendToToken(token, update(T0 + 600, 'On the way'));
    await replacePayload(page, update(T0 + 600, 'Old news'));
    // Preflight knows from history that this timestamp is not newer; the send goes anyway.
    await expectIssue(page, 'apns.liveactivity.timestamp-stale');
    await sendToToken(token, update(T0 + 600, 'Old news'));
    await sendToToken(token, update(T0 + 900, 'Arriving'));
    await pickTemplate(page, 'Live Activity: end');
    await sendToToken(
      token,
      JSON.stringify({ aps: { timestamp: T0 + 1200, event: 'end', 'content-state': state('Delivered') } }),
    );

    await emulatorsApns();
    const sequence = page
      .getByTestId('activity-sequence')
      .and(page.locator('[data-activity-id]:not([data-activity-id=""])'));
    await expect.poll(() => sequence.getByTestId('activity-step').count(), { timeout: 20_000 }).toBe(5);
    const activityId = (await row.getAttribute('data-activity-id'))!;
    expect(await sequence.getAttribute('data-activity-id')).toBe(activityId);
    expect(await sequence.locator('h4').textContent()).toBe(`DeliveryAttributes ${activityId.slice(0, 8)} (ended)`);
    const steps = sequence.getByTestId('activity-step');
    expect(await steps.evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset['outcome']))).toEqual([
      'started',
      'updated',
      'dropped',
      'updated',
      'ended',
    ]);
    expect(await steps.getByTestId('activity-step-words').allTextContents()).toEqual([
      'Started DeliveryAttributes',
      'Updated',
      `Update dropped by the device: Stale: timestamp ${T0 + 600} is not newer than ${T0 + 600}, the last one the activity took, so the device dropped it`,
      'Updated',
      'Ended',
    ]);
    const states = await steps.getByTestId('activity-step-state').allTextContents();
    expect(states).toEqual([
      `content-state: ${JSON.stringify(JSON.parse(liveActivityStartTemplate.payload).aps['content-state'])}`,
      `content-state: ${JSON.stringify(state('On the way'))}`,
      `content-state kept: ${JSON.stringify(state('On the way'))}`,
      `content-state: ${JSON.stringify(state('Arriving'))}`,
      `content-state: ${JSON.stringify(state('Delivered'))}`,
    ]);
    expect(await steps.first().getByTestId('activity-step-token').textContent()).toBe(`Update token: ${token}`);
    // The flat inbox says the same of the dropped update.
    expect(await page.getByTestId('inbox-dropped').allTextContents()).toEqual([
      `Dropped by the device: Stale: timestamp ${T0 + 600} is not newer than ${T0 + 600}, the last one the activity took, so the device dropped it`,
    ]);
    expect(await row.locator('td').nth(1).textContent()).toBe('Ended');

    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      const findings = await audit(page);
      expect(describeFindings(findings), `axe (${theme})`).toBe('');
      await shot(page.getByTestId('activity-sequences'), `live-activity-sequence-${theme}.png`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('rotates the update token from the Emulators screen; the old token is answered 410 ExpiredToken', async () => {
    const panel = page.getByTestId('live-activities');
    const row = panel.getByTestId('activity-row');
    const old = (await row.getByTestId('activity-token').textContent())!;
    await row.getByTestId('activity-rotate').click();
    await expect.poll(() => row.getByTestId('activity-token').textContent(), { timeout: 20_000 }).not.toBe(old);
    const fresh = (await row.getByTestId('activity-token').textContent())!;
    expect(await panel.getByTestId('live-activities-done').textContent()).toBe(
      `DeliveryAttributes ${(await row.getAttribute('data-activity-id'))!.slice(0, 8)} has a new update token, ${fresh}. The old one, ${old.slice(0, 12)}…, is now answered 410.`,
    );
    await openProvider(page, 'apns');
    await pickTemplate(page, 'Live Activity: update');
    await page.getByTestId('target-input').fill(old);
    await replacePayload(page, update(T0 + 2000, 'Late'));
    const answer = await sendAfter();
    expect(answer.status).toBe('410');
    expect(await page.getByTestId('result').textContent()).toContain('ExpiredToken');
  });
});
