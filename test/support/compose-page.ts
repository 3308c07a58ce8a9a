import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Provider } from '../../shared/domain/exchange';
import { PROVIDER_IDS } from '../../shared/providers/ids';

/**
 * The composer as a test drives it: through the page a person sees (testids, keyboard), never
 * through the app's state. Shared by the compose e2e files.
 */

/** Emulators → Try it locally: emulators, demo credentials, a device and a profile per provider. */
export async function setUpSandbox(page: Page): Promise<void> {
  await page.keyboard.press('Control+6');
  await page.getByTestId('sandbox-init').click();
  await page.getByTestId('sandbox-steps').waitFor({ timeout: 60_000 });
  const steps = await page.getByTestId('sandbox-steps').locator('li.ok').count();
  expect(steps, 'every sandbox step succeeded').toBe(PROVIDER_IDS.length);
}

/**
 * The payload editor's input once Monaco's chunk has loaded. Chromium has the EditContext API,
 * so Monaco takes text through a focusable `role=textbox` div rather than its hidden textarea.
 */
export function editorInput(page: Page): Locator {
  return page.getByTestId('payload-monaco').locator('[role="textbox"]');
}

/** Opens a provider's tab and waits for its profile and the lazily loaded Monaco editor. */
export async function openProvider(page: Page, provider: Provider): Promise<void> {
  await page.keyboard.press('Control+1');
  await page.getByTestId(`provider-${provider}`).click();
  await expect.poll(() => page.getByTestId('profile-select').inputValue()).not.toBe('');
  await editorInput(page).waitFor({ state: 'attached', timeout: 30_000 });
}

/** Picks a gallery template by its name (the replace question is accepted by `allowClipboard`). */
export async function pickTemplate(page: Page, name: string): Promise<void> {
  await page.getByTestId('template-select').selectOption({ label: name });
}

/** Points the target back at the sandbox device (templates may bring an example target). */
export async function useSandboxDevice(page: Page): Promise<void> {
  const devices = page.getByTestId('target-device');
  const sandbox = await devices
    .locator('option')
    .evaluateAll((options) =>
      options.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? '' })),
    );
  const choice = sandbox.find((option) => option.label.startsWith('Sandbox'));
  expect(choice, 'a sandbox device is saved').toBeDefined();
  await devices.selectOption(choice!.value);
}

/**
 * Replaces the whole payload the way a person typing into it would: focus the editor, select all,
 * insert the text as input. One line only: Monaco
 * re-indents inserted line breaks, which would make the text differ from what the test meant.
 */
export async function replacePayload(page: Page, text: string): Promise<void> {
  if (text.includes('\n')) throw new Error('replacePayload takes one line of text');
  await editorInput(page).focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
  // Auto-closed brackets and quotes land after the caret; the text typed is all that should stay.
  await page.keyboard.press('Shift+Control+End');
  await page.keyboard.press('Delete');
  await expect.poll(() => editorText(page), { timeout: 5_000 }).toBe(normalise(text));
}

/**
 * The editor's whole text, copied as a person would (Ctrl+A, Ctrl+C): Monaco renders only the
 * visible, wrapped lines, so the page itself never holds all of it. Needs clipboard permissions
 * (`allowClipboard`).
 */
export async function editorText(page: Page): Promise<string> {
  await editorInput(page).focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  await page.keyboard.press('Control+End');
  return normalise(await page.evaluate(() => navigator.clipboard.readText()));
}

function normalise(text: string): string {
  return text.replace(/\u00a0/g, ' ').replace(/\s+$/, '');
}

/** Lets `editorText` read what the editor copied, and accepts "replace your edits?" questions. */
export async function allowClipboard(page: Page): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  page.on('dialog', (dialog) => void dialog.accept());
}

/** The codes of the issues preflight lists now. */
export async function preflightCodes(page: Page): Promise<string[]> {
  return page
    .getByTestId('preflight-issue')
    .evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset['code'] ?? ''));
}

export function preflightIssue(page: Page, code: string): Locator {
  return page.locator(`[data-testid="preflight-issue"][data-code="${code}"]`);
}

/** Waits until preflight lists this issue (or, with `present` false, no longer does). */
export async function expectIssue(page: Page, code: string, present = true): Promise<void> {
  const codes = expect.poll(() => preflightCodes(page), { timeout: 10_000 });
  if (present) await codes.toContain(code);
  else await codes.not.toContain(code);
}

export interface ShownResult {
  outcome: string | null;
  status: string | null;
  ids: Record<string, string>;
}

/** Sends with Ctrl+Enter and reads the result panel once the send has finished. */
export async function sendWithKeyboard(page: Page): Promise<ShownResult> {
  await expect.poll(() => page.getByTestId('send').isEnabled(), { timeout: 10_000 }).toBe(true);
  await page.keyboard.press('Control+Enter');
  await page.getByTestId('result').or(page.getByTestId('result-error')).waitFor({ timeout: 30_000 });
  return readResult(page);
}

export async function readResult(page: Page): Promise<ShownResult> {
  if (await page.getByTestId('result-error').count()) {
    throw new Error(`Not sent: ${await page.getByTestId('result-error').textContent()}`);
  }
  const ids = await page
    .locator('[data-testid^="result-id-"]')
    .evaluateAll((els) =>
      Object.fromEntries(
        els.map((el) => [(el as HTMLElement).dataset['testid']!.replace('result-id-', ''), el.textContent ?? '']),
      ),
    );
  return {
    outcome: await page.getByTestId('result-outcome').textContent(),
    status: await page.getByTestId('result-status').textContent(),
    ids,
  };
}

/** The payloads in a provider's emulator inbox, as its screen lists them. */
export async function inboxPayloads(page: Page, provider: Provider): Promise<string[]> {
  await page.keyboard.press('Control+6');
  await page.getByTestId(`emulator-tab-${provider}`).click();
  await page.getByTestId(`emulator-tab-${provider}`).and(page.locator('[aria-selected="true"]')).waitFor();
  // The tab turns at once; its inbox is read after.
  await page.locator(`[data-testid="inbox-panel"][data-inbox-for="${provider}"]`).waitFor();
  return page.getByTestId('inbox-item').locator('.inbox-payload').allTextContents();
}

/**
 * Presses Tab (or Shift+Tab) until the element is focused, as someone without a mouse would;
 * fails after `limit` presses so a focus trap or an unreachable control is a test failure.
 */
export async function tabTo(page: Page, target: Locator, { back = false, limit = 40 } = {}): Promise<number> {
  for (let presses = 0; presses <= limit; presses++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return presses;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
  throw new Error(`not reachable with ${limit} presses of Tab; focus is on ${at}`);
}
