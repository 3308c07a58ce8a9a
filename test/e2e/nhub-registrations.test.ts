import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { missingChromium, openSandboxedApp } from '../support/browser';
import type { ServedApp } from '../support/serve';
import { describeWithSystem } from '../support/system';
import { readLocalEnvironment } from '../../main/core/local/local-env';
import { adminCall } from '../../main/emulators/admin-client';

const SHOTS = process.env['PUSH_CONSOLE_SHOTS'];
const shot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};

// The sandbox's Notification Hubs credential sends to the local hub, so its Registrations view
// talks to the emulator's REST surface exactly as it would to a real namespace.
describeWithSystem('Registrations view of a Notification Hubs credential', missingChromium(), () => {
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

  it('lists the hub, adds an installation, finds it by id and deletes it', async () => {
    await page.keyboard.press('Control+2');
    const row = page.locator('[data-testid="credential-row"][data-kind="nhub"]');
    await row.getByTestId('cred-registrations').click();
    const view = page.getByTestId('registrations');
    await expect
      .poll(() => view.getByTestId('reg-count').textContent(), { timeout: 20_000 })
      .toMatch(/^\d+ registrations? shown/);
    expect(await view.getByTestId('reg-environment').textContent()).toBe('Local emulator');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await shot(page, 'list');

    // Add: a keyboard user's path through the form.
    await view.getByTestId('reg-add').click();
    const dialog = page.getByTestId('installation-dialog');
    await dialog.getByTestId('inst-id').fill('e2e-install');
    await dialog.getByTestId('inst-channel').fill('ab'.repeat(32));
    await dialog.getByTestId('inst-tags').fill('e2e, sports');
    await dialog.getByTestId('inst-add-template').click();
    const template = dialog.getByTestId('inst-template');
    await template.getByLabel('Name').fill('alert');
    await template.getByLabel('Body').fill('{"aps":{"alert":"$(message)"}}');
    await shot(page, 'add-dialog');
    await dialog.getByTestId('inst-save').click();
    await expect.poll(() => view.getByTestId('reg-notice').textContent()).toBe('Installation "e2e-install" saved.');
    // Listed at once, as the hub's registrations of it: its platform's and its template's.
    const mine = view.getByTestId('reg-row').filter({ hasText: 'e2e-install' });
    const cells = async () =>
      (await mine.evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent))))
        .map((cell) => [cell[1], cell[3], cell[4]])
        .sort();
    await expect.poll(cells).toEqual([
      ['apple', 'e2e, sports', 'alert'],
      ['apple', 'e2e, sports', '—'],
    ]);
    await shot(page, 'listed');

    // A bad tag is refused in words before anything is sent.
    await view.getByTestId('reg-open-id').fill('e2e-install');
    await view.getByTestId('reg-open').click();
    await expect.poll(() => dialog.getByTestId('inst-tags').inputValue()).toBe('e2e, sports');
    expect(await template.getByLabel('Body').inputValue()).toBe('{"aps":{"alert":"$(message)"}}');
    await dialog.getByTestId('inst-tags').fill('e2e, not a tag');
    await dialog.getByTestId('inst-save').click();
    await expect
      .poll(() => dialog.getByRole('alert').first().textContent())
      .toMatch(/Tag "not a tag" is not one the hub takes/);
    // Edit: PATCH of what changed.
    await dialog.getByTestId('inst-tags').fill('e2e, news');
    await dialog.getByTestId('inst-save').click();
    await expect
      .poll(() => view.getByTestId('reg-notice').textContent())
      .toBe('Installation "e2e-install" changed (2 patch operations).');
    await expect.poll(cells).toEqual([
      ['apple', 'e2e, news', 'alert'],
      ['apple', 'e2e, news', '—'],
    ]);

    // Delete, with a confirmation; then the hub no longer has it.
    await view.getByTestId('reg-open').click();
    await dialog.getByTestId('inst-delete').click();
    const confirm = page.getByTestId('reg-delete-dialog');
    await shot(page, 'delete-confirm');
    await confirm.getByTestId('reg-delete-confirm').click();
    await expect.poll(() => view.getByTestId('reg-notice').textContent()).toBe('Installation "e2e-install" deleted.');
    await expect.poll(() => mine.count()).toBe(0);
    await view.getByTestId('reg-open').click();
    await expect.poll(() => dialog.textContent()).toMatch(/No installation named "e2e-install" in hub ".+"\./);
    await shot(page, 'not-found');
    await page.keyboard.press('Escape');

    // Every call is an exchange on the Exchanges screen, like a send.
    await page.keyboard.press('Control+4');
    const exchanges = page.getByTestId('exchange-row');
    const calls = async () =>
      (await exchanges.allTextContents())
        .map(
          (text) =>
            /nhub(GET|PUT|PATCH|DELETE)https:\/\/[^/]+\/sandbox-hub\/installations\/e2e-install\?/.exec(text)?.[1],
        )
        .filter(Boolean)
        .reverse();
    await expect.poll(calls).toEqual(['PUT', 'GET', 'PATCH', 'GET', 'DELETE', 'GET']);
    await shot(page, 'exchanges');
    await page.keyboard.press('Control+2');
    await page.getByTestId('registrations').waitFor();

    // Back returns focus to the button that opened the view.
    await view.getByTestId('reg-back').click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('cred-registrations');
  });

  it('filters by tag and shows a registration in full', async () => {
    await page.locator('[data-kind="nhub"]').getByTestId('cred-registrations').click();
    const view = page.getByTestId('registrations');
    await expect.poll(() => view.getByTestId('reg-count').textContent(), { timeout: 20_000 }).toMatch(/shown/);
    const rows = view.getByTestId('reg-row');
    const total = await rows.count();
    expect(total).toBeGreaterThan(0);
    await rows.first().getByRole('button').click();
    const detail = view.getByTestId('reg-detail');
    const tags = (await detail.getByTestId('reg-detail-tags').locator('li').allTextContents()).filter(
      (tag) => !tag.startsWith('$'),
    );
    await shot(page, 'detail');
    if (tags.length > 0) {
      await view.getByTestId('reg-filter-by').selectOption('tag');
      await view.getByTestId('reg-filter-value').fill(tags[0]!);
      await view.getByTestId('reg-search').click();
      await expect
        .poll(async () => (await rows.count()) > 0 && (await view.getByTestId('reg-count').textContent()))
        .toMatch(/shown/);
      for (const text of await rows.locator('.reg-tags').allTextContents()) expect(text).toContain(tags[0]!);
    }
    await view.getByTestId('reg-filter-by').selectOption('tag');
    await view.getByTestId('reg-filter-value').fill('no-such-tag-anywhere');
    await view.getByTestId('reg-search').click();
    await expect.poll(() => view.getByTestId('reg-count').textContent()).toBe('0 registrations shown.');
    expect(await view.getByTestId('reg-empty').isVisible()).toBe(true);
  });

  it('pages through more registrations than one page holds, with the count shown', async () => {
    const environment = (await readLocalEnvironment(app.dataDir))!;
    for (let i = 0; i < 30; i++) {
      await adminCall(environment, 'nhub', 'POST', '/__admin/devices', {
        hub: 'sandbox-hub',
        platform: 'fcmv1',
        tags: ['paging'],
      });
    }
    const view = page.getByTestId('registrations');
    await view.getByTestId('reg-filter-by').selectOption('tag');
    await view.getByTestId('reg-filter-value').fill('paging');
    await view.getByTestId('reg-search').click();
    const count = view.getByTestId('reg-count');
    await expect.poll(() => count.textContent()).toBe('25 registrations shown; the hub has more.');
    await view.getByTestId('reg-more').click();
    await expect.poll(() => count.textContent()).toBe('30 registrations shown.');
    // Focus lands on the first row the page brought, not on the page.
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('tr')?.rowIndex ?? -1)).toBe(26);
    expect(await view.getByTestId('reg-row').count()).toBe(30);
    expect(await view.getByTestId('reg-more').count()).toBe(0);
    await shot(page, 'paged');
  });

  it("the command palette opens a hub's registrations from the Credentials screen", async () => {
    await page.getByTestId('reg-back').click();
    await page.getByTestId('credentials').waitFor();
    await page.keyboard.press('Control+K');
    const palette = page.getByTestId('command-palette');
    await palette.waitFor();
    await page.keyboard.type('registrations of');
    const labels = () => palette.getByTestId('palette-item').locator('.palette-label').allTextContents();
    await expect.poll(labels).toEqual(['Show registrations of Sandbox Notification Hub']);
    await shot(page, 'palette');
    await page.keyboard.press('Enter');
    await palette.waitFor({ state: 'hidden' });
    const view = page.getByTestId('registrations');
    await expect.poll(() => view.getByTestId('reg-count').textContent(), { timeout: 20_000 }).toMatch(/shown/);
    // A Credentials screen action: gone with the screen.
    await page.keyboard.press('Control+1');
    await page.keyboard.press('Control+K');
    await page.keyboard.type('registrations of');
    await expect.poll(labels).toEqual([]);
    await page.keyboard.press('Escape');
  });
});
