import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser';
import { setUpSandbox } from './compose-page';
import { startServed, type ServedApp } from './serve';

export interface SandboxPage {
  /** The page, once the enclosing describe's beforeAll has run. */
  readonly page: Page;
  /** Uncaught errors the page raised. */
  readonly errors: string[];
  /** The served app's data folder (its workspace is `workspace/` inside, unless the environment says otherwise). */
  readonly dataDir: string;
}

/**
 * For the enclosing describe: browser mode served, one Chromium page at 1280×900 on it with the
 * sandbox set up ("Try it locally"); all closed afterwards.
 */
export function useSandboxPage(): SandboxPage {
  let app: ServedApp | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  const errors: string[] = [];
  beforeAll(async () => {
    app = await startServed();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(app.url);
    await page.getByTestId('app-frame').waitFor();
    await setUpSandbox(page);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
  return {
    get page() {
      if (!page) throw new Error('The sandbox page is not open yet.');
      return page;
    },
    errors,
    get dataDir() {
      if (!app) throw new Error('The app is not served yet.');
      return app.dataDir;
    },
  };
}
