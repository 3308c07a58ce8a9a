import type { Browser, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { missingChromium, openServedApp } from '../support/browser';
import { editorInput, expectIssue, pickTemplate, preflightIssue } from '../support/compose-page';
import type { ServedApp } from '../support/serve';
import { shot } from '../support/shots';
import { describeWithSystem } from '../support/system';

const startToken = 'ab'.repeat(32);
const updateToken = 'cd'.repeat(32);
const rotatedToken = 'ef'.repeat(32);

describeWithSystem('Live Activity tokens as devices', missingChromium(), () => {
  let app: ServedApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ app, browser, page } = await openServedApp({ viewport: { width: 1400, height: 900 }, acceptDialogs: true }));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function addDevice(label: string, target: string, kind: string, activityId?: string): Promise<void> {
    await page.getByTestId('device-add').click();
    const editor = page.getByTestId('device-editor');
    await editor.waitFor();
    await editor.getByTestId('device-label').fill(label);
    await editor.getByTestId('device-kind').selectOption(kind);
    await editor.getByTestId('device-attributes-type').fill('DeliveryAttributes');
    if (activityId !== undefined) await editor.getByTestId('device-activity-id').fill(activityId);
    await editor.getByTestId('device-target').fill(target);
    await editor.getByTestId('device-save').click();
    await editor.waitFor({ state: 'detached' });
  }

  const offered = async () =>
    (await page.getByTestId('target-device').locator('option').allTextContents()).map((text) => text.trim());

  it('adds a push-to-start token and an update token, each with its kind in words, shown and filtered by kind', async () => {
    await page.keyboard.press('Control+3');
    await page.getByTestId('devices').waitFor();
    // What a kind needs is said on its field before anything is saved.
    await page.getByTestId('device-add').click();
    const editor = page.getByTestId('device-editor');
    await editor.getByTestId('device-label').fill('No activity');
    await editor.getByTestId('device-kind').selectOption('update');
    await editor.getByTestId('device-attributes-type').fill('DeliveryAttributes');
    await editor.getByTestId('device-target').fill(updateToken);
    await editor.getByTestId('device-save').click();
    expect(await editor.getByTestId('device-activityId-error').textContent()).toBe(
      'An update token belongs to one activity; enter its activity id (ActivityKit’s activity.id).',
    );
    await shot(editor, 'live-activity-device-editor.png');
    await page.keyboard.press('Escape');
    await editor.waitFor({ state: 'detached' });

    await addDevice('Delivery start', startToken, 'push-to-start');
    await addDevice('Order 1024', updateToken, 'update', 'act-1024');
    const rows = page.getByTestId('devices-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await page.getByTestId('device-kind-cell').allTextContents()).toEqual([
      'Push-to-start token DeliveryAttributes',
      'Update token DeliveryAttributes',
    ]);
    await page.getByTestId('devices-kind-filter').selectOption('update');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Order 1024');
    await shot(page, 'live-activity-devices.png');
    await page.getByTestId('devices-kind-filter').selectOption('');
    const saved = JSON.parse(readFileSync(join(app.dataDir, 'workspace', 'devices.json'), 'utf8')).devices;
    expect(saved.map((d: { kind: string; activityId?: string }) => [d.kind, d.activityId])).toEqual([
      ['push-to-start', undefined],
      ['update', 'act-1024'],
    ]);
  });

  it('in Compose, a start offers the push-to-start token, an update the update token, and a wrong kind is said in words', async () => {
    await page.keyboard.press('Control+1');
    await page.getByTestId('provider-apns').click();
    await editorInput(page).waitFor({ state: 'attached', timeout: 30_000 });
    // An ordinary push offers ordinary tokens only.
    expect(await offered()).toEqual(['No saved device tokens']);

    await pickTemplate(page, 'Live Activity: start');
    await expect
      .poll(offered)
      .toEqual([
        'Push-to-start tokens for DeliveryAttributes…',
        'Delivery start (sandbox · Push-to-start token · DeliveryAttributes)',
      ]);
    await page
      .getByTestId('target-device')
      .selectOption({ label: 'Delivery start (sandbox · Push-to-start token · DeliveryAttributes)' });
    expect(await page.getByTestId('target-input').inputValue()).toBe(startToken);
    // Preflight has seen this target (the missing token is gone), and has nothing to say of its kind.
    await expectIssue(page, 'apns.token.missing', false);
    await expectIssue(page, 'apns.liveactivity.target-kind', false);
    // The payload toolbar (with the Live Activity buttons) stays in its column: the size meter once ran under Send.
    const meter = (await page.getByTestId('size-meter').boundingBox())!;
    const editor = (await page.locator('.payload-editor').boundingBox())!;
    expect(meter.x + meter.width).toBeLessThanOrEqual(editor.x + editor.width + 1);
    await shot(page, 'live-activity-compose-start.png');

    // The update token typed in by hand for a start: preflight names the device and its kind.
    await page.getByTestId('target-input').fill(updateToken);
    await expectIssue(page, 'apns.liveactivity.target-kind');
    expect(await preflightIssue(page, 'apns.liveactivity.target-kind').textContent()).toContain(
      'A start needs a push-to-start token; Order 1024 is an update token',
    );

    await pickTemplate(page, 'Live Activity: update');
    await expect
      .poll(offered)
      .toEqual(['Update tokens and channels…', 'Order 1024 (sandbox · Update token · DeliveryAttributes)']);
    await page
      .getByTestId('target-device')
      .selectOption({ label: 'Order 1024 (sandbox · Update token · DeliveryAttributes)' });
    expect(await page.getByTestId('target-input').inputValue()).toBe(updateToken);
    // The start's finding about this same token is gone once preflight saw the update.
    await expectIssue(page, 'apns.liveactivity.target-kind', false);
    // The push-to-start token for an update is the wrong kind too.
    await page.getByTestId('target-input').fill(startToken);
    await expect
      .poll(() => preflightIssue(page, 'apns.liveactivity.target-kind').textContent(), { timeout: 10_000 })
      .toContain(
        'An update needs the activity’s update token or a broadcast channel; Delivery start is a push-to-start token',
      );
  });

  it('a rotated update token keeps its device: editing the token keeps its name and remembers the token before', async () => {
    await page.keyboard.press('Control+3');
    await page.getByTestId('devices').waitFor();
    await page.getByRole('button', { name: 'Order 1024' }).click();
    const editor = page.getByTestId('device-editor');
    expect(await editor.getByTestId('device-kind').inputValue()).toBe('update');
    expect(await editor.getByTestId('device-activity-id').inputValue()).toBe('act-1024');
    await editor.getByTestId('device-target').fill(rotatedToken);
    await editor.getByTestId('device-save').click();
    await editor.waitFor({ state: 'detached' });
    const saved = JSON.parse(readFileSync(join(app.dataDir, 'workspace', 'devices.json'), 'utf8')).devices;
    expect(saved).toHaveLength(2);
    expect(saved[1]).toMatchObject({ label: 'Order 1024', target: rotatedToken, previousTargets: [updateToken] });
  });
});
