import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, missingChromium } from '../support/browser';
import { hasElectronBinary, ROOT, startServed, type ServedApp } from '../support/serve';
import { describeWithSystem } from '../support/system';

// No Secret Service at all: no D-Bus session address, as on WSL, a minimal Linux or a container.
const NO_SECRET_SERVICE = { DBUS_SESSION_BUS_ADDRESS: undefined };
const START = join(ROOT, 'scripts', 'start.mjs');
const START_LINE =
  "No keychain reachable: secrets can't be saved. Run with --ephemeral-secrets to keep them in memory for this run.";

async function open(browser: Browser, app: ServedApp): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(app.url);
  await page.getByTestId('status-keychain').waitFor();
  return page;
}

describeWithSystem('first push with no keychain', missingChromium(), () => {
  let browser: Browser;
  const apps: ServedApp[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    for (const app of apps) await app.stop();
  });

  it('says so in one line and in words, and one click keeps secrets in memory so a first push goes out', async () => {
    const app = await startServed([join(ROOT, 'bin', 'push-console.mjs'), 'serve'], NO_SECRET_SERVICE);
    apps.push(app);
    const lines = app.output().split('\n');
    expect(lines.filter((line) => line.includes('keychain'))).toEqual([START_LINE]);

    const page = await open(browser, app);
    const banner = page.getByTestId('keychain-banner');
    expect(await page.getByTestId('keychain-banner-message').textContent()).toBe(
      "No keychain reachable: secrets can't be saved.",
    );
    expect(await banner.textContent()).not.toMatch(/D-?Bus|Platform failure|autolaunch/i);
    // Nothing switches by itself: Try it locally is refused, in words, until the user chooses.
    await page.keyboard.press('Control+6');
    await page.getByTestId('sandbox-init').click();
    await expect.poll(() => page.locator('.field-error').first().textContent()).toContain('No keychain reachable');

    await page.getByTestId('keep-secrets-in-memory').click();
    await expect.poll(() => banner.textContent()).toContain('Secrets are kept in memory for this run');
    expect(await page.getByTestId('status-keychain').textContent()).toContain('memory only');

    await page.getByTestId('sandbox-init').click();
    await page.getByTestId('sandbox-steps').waitFor({ timeout: 60_000 });
    for (const step of await page.getByTestId('sandbox-steps').locator('li').allTextContents()) {
      expect(step).toMatch(/^✓/);
    }
    await page.getByTestId('sandbox-compose').click();
    await page.getByTestId('provider-apns').click();
    await expect.poll(() => page.getByTestId('send').isEnabled(), { timeout: 10_000 }).toBe(true);
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('result').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('result-outcome').textContent()).toBe('accepted');
  });

  // The README's spellings of "keep secrets in memory", with npm itself where npm runs the tests.
  const npm = process.env['npm_execpath'];
  describe.skipIf(hasElectronBinary())('the README’s ways to start with secrets in memory', () => {
    type Spelling = [name: string, command: string[], env: Record<string, string | undefined>];
    const spellings: Spelling[] = [
      ['PUSH_CONSOLE_EPHEMERAL_SECRETS=1 npm start', [START], { PUSH_CONSOLE_EPHEMERAL_SECRETS: '1' }],
      ['npm start -- --ephemeral-secrets (as npm hands it on)', [START, '--ephemeral-secrets'], {}],
    ];
    if (npm) {
      spellings.push(['npm start -- --ephemeral-secrets', [npm, 'start', '--', '--ephemeral-secrets'], {}]);
      spellings.push(['npm start --ephemeral-secrets', [npm, 'start', '--ephemeral-secrets'], {}]);
    }

    it.each(spellings)('%s', async (_name, command, env) => {
      const app = await startServed(command, { ...NO_SECRET_SERVICE, ...env });
      apps.push(app);
      expect(app.output()).not.toContain('No keychain reachable');
      const page = await open(browser, app);
      expect(await page.getByTestId('status-keychain').textContent()).toContain('memory only');
      expect(await page.getByTestId('keychain-banner').count()).toBe(0);
      await page.close();
    });
  });
});
