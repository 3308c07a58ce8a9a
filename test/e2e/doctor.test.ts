import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { audit, describeFindings } from '../support/axe';
import { missingChromium } from '../support/browser';
import { openProvider, sendWithKeyboard } from '../support/compose-page';
import { useSandboxPage } from '../support/sandbox-page';
import { describeWithSystem } from '../support/system';
import { shot } from '../support/shots';

/**
 * A refused APNs send in browser mode: the result card's Diagnosis (causes ranked, evidence quoted),
 * the same in the exchange detail, and the Doctor screen counting it by cause and opening the exchange.
 */
describeWithSystem('Doctor: the result card’s diagnosis and the Doctor screen', missingChromium(), () => {
  const sandbox = useSandboxPage();
  let page: Page;
  const errors = sandbox.errors;
  beforeAll(() => {
    page = sandbox.page;
  });

  /** axe's WCAG 2.2 AA audit in both themes: nothing found. */
  async function expectAccessible(state: string): Promise<void> {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(describeFindings(await audit(page)), `${state} (${colorScheme})`).toBe('');
    }
  }

  it('explains a BadDeviceToken in the result card, the exchange and the Doctor screen', async () => {
    await page.keyboard.press('Control+8');
    await page.getByTestId('doctor-empty').waitFor();

    await openProvider(page, 'apns');
    // A well-formed token the emulator never issued: Apple's BadDeviceToken.
    await page.getByTestId('target-input').fill('0f'.repeat(32));
    for (let i = 0; i < 2; i++) {
      const shown = await sendWithKeyboard(page);
      expect(shown.outcome).toBe('rejected');
    }
    const card = page.getByTestId('result').getByTestId('diagnosis');
    await card.waitFor();
    const causes = card.getByTestId('diagnosis-cause');
    expect(await causes.first().getAttribute('data-cause')).toBe('apns.bad-device-token.environment');
    const quotes = await causes.first().getByTestId('diagnosis-quote').allTextContents();
    expect(quotes).toContain('BadDeviceToken');
    expect(quotes).toContain('local');
    expect(quotes).toContain('64 characters, hex');
    // The environment and another team's app; not "malformed", which its 64 hex digits refute.
    expect(await causes.count()).toBe(2);
    await shot(page.getByTestId('result'), 'result-card.png');
    await expectAccessible('result card with its diagnosis');

    await page.getByTestId('result-open-exchange').click();
    const inExchange = page.getByTestId('exchange-diagnosis');
    await inExchange.waitFor();
    expect(await inExchange.getByTestId('diagnosis-cause').first().getAttribute('data-cause')).toBe(
      'apns.bad-device-token.environment',
    );

    await page.keyboard.press('Control+8');
    const group = page.locator('[data-testid="doctor-group"][data-cause="apns.bad-device-token.environment"]');
    await group.waitFor();
    expect(await group.getByTestId('doctor-count').textContent()).toBe('2 ×');
    expect(await group.getByTestId('diagnosis-fix').textContent()).toMatch(/register the token there for sandbox/);
    await shot(page.getByTestId('doctor'), 'doctor.png');
    await expectAccessible('Doctor screen with a cause');
    await group.getByTestId('doctor-open-exchange').click();
    await page.getByTestId('exchange-detail').waitFor();
    expect(await page.getByTestId('detail-title').textContent()).toContain('/3/device/' + '0f'.repeat(32));
    expect(errors).toEqual([]);
  });
});
