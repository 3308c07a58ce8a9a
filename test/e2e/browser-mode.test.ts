import type { Browser } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium, missingChromium } from '../support/browser';
import { ROOT, startServed, type ServedApp } from '../support/serve';
import { describeWithSystem } from '../support/system';

const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;

describeWithSystem('browser mode in Chromium', missingChromium(), () => {
  let app: ServedApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startServed();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('renders the app frame with app.info fetched over the WebSocket bridge', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(app.url);
    await page.getByTestId('app-frame').waitFor();
    await expect.poll(() => page.getByTestId('status-version').textContent()).toBe(`Push Console ${version}`);
    await page.getByTestId('status-version').click();
    expect(await page.getByTestId('app-info-version').textContent()).toBe(version);
    expect(await page.getByTestId('app-info-mode').textContent()).toBe('browser');
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('status-mode').textContent()).toBe('Browser mode');
    expect(await page.getByTestId('status-keychain').textContent()).toContain('memory only');
    // The token leaves the address bar once the page has it in a cookie.
    expect(page.url()).not.toContain('token=');
    // The renderer has no Node and no Electron preload in browser mode.
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('navigates sections by keyboard alone', async () => {
    const page = await browser.newPage();
    await page.goto(app.url);
    await page.getByTestId('app-frame').waitFor();
    await page.keyboard.press('Control+2');
    await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toBe('Credentials');
    await page.getByTestId('nav-credentials').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toBe('Devices');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('nav-devices');
    await page.close();
  });

  it('refuses a page opened without the token, and keeps working after a reload', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const bare = await page.goto(app.origin + '/');
    expect(bare?.status()).toBe(401);
    await page.goto(app.url);
    await page.getByTestId('status-version').waitFor();
    await page.reload();
    await page.getByTestId('status-version').waitFor();
    await context.close();
  });

  it('refuses a WebSocket opened from a foreign origin', async () => {
    const page = await browser.newPage();
    // A page on another origin (data: URL) tries to reach our socket; the server must refuse it.
    await page.goto('data:text/html,<title>foreign</title>');
    const outcome = await page.evaluate(
      async (wsUrl) => {
        return await new Promise<string>((resolve) => {
          const ws = new WebSocket(wsUrl);
          ws.onopen = () => resolve('open');
          ws.onerror = () => resolve('refused');
          setTimeout(() => resolve('timeout'), 5000);
        });
      },
      `${app.origin.replace('http', 'ws')}/ws?token=${app.token}`,
    );
    expect(outcome).toBe('refused');
    await page.close();
  });
});
