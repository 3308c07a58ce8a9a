import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PROVIDER_IDS } from '../../shared/providers/ids';
import { launchChromium, missingChromium } from '../support/browser';
import { sendWithKeyboard, setUpSandbox } from '../support/compose-page';
import { startServed, SERVE_COMMAND, type ServedApp } from '../support/serve';
import { describeWithSystem } from '../support/system';

/** Compose → each provider's tab → Ctrl+Enter: every result panel says accepted. */
async function sendEveryProvider(page: Page): Promise<void> {
  await page.keyboard.press('Control+1');
  for (const provider of PROVIDER_IDS) {
    await page.getByTestId(`provider-${provider}`).click();
    await expect.poll(() => page.getByTestId('profile-select').inputValue()).not.toBe('');
    const shown = await sendWithKeyboard(page);
    expect(shown.outcome, `${provider} result`).toBe('accepted');
  }
}

// Secrets kept in memory are gone after a restart, while the workspace (credentials' metadata,
// profiles, drafts) stays. The Credentials screen must say which secrets are missing, and one
// click on "Try it locally" must make the demo ones again so every provider sends.
describeWithSystem('the sandbox after a restart in memory mode', missingChromium(), () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pc-e2e-restart-'));
  let app: ServedApp | undefined;
  let browser: Browser;
  let page: Page;

  const serve = async () => {
    app = await startServed(SERVE_COMMAND, {}, { dataDir });
    await page.goto(app.url);
    await page.getByTestId('app-frame').waitFor();
  };

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await serve();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says the demo secrets live in memory, and sends a first push for every provider', async () => {
    await page.keyboard.press('Control+6');
    const card = (await page.getByTestId('sandbox-card').textContent()) ?? '';
    expect(card).toContain('kept in memory for this run');
    expect(card).not.toContain('keychain');
    await setUpSandbox(page);
    await sendEveryProvider(page);
  }, 120_000);

  it('after a restart on the same data folder, lists the missing secrets and repairs them with one click', async () => {
    await app!.stop();
    await serve();

    await page.keyboard.press('Control+2');
    const rows = page.getByTestId('credential-row');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(PROVIDER_IDS.length);
    await expect.poll(() => page.getByTestId('cred-secret-missing').count()).toBe(PROVIDER_IDS.length);
    const help = await page.getByTestId('cred-secret-missing-help').allTextContents();
    for (const text of help) expect(text).toContain('press Try it locally on the Emulators screen');

    await page.getByTestId('cred-open-sandbox').first().click();
    await setUpSandbox(page);
    await page.keyboard.press('Control+2');
    await expect.poll(() => page.getByTestId('cred-secret-missing').count()).toBe(0);
    expect(await rows.count()).toBe(PROVIDER_IDS.length);

    await sendEveryProvider(page);
  }, 120_000);
});
