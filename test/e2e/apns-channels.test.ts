import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readLocalEnvironment } from '../../main/core/local/local-env';
import { adminCall } from '../../main/emulators/admin-client';
import { missingChromium, openSandboxedApp } from '../support/browser';
import type { ServedApp } from '../support/serve';
import { shot } from '../support/shots';
import { describeWithSystem } from '../support/system';

const BUNDLE = 'dev.pushconsole.sandbox';
/** An exchange row's method and path on the channel host or the broadcast path. */
const CALL = new RegExp(
  `(GET|POST|DELETE)https://[^/]+/(1/apps/${BUNDLE.replaceAll('.', '\\.')}/(?:all-channels|channels)|4/broadcasts/apps/${BUNDLE.replaceAll('.', '\\.')})`,
);

// The sandbox's APNs key sends to the local emulator, so its Channels view talks to the
// emulator's channel management host exactly as it would to Apple's.
describeWithSystem('Channels view of an APNs credential', missingChromium(), () => {
  let app: ServedApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ app, browser, page } = await openSandboxedApp({ viewport: { width: 1400, height: 900 } }));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('creates a channel, broadcasts to two emulated activities (both in the inbox) and deletes it', async () => {
    await page.keyboard.press('Control+2');
    await page.locator('[data-testid="credential-row"][data-kind="apns-token"]').getByTestId('cred-channels').click();
    const view = page.getByTestId('channels');
    const count = view.getByTestId('channels-count');
    await expect
      .poll(() => count.textContent(), { timeout: 20_000 })
      .toBe(`0 / 10,000 channels in this environment for ${BUNDLE}.`);
    expect(await view.getByTestId('channels-env-badge').textContent()).toBe('Local emulator');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await shot(page, 'channels-empty.png');

    // Create: no message stored.
    await view.getByTestId('channels-policy-0').check();
    await view.getByTestId('channels-create').click();
    await expect.poll(() => count.textContent()).toBe(`1 / 10,000 channels in this environment for ${BUNDLE}.`);
    const row = view.getByTestId('channel-row');
    const channelId = (await row.getAttribute('data-channel-id'))!;
    expect(await view.getByTestId('channels-notice').textContent()).toBe(`Channel ${channelId} created.`);
    expect(await row.locator('td').nth(1).textContent()).toBe('No message stored');

    // Two Live Activities on emulated devices subscribe to it, as apps do with pushType: .channel(id).
    const environment = (await readLocalEnvironment(app.dataDir))!;
    const activities = [];
    for (const label of ['Match A', 'Match B']) {
      activities.push(
        await adminCall<{ token: string }>(environment, 'apns', 'POST', '/__admin/activities', {
          bundleId: BUNDLE,
          label,
          channelIds: [channelId],
        }),
      );
    }
    await adminCall(environment, 'apns', 'DELETE', '/__admin/inbox');

    await row.getByTestId('channel-broadcast').click();
    const dialog = page.getByTestId('channel-broadcast-dialog');
    await dialog
      .getByTestId('channel-broadcast-payload')
      .fill(JSON.stringify({ aps: { timestamp: 1_700_000_000, event: 'update', 'content-state': { score: '2-1' } } }));
    expect(await dialog.getByTestId('channel-broadcast-expiration').inputValue()).toBe('0');
    await shot(page, 'channels-broadcast.png');
    await dialog.getByTestId('channel-broadcast-send').click();
    await expect
      .poll(() => dialog.getByTestId('channel-broadcast-result').textContent(), { timeout: 20_000 })
      .toMatch(/^Accepted \(200\); request id [0-9a-f-]{36}\.$/);
    // A storing time on a channel that stores nothing: APNs's reason, in words.
    await dialog.getByTestId('channel-broadcast-expiration').fill(String(Math.floor(Date.now() / 1000) + 600));
    await dialog.getByTestId('channel-broadcast-send').click();
    await expect
      .poll(() => dialog.getByTestId('channel-broadcast-result').textContent())
      .toContain('400 BadExpirationDate: The apns-expiration is not allowed for this channel');
    await page.keyboard.press('Escape');

    // Both activities got the one broadcast that was accepted.
    await page.keyboard.press('Control+6');
    await page.getByTestId('emulator-tab-apns').click();
    const items = page.getByTestId('inbox-item');
    await expect.poll(() => items.count(), { timeout: 20_000 }).toBe(2);
    const notes = await items.getByTestId('inbox-rendered').allTextContents();
    expect(notes).toEqual([
      `Live Activity update, broadcast on channel ${channelId}`,
      `Live Activity update, broadcast on channel ${channelId}`,
    ]);
    const delivered = await adminCall<{ device: string }[]>(environment, 'apns', 'GET', '/__admin/inbox');
    expect(delivered.map((d) => d.device).sort()).toEqual(activities.map((a) => a.token).sort());
    await shot(page, 'channels-inbox.png');

    // Kept as a device, so Compose and Bulk can pick it; a second save leaves the first as it is.
    await page.keyboard.press('Control+2');
    const label = `Broadcast channel ${channelId.slice(0, 8)}`;
    await view.getByTestId('channel-save-device').click();
    const saveDialog = page.getByTestId('channel-save-dialog');
    expect(await saveDialog.getByTestId('channel-save-label').inputValue()).toBe(label);
    // Its activities' attributes type is asked for, as the device editor does.
    await saveDialog.getByTestId('channel-save-confirm').click();
    await expect
      .poll(() => saveDialog.getByTestId('channel-save-error').textContent())
      .toMatch(/belong to one ActivityAttributes type; enter its Swift name/);
    await saveDialog.getByTestId('channel-save-attributes').fill('MatchAttributes');
    await shot(page, 'channels-save-device.png');
    await saveDialog.getByTestId('channel-save-confirm').click();
    await expect
      .poll(() => view.getByTestId('channels-notice').textContent())
      .toBe(`Saved channel ${channelId} to Devices as “${label}”: pick it in Compose to broadcast.`);
    await view.getByTestId('channel-save-device').click();
    await saveDialog.getByTestId('channel-save-attributes').fill('MatchAttributes');
    await saveDialog.getByTestId('channel-save-confirm').click();
    await expect
      .poll(() => view.getByTestId('channels-notice').textContent())
      .toBe(`Channel ${channelId} is already in Devices as “${label}”.`);
    await page.keyboard.press('Control+3');
    const saved = page.getByTestId('devices-table').locator('tr', { hasText: channelId });
    await expect
      .poll(() => saved.getByTestId('device-kind-cell').textContent())
      .toBe('Broadcast channel MatchAttributes');
    expect(await saved.locator('td').nth(1).textContent()).toBe(label);
    await shot(page, 'channels-saved-device.png');

    // Delete, after asking.
    await page.keyboard.press('Control+2');
    await view.getByTestId('channel-delete').click();
    const confirm = page.getByTestId('channel-delete-dialog');
    await shot(page, 'channels-delete.png');
    await confirm.getByTestId('channel-delete-confirm').click();
    await expect.poll(() => view.getByTestId('channels-notice').textContent()).toBe(`Channel ${channelId} deleted.`);
    await expect.poll(() => view.getByTestId('channel-row').count()).toBe(0);
    await view.getByTestId('channels-list').click();
    await expect.poll(() => count.textContent()).toBe(`0 / 10,000 channels in this environment for ${BUNDLE}.`);

    // Every call is an exchange on the Exchanges screen.
    await page.keyboard.press('Control+4');
    const calls = async () =>
      (await page.getByTestId('exchange-row').allTextContents())
        .map((text) => CALL.exec(text))
        .filter((match) => match !== null)
        .map((match) => `${match[1]} ${match[2]}`)
        .reverse();
    await expect
      .poll(calls)
      .toEqual([
        `GET 1/apps/${BUNDLE}/all-channels`,
        `POST 1/apps/${BUNDLE}/channels`,
        `GET 1/apps/${BUNDLE}/all-channels`,
        `POST 4/broadcasts/apps/${BUNDLE}`,
        `POST 4/broadcasts/apps/${BUNDLE}`,
        `DELETE 1/apps/${BUNDLE}/channels`,
        `GET 1/apps/${BUNDLE}/all-channels`,
      ]);
    await page.keyboard.press('Control+2');
    await view.getByTestId('channels-back').click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('cred-channels');
  });

  it("the command palette opens a key's channels from the Credentials screen", async () => {
    await page.keyboard.press('Control+K');
    const palette = page.getByTestId('command-palette');
    await palette.waitFor();
    await page.keyboard.type('broadcast channels of');
    const labels = () => palette.getByTestId('palette-item').locator('.palette-label').allTextContents();
    await expect.poll(labels).toEqual(['Show broadcast channels of Sandbox APNs key']);
    await page.keyboard.press('Enter');
    await palette.waitFor({ state: 'hidden' });
    await expect
      .poll(() => page.getByTestId('channels-count').textContent(), { timeout: 20_000 })
      .toMatch(/^0 \/ 10,000 channels/);
    await page.getByTestId('channels-back').click();
  });
});
