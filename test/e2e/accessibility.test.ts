import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { audit, countByRule, describeFindings } from '../support/axe';
import { launchChromium, missingChromium } from '../support/browser';
import { editorInput, pickTemplate, setUpSandbox } from '../support/compose-page';
import { graphicContrasts } from '../support/contrast';
import { ROOT, SERVE_COMMAND, startServed, type ServedApp } from '../support/serve';
import { describeWithSystem } from '../support/system';

const THEMES = ['light', 'dark'] as const;

// Issue 30: every screen, state and dialog passes axe-core's WCAG 2.0/2.1/2.2 A and AA rules
// (plus one h1 per screen) in both themes, walked in one browser against one served app.
describeWithSystem('accessibility (axe-core, WCAG 2.2 AA) on every screen and dialog', missingChromium(), () => {
  // The walk's own folder: the last step restarts on it with no keychain, as a user would.
  const dataDir = mkdtempSync(join(tmpdir(), 'pc-e2e-a11y-'));
  let app: ServedApp | undefined;
  let browser: Browser;
  let page: Page;
  const counts: Record<string, Record<string, number>> = {};

  const serve = async (command = SERVE_COMMAND, env: Record<string, string | undefined> = {}) => {
    app = await startServed(command, env, { dataDir });
    await page.goto(app.url);
    await page.getByTestId('app-frame').waitFor();
  };

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('dialog', (dialog) => void dialog.accept());
    await serve();
  });

  afterAll(async () => {
    const lines = Object.entries(counts).map(([state, rules]) => `  ${state}: ${JSON.stringify(rules)}`);
    if (lines.length > 0) console.log(`axe findings by state (elements per rule):\n${lines.join('\n')}`);
    await browser?.close();
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Audits what is on screen now in each theme; every finding fails (softly: the walk goes on), with where it is. */
  async function expectAccessible(state: string): Promise<void> {
    const report: string[] = [];
    for (const theme of THEMES) {
      await page.emulateMedia({ colorScheme: theme });
      const findings = await audit(page);
      counts[`${state} (${theme})`] = countByRule(findings);
      if (findings.length > 0) report.push(`${theme}:\n${describeFindings(findings)}`);
    }
    expect.soft(report.join('\n'), `${state}: axe violations`).toBe('');
  }

  /** WCAG 1.4.11: each drawn part matching `selector` has 3:1 against what it is drawn on, in both themes. */
  async function expectGraphicsContrast(state: string, selector: string): Promise<void> {
    for (const theme of THEMES) {
      await page.emulateMedia({ colorScheme: theme });
      const shapes = await graphicContrasts(page, selector);
      expect(shapes.length, `${state}: ${selector} drawn`).toBeGreaterThan(0);
      const low = shapes
        .filter((shape) => shape.ratio < 3)
        .map((s) => `${s.element} ${s.fill} on ${s.background}: ${s.ratio.toFixed(2)}`);
      counts[`${state} (${theme})`] = { 'non-text-contrast': low.length };
      expect.soft(low, `${state} (${theme}): graphics below 3:1`).toEqual([]);
    }
  }

  async function go(key: string, testId: string): Promise<void> {
    await page.keyboard.press(`Control+${key}`);
    await page.getByTestId(testId).waitFor();
  }

  /** Opens a dialog with a click, audits it, closes it with Escape. */
  async function auditDialog(state: string, opener: Locator, dialogTestId: string): Promise<void> {
    await opener.click();
    await page.getByTestId(dialogTestId).waitFor();
    await expectAccessible(state);
    await page.keyboard.press('Escape');
    await page.getByTestId(dialogTestId).waitFor({ state: 'hidden' });
  }

  /**
   * Opens a dialog from the keyboard, Tabs round it more times than it has controls (focus never
   * leaves it), closes it with Escape, and expects focus back on the control that opened it.
   */
  async function expectFocusTrappedAndReturned(opener: Locator, dialogTestId: string): Promise<void> {
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId(dialogTestId);
    await dialog.waitFor();
    const controls = await dialog.locator('button, input, select, textarea').count();
    for (let press = 0; press < controls + 2; press++) {
      await page.keyboard.press('Tab');
      const inside = await dialog.evaluate((element) => element.contains(document.activeElement));
      expect(inside, `${dialogTestId}: focus after Tab ${press + 1}`).toBe(true);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    // The dialog hides at once but its close event (which unmounts it and returns focus) is a task later.
    await expect
      .poll(() => opener.evaluate((element) => element === document.activeElement), {
        message: `${dialogTestId}: focus back`,
        timeout: 2_000,
      })
      .toBe(true);
  }

  /** Every text the app's live region took on since `recordAnnouncements`, with when. */
  async function recordAnnouncements(): Promise<void> {
    await page.getByTestId('live-region').evaluate((region) => {
      const log: Array<{ at: number; text: string }> = [];
      (window as unknown as { announcements: typeof log }).announcements = log;
      new MutationObserver(() => log.push({ at: performance.now(), text: region.textContent ?? '' })).observe(region, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
  }
  const announcements = () =>
    page.evaluate(() => (window as unknown as { announcements: Array<{ at: number; text: string }> }).announcements);

  it('empty states: each screen of a fresh workspace', async () => {
    const screens: Array<[key: string, testId: string, name: string, shown: () => Locator]> = [
      ['1', 'compose', 'Compose', () => page.getByTestId('profile-select')],
      ['2', 'credentials', 'Credentials', () => page.getByText('No credentials yet')],
      ['3', 'devices', 'Devices', () => page.getByText('No devices yet')],
      ['4', 'exchanges', 'Exchanges', () => page.getByTestId('exchanges-empty')],
      ['5', 'history', 'History', () => page.getByTestId('history-empty')],
      ['6', 'emulators', 'Emulators', () => page.getByTestId('emulators-status').getByText('Stopped')],
      ['7', 'bulk-screen', 'Bulk', () => page.getByTestId('bulk-pick-hint')],
      ['8', 'doctor', 'Doctor', () => page.getByTestId('doctor-empty')],
      ['9', 'collections', 'Collections', () => page.getByTestId('collections-empty')],
    ];
    for (const [key, testId, name, shown] of screens) {
      await go(key, testId);
      await shown().waitFor();
      await expectAccessible(`${name}, empty`);
    }
  });

  it('dialogs and an error state on an empty workspace', async () => {
    await go('2', 'credentials');
    await page.getByTestId('cred-import').click();
    await page.getByTestId('cred-import-submit').click();
    await page.getByTestId('cred-import-error').waitFor();
    await expectAccessible('Credentials, import dialog with an error');
    await page.keyboard.press('Escape');
    await auditDialog('Credentials, VAPID dialog', page.getByTestId('cred-generate-vapid'), 'credential-vapid');
    await go('3', 'devices');
    await auditDialog('Devices, device editor', page.getByTestId('device-add'), 'device-editor');
    await expectFocusTrappedAndReturned(page.getByTestId('device-add'), 'device-editor');
    // A Live Activity update token brings its attributes type and activity id, each said when missing.
    await page.getByTestId('device-add').click();
    await page.getByTestId('device-kind').selectOption('update');
    await page.getByTestId('device-save').click();
    await page.getByTestId('device-attributesType-error').waitFor();
    await expectAccessible('Devices, device editor, an update token with an error');
    await page.keyboard.press('Escape');
    await page.getByTestId('device-editor').waitFor({ state: 'hidden' });
    await go('1', 'compose');
    await auditDialog('Compose, profile editor', page.getByTestId('profile-new'), 'profile-editor');
    await expectFocusTrappedAndReturned(page.getByTestId('profile-new'), 'profile-editor');
    await page.keyboard.press('Control+/');
    await page.getByTestId('shortcuts').waitFor();
    await expectAccessible('Shortcuts dialog');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+K');
    await page.getByTestId('command-palette').waitFor();
    await page.keyboard.type('go to');
    await expectAccessible('Command palette, filtered');
    await page.keyboard.press('Escape');
    await page.getByTestId('command-palette').waitFor({ state: 'hidden' });
    await expectFocusTrappedAndReturned(page.getByTestId('status-commands'), 'command-palette');
    await auditDialog('About dialog', page.getByTestId('status-version'), 'about');
    await expectFocusTrappedAndReturned(page.getByTestId('status-version'), 'about');
  });

  it('Emulators running after Try it locally, with a fault rule and an inbox', async () => {
    await setUpSandbox(page);
    await page.getByTestId('emulator-tab-apns').click();
    const form = page.getByTestId('fault-form');
    await form.getByTestId('fault-kind').selectOption('delay');
    await form.getByLabel('Delay ms').fill('150');
    await form.getByTestId('fault-add').click();
    await expect.poll(() => page.locator('.fault-list li').count()).toBe(1);
    await expectAccessible('Emulators, running');
    const emulated = page.getByTestId('emulated-devices');
    await emulated.getByTestId('emulated-count').fill('3');
    await emulated.getByTestId('emulated-add').click();
    await emulated.getByTestId('emulated-done').waitFor({ timeout: 20_000 });
    await expectAccessible('Emulators, emulated devices added');
  });

  it('Compose: an accepted and a rejected send, and the inbox that got it', async () => {
    await go('1', 'compose');
    await page.getByTestId('provider-fcm').click();
    await expect.poll(() => page.getByTestId('send').isEnabled(), { timeout: 15_000 }).toBe(true);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('result-outcome').textContent(), { timeout: 30_000 }).toBe('accepted');
    expect(await page.getByTestId('live-region').textContent()).toBe('Send accepted: 200.');
    await expectAccessible('Compose, accepted send');
    await page.getByTestId('target-input').fill('not-a-registered-fcm-token-' + 'x'.repeat(140));
    await expect.poll(() => page.getByTestId('send').isEnabled(), { timeout: 15_000 }).toBe(true);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('result-outcome').textContent(), { timeout: 30_000 }).toBe('rejected');
    expect(await page.getByTestId('live-region').textContent()).toMatch(/^Send rejected: 4\d\d \w+\.$/);
    await expectAccessible('Compose, rejected send');
    await page.getByTestId('provider-webpush').click();
    await expect.poll(() => page.getByTestId('send').isEnabled(), { timeout: 15_000 }).toBe(true);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('result-outcome').textContent(), { timeout: 30_000 }).toBe('accepted');
    // A Declarative Web Push message: its preview here, its inbox entry below.
    await pickTemplate(page, 'Declarative Web Push');
    await page.getByTestId('preview-navigate').waitFor();
    await expect.poll(() => page.getByTestId('send').isEnabled(), { timeout: 15_000 }).toBe(true);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('result-outcome').textContent(), { timeout: 30_000 }).toBe('accepted');
    await expectAccessible('Compose, a Declarative Web Push preview');
    // Over the APNs limit: the send-anyway dialog, then the result sent against preflight.
    await page.getByTestId('provider-apns').click();
    await editorInput(page).waitFor({ state: 'attached', timeout: 30_000 });
    await editorInput(page).focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(`{"aps":{"alert":"${'x'.repeat(4200)}"}}`);
    await auditDialog('Compose, send anyway dialog', page.getByTestId('send-anyway'), 'send-anyway-dialog');
    await expectFocusTrappedAndReturned(page.getByTestId('send-anyway'), 'send-anyway-dialog');
    await page.getByTestId('send-anyway').click();
    await page.getByTestId('send-anyway-confirm').click();
    await page.getByTestId('result-against-preflight').waitFor({ timeout: 30_000 });
    await expectAccessible('Compose, sent against preflight');
    // A Live Activity push offers its content-state contract dialog.
    await pickTemplate(page, 'Live Activity: update');
    await auditDialog('Compose, content-state contract dialog', page.getByTestId('contract-open'), 'contract-dialog');
    await expectFocusTrappedAndReturned(page.getByTestId('contract-open'), 'contract-dialog');
    // Back to a payload that fits: the bulk send below sends the APNs draft.
    await pickTemplate(page, 'Alert');
    await expect.poll(() => page.getByTestId('send').isEnabled(), { timeout: 15_000 }).toBe(true);
    await go('6', 'emulators');
    await page.getByTestId('emulator-tab-fcm').click();
    await page.getByTestId('inbox-item').first().waitFor();
    await expectAccessible('Emulators, an inbox');
    await page.getByTestId('emulator-tab-webpush').click();
    await page.getByTestId('inbox-link').first().waitFor();
    await expectAccessible('Emulators, a Declarative Web Push in the inbox');
  });

  it('Credentials with the sandbox credentials, a test result and each row dialog', async () => {
    await go('2', 'credentials');
    const row = page.getByTestId('credential-row').first();
    await row.getByTestId('cred-test').click();
    await row.getByTestId('cred-test-result').filter({ hasText: /[✓✗]/ }).waitFor({ timeout: 20_000 });
    await expectAccessible('Credentials, listed');
    await auditDialog('Credentials, rename dialog', row.getByTestId('cred-rename'), 'credential-rename');
    await auditDialog('Credentials, replace dialog', row.getByTestId('cred-replace'), 'credential-import');
    await auditDialog('Credentials, delete dialog', row.getByTestId('cred-delete'), 'credential-delete');
    await expectFocusTrappedAndReturned(row.getByTestId('cred-rename'), 'credential-rename');
    await expectFocusTrappedAndReturned(page.getByTestId('cred-import'), 'credential-import');
  });

  it('Registrations of the sandbox hub: listed, one selected, the installation and delete dialogs', async () => {
    await go('2', 'credentials');
    await page.locator('[data-kind="nhub"]').getByTestId('cred-registrations').click();
    const view = page.getByTestId('registrations');
    await view.getByTestId('reg-row').first().waitFor({ timeout: 20_000 });
    await view.getByTestId('reg-row').first().getByRole('button').click();
    await view.getByTestId('reg-detail').waitFor();
    await expectAccessible('Registrations, listed with one selected');
    await auditDialog('Registrations, add installation dialog', view.getByTestId('reg-add'), 'installation-dialog');
    await auditDialog(
      'Registrations, delete registration dialog',
      view.getByTestId('reg-delete-registration'),
      'reg-delete-dialog',
    );
    await expectFocusTrappedAndReturned(view.getByTestId('reg-add'), 'installation-dialog');
    await view.getByTestId('reg-back').click();
  });

  it('Broadcast channels of the sandbox key: listed, and the broadcast and delete dialogs', async () => {
    await go('2', 'credentials');
    await page.locator('[data-kind="apns-token"]').getByTestId('cred-channels').click();
    const view = page.getByTestId('channels');
    await view.getByTestId('channels-create').waitFor({ timeout: 20_000 });
    await view.getByTestId('channels-create').click();
    await view.getByTestId('channel-row').first().waitFor();
    await expectAccessible('Channels, listed');
    await auditDialog('Channels, broadcast dialog', view.getByTestId('channel-broadcast'), 'channel-broadcast-dialog');
    await auditDialog('Channels, delete dialog', view.getByTestId('channel-delete'), 'channel-delete-dialog');
    await expectFocusTrappedAndReturned(view.getByTestId('channel-broadcast'), 'channel-broadcast-dialog');
    await view.getByTestId('channels-back').click();
  });

  it('Devices: listed, one selected, and a running bulk send', async () => {
    await go('3', 'devices');
    await page.getByTestId('devices-table').waitFor();
    await expectAccessible('Devices, listed');
    const csv = `label,provider,environment,target\nGood,apns,sandbox,${'ab'.repeat(32)}\nBad,apns,sandbox,xyz\n`;
    await page
      .getByTestId('devices-import-file')
      .setInputFiles({ name: 'two.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('import-report').waitFor();
    await expectAccessible('Devices, import report dialog');
    await page.getByTestId('import-nothing').click();
    await page.getByTestId('bulk-paste').click();
    const panel = page.getByTestId('bulk-panel');
    await panel.getByTestId('bulk-provider').selectOption('apns');
    const tokens = Array.from({ length: 120 }, (_, i) => (0xa000 + i).toString(16).padStart(64, '0'));
    await panel.getByTestId('bulk-targets').fill(tokens.join('\n'));
    await panel.getByLabel('Concurrency').fill('1');
    await expect.poll(() => panel.getByTestId('bulk-profile').inputValue()).not.toBe('');
    await recordAnnouncements();
    await panel.getByTestId('bulk-start').click();
    await expect.poll(() => panel.getByTestId('bulk-state').textContent(), { timeout: 10_000 }).toBe('running');
    await expectAccessible('Devices, bulk send running');
    const bulkSaid = async () => (await announcements()).filter((said) => said.text.startsWith('Bulk send'));
    await expect.poll(async () => (await bulkSaid()).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => panel.getByTestId('bulk-state').textContent(), { timeout: 20_000 }).toBe('cancelled');
    // Progress is spoken, but never more than once a second, and the run's end is said last.
    await expect
      .poll(async () => (await bulkSaid()).at(-1)?.text, { timeout: 5_000 })
      .toMatch(/^Bulk send cancelled: /);
    const said = await bulkSaid();
    for (let i = 1; i < said.length; i++) expect(said[i]!.at - said[i - 1]!.at).toBeGreaterThan(950);
    await expectAccessible('Devices, bulk send results');
    // The Bulk screen shows the same run, with its devices list and the pasted-list form.
    await go('7', 'bulk-screen');
    await page.getByTestId('bulk-source-devices').check();
    await page.getByTestId('bulk-device-list').waitFor();
    await expectAccessible('Bulk, devices and the last run');
    await page.getByTestId('bulk-source-paste').check();
    await expectAccessible('Bulk, pasted list and the last run');
    await go('3', 'devices');
  });

  it('Exchanges: target names, list timeline, search help and errors, no match, waterfall, TLS chain, copy toast, divider, Web Push plaintext', async () => {
    await go('4', 'exchanges');
    await page.getByTestId('exchange-row').first().waitFor();
    expect(await page.getByTestId('row-target-name').count(), 'device names in the list').toBeGreaterThan(0);
    await page.getByTestId('list-timeline-toggle').click();
    const summary = page.getByTestId('list-timeline-summary');
    await summary.waitFor();
    await expectAccessible('Exchanges, list timeline');
    // Failures are drawn in their own colour and pattern, and counted in words beside the strip.
    const failed = await page
      .getByTestId('list-timeline-column')
      .evaluateAll((columns) => columns.reduce((sum, column) => sum + Number(column.dataset['failed']), 0));
    expect(failed).toBeGreaterThan(0);
    expect(await summary.textContent()).toContain(`; ${failed} failed`);
    expect
      .soft(
        await page
          .locator('.list-timeline-failed')
          .first()
          .evaluate((bar) => getComputedStyle(bar).backgroundImage),
      )
      .not.toBe('none');
    await expectGraphicsContrast('Exchanges, list timeline bars', '.list-timeline-ok, .list-timeline-failed');
    await page.getByTestId('list-timeline-toggle').click();

    const search = page.getByTestId('filter-text');
    await search.fill('status:often');
    await page.getByTestId('query-errors').waitFor();
    await page.getByTestId('query-help-toggle').click();
    await page.getByTestId('query-help').waitFor();
    await expectAccessible('Exchanges, search syntax help and a query error');
    await page.getByTestId('query-help-toggle').click();
    await search.fill('"no exchange holds this phrase"');
    await page.getByTestId('exchanges-no-match').waitFor();
    await expectAccessible('Exchanges, no match');

    const open = async (query: string, tab: string) => {
      await search.fill(query);
      await expect.poll(() => page.getByTestId('exchange-row').count()).toBeGreaterThan(0);
      await page.getByTestId('exchange-row').first().click();
      await page.getByTestId(`tab-${tab}`).click();
    };
    await open('provider:apns', 'timeline');
    const bar = page.locator('[data-testid=waterfall] [role=img]');
    await bar.waitFor();
    await expectGraphicsContrast('Exchanges, waterfall bar', '.waterfall-segment');
    // The legend draws every phase, measured or not, on the same --bg as the bar: this covers them all.
    await expectGraphicsContrast('Exchanges, waterfall legend', '.waterfall-swatch[class*=phase-]');
    // Each drawn phase is also named with its time, in the bar's text and in the legend.
    const drawn = await page
      .locator('.waterfall-segment')
      .evaluateAll((spans) => spans.map((span) => (span as HTMLElement).title));
    const label = (await bar.getAttribute('aria-label')) ?? '';
    for (const title of drawn) expect(label).toContain(title.replace(': ', ' '));
    await page.getByTestId('tab-tls').click();
    await page.getByTestId('tls-chain-entry').first().waitFor();
    await expectAccessible('Exchanges, TLS certificate chain');
    await page.getByTestId('tab-request').click();
    await page.getByTestId('copy-value').first().click();
    await page.getByTestId('exchanges-notice').waitFor();
    await expectAccessible('Exchanges, copy toast');
    const divider = page.getByTestId('split-divider');
    await divider.focus();
    await expectAccessible('Exchanges, split divider focused');
    // Its value is the list's width in pixels, within the range it says (not ARIA's default 0–100).
    const range = await divider.evaluate((d) =>
      ['aria-valuemin', 'aria-valuenow', 'aria-valuemax'].map((name) => Number(d.getAttribute(name))),
    );
    expect(range[0]! <= range[1]! && range[1]! <= range[2]! && range[2]! > 100, `range ${range.join('–')}`).toBe(true);
    expect(await divider.getAttribute('aria-valuetext')).toBe(`List ${range[1]} pixels wide`);
    await expectGraphicsContrast('Exchanges, split divider grip', '.split-pane-grip');
    await open('provider:webpush', 'decoded');
    await page.getByTestId('webpush-plaintext-text').waitFor();
    await expectAccessible('Exchanges, Web Push plaintext (decoded)');
    await search.fill('');
  });

  it('Exchanges: listed, one open, the secrets confirmation and a comparison', async () => {
    await go('4', 'exchanges');
    await page.getByTestId('exchange-row').first().waitFor();
    await expectAccessible('Exchanges, listed');
    await page.getByTestId('exchange-row').first().click();
    await page.getByTestId('exchange-detail').waitFor();
    await expectAccessible('Exchanges, one open (timeline)');
    await page.getByTestId('tab-decoded').click();
    await expectAccessible('Exchanges, one open (decoded)');
    await page.getByTestId('copy-curl-secrets').click();
    await page.getByTestId('curl-secrets-confirm').waitFor();
    await expectAccessible('Exchanges, secrets confirmation');
    await page.getByTestId('curl-secrets-cancel').click();
    await expectFocusTrappedAndReturned(page.getByTestId('copy-curl-secrets'), 'curl-secrets-confirm');
    const checks = page.getByTestId('exchange-check');
    await checks.nth(0).check();
    await checks.nth(1).check();
    await page.getByTestId('compare').click();
    await page.getByTestId('compare-view').waitFor();
    await expectAccessible('Exchanges, comparison');
    // A changed header says so in a sign and a word, not only in the row's tint.
    const marks = await page
      .locator('[data-testid=compare-header-row]:not([data-change=same]) [data-testid=compare-mark]')
      .evaluateAll((cells) => cells.map((cell) => [cell.parentElement!.dataset['change'], cell.textContent]));
    expect(marks.length).toBeGreaterThan(0);
    for (const [change, text] of marks) expect(text).toMatch(new RegExp(`^[≠+−]${change}$`));
  });

  it('History: listed and one send open', async () => {
    await go('5', 'history');
    await page.getByTestId('history-item').first().waitFor();
    await expectAccessible('History, listed');
    await page.getByTestId('history-item').first().click();
    await page.getByTestId('history-detail').waitFor();
    await expectAccessible('History, one open');
    expect(await page.getByTestId('history-list').getByTestId('target-name').count()).toBeGreaterThan(0);
    await page.getByTestId('history-export-har').click();
    await page.getByTestId('history-notice').waitFor();
    await expectAccessible('History, HAR exported');
  });

  it('after a restart with no keychain: the banner, its memory offer taken, and credentials whose secret is gone', async () => {
    await app!.stop();
    // No Secret Service at all (no D-Bus session), and no --ephemeral-secrets: the banner's case.
    await serve([join(ROOT, 'bin', 'push-console.mjs'), 'serve'], { DBUS_SESSION_BUS_ADDRESS: undefined });
    const banner = page.getByTestId('keychain-banner');
    await go('2', 'credentials');
    await page.getByTestId('keep-secrets-in-memory').waitFor();
    await expectAccessible('No keychain banner, Credentials');
    await page.getByTestId('keep-secrets-in-memory').click();
    await expect.poll(() => banner.textContent()).toContain('Secrets are kept in memory for this run');
    // The list reloads by itself once secrets are kept in memory: no need to leave the screen.
    await expect.poll(() => page.getByTestId('cred-secret-missing').count()).toBeGreaterThan(0);
    await expectAccessible('Memory banner, Credentials with secrets missing');
  });
});
