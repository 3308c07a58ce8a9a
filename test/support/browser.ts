import { chromium, type Browser, type Page } from 'playwright-core';
import { startServed, type ServedApp } from './serve';
import { CHROMIUM, CHROMIUM_ARGS, missingExecutable } from './system';

export const missingChromium = () => missingExecutable(CHROMIUM, 'the Debian package chromium');

/** Debian's Chromium driven by playwright-core (Playwright's own browser download cannot work here). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export interface OpenedApp {
  app: ServedApp;
  browser: Browser;
  page: Page;
}

/**
 * The browser-mode app served with its own data folder and open in Chromium, its frame drawn.
 * `acceptDialogs` accepts every confirm() the page shows. If any step fails, the served
 * app (and Chromium) are closed here, since the caller never receives them.
 */
export async function openServedApp(
  options: { viewport?: { width: number; height: number }; acceptDialogs?: boolean } = {},
): Promise<OpenedApp> {
  const app = await startServed();
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage(options.viewport ? { viewport: options.viewport } : undefined);
    if (options.acceptDialogs) page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(app.url);
    await page.getByTestId('app-frame').waitFor();
    return { app, browser, page };
  } catch (error) {
    await browser?.close();
    await app.stop();
    throw error;
  }
}

/** `openServedApp`, then "Try it locally" on the Emulators screen, waiting until its steps are listed. */
export async function openSandboxedApp(options: Parameters<typeof openServedApp>[0] = {}): Promise<OpenedApp> {
  const opened = await openServedApp(options);
  const { page } = opened;
  await page.keyboard.press('Control+6');
  await page.getByTestId('sandbox-init').click();
  await page.getByTestId('sandbox-steps').waitFor({ timeout: 60_000 });
  return opened;
}
