import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { missingChromium, openSandboxedApp } from '../support/browser';
import type { ServedApp } from '../support/serve';
import { describeWithSystem } from '../support/system';
import { PROVIDER_IDS } from '../../shared/providers/ids';

// The demo credentials send to the emulators; Test must prove them there too (the local CA and
// token endpoints), not against Google's or Microsoft's hosts.
describeWithSystem('Test on every demo credential', missingChromium(), () => {
  let app: ServedApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // Try it locally, as a newcomer would, before any test.
    ({ app, browser, page } = await openSandboxedApp({ viewport: { width: 1400, height: 900 } }));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('passes for each one after Try it locally, in sentences', async () => {
    await page.keyboard.press('Control+2');
    const rows = page.getByTestId('credential-row');
    await expect.poll(() => rows.count()).toBe(PROVIDER_IDS.length);
    for (const row of await rows.all()) await row.getByTestId('cred-test').click();
    const results = page.getByTestId('cred-test-result');
    await expect
      .poll(async () => (await results.allTextContents()).filter((text) => /^[✓✗]/.test(text)).length, {
        timeout: 30_000,
      })
      .toBe(PROVIDER_IDS.length);
    const outcomes = await Promise.all(
      (await rows.all()).map(async (row) => ({
        kind: await row.getAttribute('data-kind'),
        result: await row.getByTestId('cred-test-result').textContent(),
      })),
    );
    for (const { kind, result } of outcomes) {
      expect(result, kind ?? '').toMatch(/^✓ .*\.$/);
      expect(result, kind ?? '').not.toMatch(/googleapis|login\.live\.com|not trusted/);
    }
  });
});
