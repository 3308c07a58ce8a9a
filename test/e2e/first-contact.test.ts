import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PROVIDER_IDS } from '../../shared/providers/ids';
import { launchChromium, missingChromium } from '../support/browser';
import { sendWithKeyboard } from '../support/compose-page';
import { ROOT, startServed, type ServedApp } from '../support/serve';
import { describeWithSystem, itWithSystem } from '../support/system';

// No Secret Service at all: no D-Bus session address, as on WSL, a minimal Linux or a container.
const NO_SECRET_SERVICE = { DBUS_SESSION_BUS_ADDRESS: undefined };
// The README's words (`npx push-console serve`), no internal flags such as --ephemeral-secrets.
const README_SERVE = [join(ROOT, 'bin', 'push-console.mjs'), 'serve'];

/** What a person did from the printed URL to the first push the emulator took. */
interface FirstPush {
  clicks: number;
  seconds: number;
}

/**
 * The README's first push as a newcomer makes it, by clicks a person would make (counted) and
 * Ctrl+Enter: [Keep secrets in memory], Emulators, Try it locally, Open Compose, Ctrl+Enter.
 */
async function firstPush(page: Page, app: ServedApp, offer: boolean): Promise<FirstPush> {
  const started = performance.now();
  let clicks = 0;
  const click = async (target: Locator) => {
    clicks++;
    await target.click();
  };
  await page.goto(app.url);
  await page.getByTestId('app-frame').waitFor();
  if (offer) {
    await click(page.getByTestId('keep-secrets-in-memory'));
    await expect.poll(() => page.getByTestId('status-keychain').textContent()).toContain('memory only');
  }
  await click(page.getByTestId('nav-emulators'));
  await click(page.getByTestId('sandbox-init'));
  await page.getByTestId('sandbox-steps').waitFor({ timeout: 60_000 });
  const steps = await page.getByTestId('sandbox-steps').locator('li').allTextContents();
  expect(steps, steps.join('\n')).toHaveLength(PROVIDER_IDS.length);
  for (const step of steps) expect(step).toMatch(/^✓/);
  await click(page.getByTestId('sandbox-compose'));
  const shown = await sendWithKeyboard(page);
  expect(shown.outcome).toBe('accepted');
  return { clicks, seconds: (performance.now() - started) / 1000 };
}

/** What each emulator delivered so far, as the Emulators screen's table counts it. */
async function deliveries(page: Page): Promise<Record<string, number>> {
  await page.getByTestId('nav-emulators').click();
  const rows = page.locator('table.table tbody tr');
  await rows.first().waitFor();
  const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent ?? '')));
  return Object.fromEntries(cells.map(([provider, , count]) => [provider, Number(count)]));
}

/** Compose → every provider's tab → Ctrl+Enter: each accepted, and each emulator delivered it. */
async function sendEveryProvider(page: Page): Promise<void> {
  const before = await deliveries(page);
  await page.getByTestId('nav-compose').click();
  for (const provider of PROVIDER_IDS) {
    await page.getByTestId(`provider-${provider}`).click();
    await expect.poll(() => page.getByTestId('profile-select').inputValue()).not.toBe('');
    const shown = await sendWithKeyboard(page);
    expect(shown.outcome, `${provider} result`).toBe('accepted');
  }
  const undelivered = async () => {
    const now = await deliveries(page);
    return PROVIDER_IDS.filter((provider) => !((now[provider] ?? 0) > (before[provider] ?? 0)));
  };
  await expect
    .poll(undelivered, { timeout: 10_000 })
    .toEqual([])
    .catch(async (error: unknown) => {
      throw error;
    });
}

const say = (label: string, push: FirstPush) =>
  console.log(`[first contact] ${label}: ${push.clicks} clicks + Ctrl+Enter, ${push.seconds.toFixed(1)} s`);

// The first acceptance: a machine with no keychain, the README's words, the in-memory
// offer taken with one click, a first push for every provider; then a restart on the same data
// folder, where one click on "Try it locally" brings the sandbox back.
describeWithSystem('first contact, with and without a keychain', missingChromium(), () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pc-e2e-first-contact-'));
  const apps: ServedApp[] = [];
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    for (const app of apps) await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function serve(env: Record<string, string | undefined>, options: { dataDir?: string } = {}) {
    const app = await startServed(README_SERVE, env, options);
    apps.push(app);
    return app;
  }

  it('with no Secret Service: one click on the offer, Try it locally, every provider delivers; again after a restart', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let app = await serve(NO_SECRET_SERVICE, { dataDir });
    const first = await firstPush(page, app, true);
    say('no keychain', first);
    expect(first.clicks).toBe(4);
    await sendEveryProvider(page);

    await app.stop();
    app = await serve(NO_SECRET_SERVICE, { dataDir });
    say('no keychain, after a restart', await firstPush(page, app, true));
    await sendEveryProvider(page);
    await app.stop();
  }, 180_000);

  itWithSystem(
    'with a keychain: the same first push, one click fewer',
    process.env['DBUS_SESSION_BUS_ADDRESS'] ? null : 'no D-Bus session (run under dbus-run-session)',
    async () => {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const app = await serve({});
      const push = await firstPush(page, app, false);
      say('keychain', push);
      expect(push.clicks).toBe(3);
    },
  );
});
