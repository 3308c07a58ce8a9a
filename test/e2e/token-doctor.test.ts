import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { audit, describeFindings } from '../support/axe';
import { missingChromium } from '../support/browser';
import { openProvider } from '../support/compose-page';
import { useSandboxPage } from '../support/sandbox-page';
import { describeWithSystem } from '../support/system';
import { shot } from '../support/shots';

/**
 * The Doctor screen's token doctor in browser mode: a pasted APNs token read with its facts, the
 * sandbox's credential and profile that fit it, the environment probe behind its confirmation, and
 * "Use in Compose"; a Web Push subscription on Apple named as such.
 */
describeWithSystem('Doctor: the token doctor panel', missingChromium(), () => {
  const sandbox = useSandboxPage();
  let page: Page;
  const errors = sandbox.errors;
  beforeAll(() => {
    page = sandbox.page;
  });

  it('reads a token, probes its environment after the question, and hands it to Compose', async () => {
    await openProvider(page, 'apns');
    const token = await page.getByTestId('target-input').inputValue();
    expect(token).toMatch(/^[0-9a-f]{64}$/);

    await page.keyboard.press('Control+8');
    const input = page.getByTestId('token-doctor-input');
    // The palette reaches the field while the Doctor screen is shown.
    await page.keyboard.press('Control+K');
    await page.getByTestId('command-palette').waitFor();
    await page.keyboard.type('token doctor');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('token-doctor-input');
    // As Xcode's old NSData description prints it: brackets, spaces, upper case.
    await input.fill(
      `<${token
        .toUpperCase()
        .replace(/(.{8})/g, '$1 ')
        .trim()}>`,
    );
    await page.getByTestId('token-doctor-identify').click();
    const reading = page.locator('[data-testid="token-reading"][data-kind="apns-token"]');
    await reading.waitFor();
    expect(await reading.getByTestId('token-reading-fact').allTextContents()).toEqual([
      '64 hex digits (32 bytes)',
      'spaces or <…> removed',
      'upper-case hex: APNs takes either case',
      '32 bytes, the length of every device token issued today',
    ]);
    expect(await reading.getByTestId('token-reading-credential').allTextContents()).toEqual([
      'Credential “Sandbox APNs key”',
    ]);
    expect(await reading.getByTestId('token-reading-profile').first().textContent()).toContain('(local)');
    await page.locator('[data-testid="token-reading"][data-kind="apns-push-to-start"]').waitFor();

    // The probe asks first; Cancel sends nothing.
    expect(await page.getByTestId('token-probe-where').inputValue()).toBe('local');
    await page.getByTestId('token-probe-start').click();
    await page.getByTestId('probe-confirm').waitFor();
    expect(await page.getByTestId('probe-confirm-text').textContent()).toContain(
      'This sends a real silent push to this device',
    );
    expect(describeFindings(await audit(page)), 'probe question').toBe('');
    await page.getByTestId('probe-cancel').click();
    expect(await page.getByTestId('token-probe-verdict').count()).toBe(0);

    await page.getByTestId('token-probe-start').click();
    await page.getByTestId('probe-confirm-send').click();
    const verdict = page.getByTestId('token-probe-verdict');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-belongs-to')).toBe('sandbox');
    expect(await verdict.textContent()).toMatch(/^The token is for sandbox: sandbox \(127\.0\.0\.1:\d+\) answered 200/);
    await shot(page.getByTestId('token-doctor'), 'token-doctor.png');
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(describeFindings(await audit(page)), `token doctor (${colorScheme})`).toBe('');
    }

    await reading.getByTestId('token-reading-use').first().click();
    await page.getByTestId('target-input').waitFor();
    expect(await page.getByTestId('target-input').inputValue()).toBe(token.toUpperCase());
  });

  it('names the push service of a Web Push subscription and says when nothing is recognized', async () => {
    await page.keyboard.press('Control+8');
    const input = page.getByTestId('token-doctor-input');
    await input.fill(
      JSON.stringify({ endpoint: 'https://web.push.apple.com/QGuQyav', keys: { p256dh: 'BCVx', auth: 'BTBZ' } }),
    );
    await page.getByTestId('token-doctor-identify').click();
    const reading = page.locator('[data-testid="token-reading"][data-kind="webpush-subscription"]');
    await reading.waitFor();
    expect(await reading.getByTestId('token-reading-summary').textContent()).toContain('Apple Push (Safari)');
    expect(await reading.getByTestId('token-reading-credential').first().textContent()).toContain('Sandbox');
    await input.fill('https://example.com/nothing');
    await page.getByTestId('token-doctor-identify').click();
    await page.getByTestId('token-doctor-unknown').waitFor();
    expect(errors).toEqual([]);
  });
});
