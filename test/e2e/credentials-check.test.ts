import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PROVIDER_IDS } from '../../shared/providers/ids';
import { missingChromium, openSandboxedApp } from '../support/browser';
import type { ServedApp } from '../support/serve';
import { describeWithSystem } from '../support/system';
import { shot } from '../support/shots';

// The Check button beside Test: the findings panel under each demo credential, each finding with
// an icon and a severity word (not colour alone), checked against the emulators the profiles use.
describeWithSystem('Check on every demo credential', missingChromium(), () => {
  let app: ServedApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ app, browser, page } = await openSandboxedApp({ viewport: { width: 1400, height: 1000 } }));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows findings with severity words, none a problem, and closes', async () => {
    await page.keyboard.press('Control+2');
    const rows = page.getByTestId('credential-row');
    await expect.poll(() => rows.count()).toBe(PROVIDER_IDS.length);
    for (const row of await rows.all()) await row.getByTestId('cred-check').click();
    const panels = page.getByTestId('cred-check-panel');
    await expect
      .poll(async () => page.locator('[data-testid="cred-check-panel"][aria-busy="false"]').count(), {
        timeout: 30_000,
      })
      .toBe(PROVIDER_IDS.length);
    const words = { ok: 'OK', warning: 'Warning', problem: 'Problem' } as const;
    const byKind: Record<string, string[]> = {};
    for (const row of await rows.all()) {
      const kind = (await row.getAttribute('data-kind'))!;
      const findings = row.getByTestId('cred-finding');
      expect(await findings.count(), kind).toBeGreaterThan(0);
      byKind[kind] = [];
      for (const finding of await findings.all()) {
        const severity = (await finding.getAttribute('data-severity')) as keyof typeof words;
        const text = (await finding.textContent())!;
        expect(text, kind).toContain(words[severity]);
        byKind[kind].push(`${severity} ${text}`);
      }
      expect(await row.getByTestId('cred-check-panel').textContent(), kind).toContain('against the local emulators');
    }
    await shot(page, 'check-panels.png', { fullPage: true });
    expect(
      Object.values(byKind)
        .flat()
        .filter((line) => line.startsWith('problem')),
    ).toEqual([]);
    expect(byKind['fcm-service-account']!.join('\n')).toMatch(/^ok .*Token exchange.*the key is active\./m);
    expect(byKind['nhub']!.join('\n')).toMatch(/^ok .*Send right.*Proven: a test send/m);
    // No secret reached the page.
    expect(await page.content()).not.toMatch(/PRIVATE KEY|SharedAccessKey=/);
    await rows.first().getByTestId('cred-check-close').click();
    await expect.poll(() => panels.count()).toBe(PROVIDER_IDS.length - 1);
  });
});
