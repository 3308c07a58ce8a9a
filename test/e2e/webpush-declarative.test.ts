import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { missingChromium, openServedApp } from '../support/browser';
import type { ServedApp } from '../support/serve';
import { describeWithSystem } from '../support/system';
import { shot } from '../support/shots';

// Declarative Web Push from the composer's template to the local push service's inbox, in the real UI.
describeWithSystem('Declarative Web Push in the composer and the emulator inbox', missingChromium(), () => {
  let app: ServedApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ app, browser, page } = await openServedApp({ viewport: { width: 1400, height: 900 } }));
    page.on('dialog', (dialog) => void dialog.accept());
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('previews the template as the browser shows it, sends it, and the inbox renders it', async () => {
    await page.keyboard.press('Control+6');
    await page.getByTestId('sandbox-init').click();
    await page.getByTestId('sandbox-steps').waitFor({ timeout: 60_000 });
    await page.getByTestId('sandbox-compose').click();
    await page.getByTestId('provider-webpush').click();
    await expect.poll(() => page.getByTestId('profile-select').inputValue()).not.toBe('');
    await page.getByTestId('template-select').selectOption('webpush.declarative');

    const preview = page.getByTestId('preview');
    await expect
      .poll(() => preview.getByTestId('preview-navigate').textContent())
      .toBe('Click opens https://example.com/orders/4711');
    expect(await preview.getByTestId('preview-title').textContent()).toBe('Your order has shipped');
    expect(await preview.getByTestId('preview-badge').textContent()).toBe(' · app badge 3');
    await shot(page, 'compose-declarative.png');

    await expect.poll(() => page.getByTestId('send').isEnabled(), { timeout: 10_000 }).toBe(true);
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('result').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('result-outcome').textContent()).toBe('accepted');

    await page.keyboard.press('Control+6');
    await page.getByTestId('emulator-tab-webpush').click();
    const item = page.getByTestId('inbox-item').last();
    await expect
      .poll(() => item.getByTestId('inbox-link').textContent(), { timeout: 10_000 })
      .toBe('Opens https://example.com/orders/4711');
    expect(await item.getByTestId('inbox-title').textContent()).toBe('Your order has shipped');
    expect(await item.getByTestId('inbox-badge').textContent()).toBe('App badge 3');
    expect(await item.getByTestId('inbox-actions').textContent()).toBe(
      'Track parcel → https://example.com/orders/4711/track',
    );
    await shot(item, 'inbox-declarative.png');
  });

  it("says what is particular to the subscription's push service under the target", async () => {
    await page.keyboard.press('Control+1');
    await page.getByTestId('provider-webpush').click();
    const apple = JSON.stringify({
      endpoint: 'https://web.push.apple.com/QGx9abc',
      keys: {
        p256dh: 'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4',
        auth: 'BTBZMqHH6r4Tts7J_aSIgg',
      },
    });
    await page.getByTestId('target-input').fill(apple);
    await expect
      .poll(() => page.getByTestId('push-service-note').textContent())
      .toContain('Apple Push (Safari): 4,096 bytes');
    expect(await page.getByTestId('push-service-note').textContent()).toContain('never localhost');
  });
});
