import type { Browser } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { wsProtocols } from '../../shared/ws-protocol';
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
    // The token leaves the address bar once the page has it (in this tab's sessionStorage).
    expect(page.url()).not.toContain('token');
    expect(await page.context().cookies()).toEqual([]);
    // The renderer has no Node and no Electron preload in browser mode.
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says, when its server is gone, that Push Console stopped or restarted and to open the new URL', async () => {
    const own = await startServed();
    const page = await browser.newPage();
    try {
      await page.goto(own.url);
      await page.getByTestId('app-frame').waitFor();
      await own.stop();
      await expect
        .poll(() => page.getByTestId('status-disconnected').textContent(), { timeout: 15_000 })
        .toContain('Push Console stopped or restarted: open the new URL it printed.');
      // A call made meanwhile says the same, not a raw connection error.
      await page.keyboard.press('Control+1');
      await page.getByTestId('target-input').fill('ab'.repeat(32));
      await expect
        .poll(() => page.locator('body').innerText(), { timeout: 15_000 })
        .toContain('Push Console stopped or restarted');
    } finally {
      await page.close();
      await own.stop();
    }
  });

  it('navigates sections by keyboard alone', async () => {
    const page = await browser.newPage();
    await page.goto(app.url);
    await page.getByTestId('app-frame').waitFor();
    await page.keyboard.press('Control+2');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).first().textContent()).toBe('Credentials');
    await page.getByTestId('nav-credentials').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).first().textContent()).toBe('Devices');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('nav-devices');
    await page.close();
  });

  it('says a page opened without the token needs the full address, and keeps working after a reload', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    await page.goto(app.origin + '/');
    await expect.poll(() => page.getByTestId('token-missing').textContent()).toContain('#token=');
    expect(await page.getByTestId('app-frame').count()).toBe(0);
    expect(sockets).toEqual([]);
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
      async ({ wsUrl, protocols }) => {
        return await new Promise<string>((resolve) => {
          const ws = new WebSocket(wsUrl, protocols);
          ws.onopen = () => resolve('open');
          ws.onerror = () => resolve('refused');
          setTimeout(() => resolve('timeout'), 5000);
        });
      },
      { wsUrl: `${app.origin.replace('http', 'ws')}/ws`, protocols: wsProtocols(app.token) },
    );
    expect(outcome).toBe('refused');
    await page.close();
  });

  it('never hands the run token to another server on 127.0.0.1', async () => {
    // Any local server (a dev server, another tool) gets what the browser sends to 127.0.0.1:
    // cookies ignore the port. The app's page navigates there, and that page fetches and loads an image.
    const seen: Array<{ url: string; headers: Record<string, unknown> }> = [];
    const other = createServer((req, res) => {
      seen.push({ url: req.url ?? '', headers: req.headers });
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>other</title>');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(app.url);
      await page.getByTestId('status-version').waitFor();
      await Promise.all([
        page.waitForURL(`${otherOrigin}/landing`),
        page.evaluate((to) => (location.href = to), `${otherOrigin}/landing`),
      ]);
      await page.evaluate(async (origin) => {
        await fetch(`${origin}/fetched`, { credentials: 'include' });
        const image = new Image();
        await new Promise((resolve) => {
          image.onload = image.onerror = resolve;
          image.src = `${origin}/image.png`;
        });
      }, otherOrigin);
      await context.newPage().then((second) => second.goto(`${otherOrigin}/typed`));
      await expect
        .poll(() => seen.map((request) => request.url))
        .toEqual(expect.arrayContaining(['/fetched', '/image.png', '/landing', '/typed']));
      for (const request of seen) expect(JSON.stringify(request)).not.toContain(app.token);
    } finally {
      await context.close();
      await new Promise((resolve) => other.close(resolve));
    }
  });
});
