import { closeSync, mkdtempSync, openSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FRAME_LIMIT_BYTES } from '../../shared/transfer-limits';
import { missingChromium, openSandboxedApp } from '../support/browser';
import type { ServedApp } from '../support/serve';
import { describeWithSystem } from '../support/system';

// Bulk sends from the Devices screen against the local emulators, with faults added on the
// Emulators screen: retry of the retryable failures, then pause, resume and cancel.
describeWithSystem('bulk send from the Devices screen', missingChromium(), () => {
  let app: ServedApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ app, browser, page } = await openSandboxedApp({ viewport: { width: 1400, height: 1000 }, acceptDialogs: true }));
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function addFault(fill: (form: ReturnType<Page['getByTestId']>) => Promise<void>) {
    await page.keyboard.press('Control+6');
    await page.getByTestId('emulator-tab-apns').click();
    const form = page.getByTestId('fault-form');
    await fill(form);
    await form.getByTestId('fault-add').click();
  }

  it('retries only the retryable failure, and the retried push lands in the inbox rendered', async () => {
    // Four 503s: the engine's own four attempts all fail, so the target ends retryable.
    await addFault(async (form) => {
      await form.getByTestId('fault-kind').selectOption('status');
      await form.getByTestId('fault-status').fill('503');
      await form.getByLabel('Times').fill('4');
    });
    await expect.poll(() => page.locator('.fault-list li').count()).toBe(1);
    const before = await page.getByTestId('inbox-item').count();

    await page.keyboard.press('Control+3');
    const apnsRow = page
      .getByTestId('devices-table')
      .locator('tbody tr')
      .filter({ has: page.locator('td:nth-child(3)', { hasText: /^apns$/ }) });
    await expect.poll(() => apnsRow.count()).toBe(1);
    await apnsRow.locator('input[type=checkbox]').check();
    // The target's cell is the one titled with the whole target (the columns move as the table grows).
    const apnsRowTarget = apnsRow
      .locator('td.mono[title]')
      .getAttribute('title')
      .then((title) => title ?? '');
    const panel = page.getByTestId('bulk-panel');
    await expect.poll(() => panel.getByTestId('bulk-profile').inputValue()).not.toBe('');
    await panel.getByTestId('bulk-start').click();
    await expect.poll(() => panel.getByTestId('bulk-state').textContent(), { timeout: 20_000 }).toBe('done');
    const row = panel.getByTestId('bulk-result');
    await expect.poll(() => row.count()).toBe(1);
    const cells = await row.first().locator('td').allTextContents();
    expect(cells.slice(1)).toEqual(['rejected', '503', 'ServiceUnavailable', '4', 'yes']);
    expect(await panel.getByTestId('bulk-progress').textContent()).toMatch(/\/s/);

    const retry = panel.getByTestId('bulk-retry');
    await expect.poll(() => retry.textContent()).toBe('Retry 1 retryable');
    await retry.click();
    await expect.poll(() => panel.getByTestId('bulk-state').textContent(), { timeout: 20_000 }).toBe('done');
    await expect.poll(() => panel.getByTestId('bulk-counts').textContent()).toContain('1 accepted');
    expect(await panel.getByTestId('bulk-result').first().locator('td').nth(1).textContent()).toBe('accepted');
    expect(await retry.isDisabled()).toBe(true);

    await page.keyboard.press('Control+6');
    await page.getByTestId('emulator-tab-apns').click();
    await expect.poll(() => page.getByTestId('inbox-item').count()).toBe(before + 1);
    // One device's inbox: the sandbox iPhone's, which got the retried push.
    const target = (await apnsRowTarget).toLowerCase();
    await page.getByTestId('inbox-device').selectOption(target);
    expect(await page.getByTestId('inbox-item').count()).toBe(1);
    // The inbox names the device, then shows its token (issue 22: names, not raw targets).
    expect(await page.getByTestId('inbox-item').first().locator('.target-token').textContent()).toBe(target);
    await page.getByTestId('inbox-device').selectOption('');
    const newest = page.getByTestId('inbox-item').first();
    const rendered = (await newest.getByTestId('inbox-rendered').textContent()) ?? '';
    expect(rendered.length).toBeGreaterThan(0);
    const raw = JSON.parse((await newest.getByTestId('inbox-raw').textContent()) ?? '') as { aps: unknown };
    expect(raw.aps).toBeDefined();
    expect(await page.locator('.fault-list li').first().textContent()).toContain(
      '503 ServiceUnavailable, 4 times, used up (4 of 4)',
    );
    await page.locator('.fault-list li').first().getByRole('button', { name: 'remove' }).click();
    await expect.poll(() => page.locator('.fault-list li').count()).toBe(0);
  }, 60_000);

  it('pauses, resumes and cancels a pasted list, and every target still gets one result', async () => {
    await addFault(async (form) => {
      await form.getByTestId('fault-kind').selectOption('delay');
      await form.getByLabel('Delay ms').fill('200');
    });
    await expect.poll(() => page.locator('.fault-list li').count()).toBe(1);

    await page.keyboard.press('Control+3');
    await page.getByTestId('bulk-paste').click();
    const panel = page.getByTestId('bulk-panel');
    await panel.getByTestId('bulk-provider').selectOption('apns');
    const tokens = Array.from({ length: 200 }, (_, i) => (0xe000 + i).toString(16).padStart(64, '0'));
    await panel.getByTestId('bulk-targets').fill(tokens.join('\n'));
    await panel.getByLabel('Concurrency').fill('2');
    await expect.poll(() => panel.getByTestId('bulk-profile').inputValue()).not.toBe('');
    expect(await panel.getByTestId('bulk-profile').locator('option:checked').textContent()).toBe(
      'Sandbox apns (local)',
    );
    await panel.getByTestId('bulk-start').click();
    const done = async () => Number(/^(\d+)\//.exec((await panel.getByTestId('bulk-counts').textContent()) ?? '')?.[1]);
    await expect.poll(done, { timeout: 10_000 }).toBeGreaterThan(4);
    // A visit to another screen loses nothing: the pasted list, the settings and the running send.
    await page.keyboard.press('Control+1');
    await page.getByTestId('bulk-panel').waitFor({ state: 'detached' });
    await page.keyboard.press('Control+3');
    expect(await panel.locator('h3').textContent()).toBe('Send to 200 apns targets');
    expect((await panel.getByTestId('bulk-targets').inputValue()).split('\n')).toEqual(tokens);
    expect(await panel.getByLabel('Concurrency').inputValue()).toBe('2');
    expect(await panel.getByTestId('bulk-state').textContent()).toBe('running');

    await panel.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => panel.getByTestId('bulk-state').textContent()).toBe('paused');
    await page.waitForTimeout(500); // the two requests in flight finish
    const paused = await done();
    await page.waitForTimeout(1_000);
    expect(await done()).toBe(paused);
    expect(paused).toBeLessThan(200);

    await panel.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(done).toBeGreaterThan(paused);
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => panel.getByTestId('bulk-state').textContent()).toBe('cancelled');
    expect(await panel.getByTestId('bulk-counts').textContent()).toMatch(/^200\/200/);
    await panel.getByRole('button', { name: 'Failed' }).click();
    // Only the cancelled ones are failures here (the rest were answered BadDeviceToken).
    const reasons = () => panel.getByTestId('bulk-result').locator('td:nth-child(4)').allTextContents();
    await expect.poll(async () => [...new Set(await reasons())]).toEqual(['CANCELLED']);
    expect((await reasons()).length).toBeGreaterThan(100);
  }, 60_000);

  it('marks a device gone when the service answers 410 Unregistered, and prunes it on request', async () => {
    await page.keyboard.press('Control+6');
    await page.getByTestId('emulator-tab-apns').click();
    await page.locator('.fault-list li').first().getByRole('button', { name: 'remove' }).click();
    await expect.poll(() => page.locator('.fault-list li').count()).toBe(0);
    await addFault(async (form) => {
      await form.getByTestId('fault-kind').selectOption('status');
      await form.getByTestId('fault-status').fill('410');
      await form.getByLabel('Times').fill('1');
    });

    await page.keyboard.press('Control+3');
    const rows = page.getByTestId('devices-table').locator('tbody tr');
    const apnsRow = rows.filter({ has: page.locator('td:nth-child(3)', { hasText: /^apns$/ }) });
    const before = await rows.count();
    // The last test's pasted list is still up (a visit elsewhere keeps it); back to the ticked devices.
    const pasteToggle = page.getByTestId('bulk-paste');
    expect(await pasteToggle.getAttribute('aria-pressed')).toBe('true');
    await pasteToggle.click();
    await apnsRow.locator('input[type=checkbox]').check();
    const panel = page.getByTestId('bulk-panel');
    expect(await panel.locator('h3').textContent()).toBe('Send to 1 apns device');
    await panel.getByTestId('bulk-start').click();
    await expect.poll(() => panel.getByTestId('bulk-state').textContent(), { timeout: 20_000 }).toBe('done');
    await expect
      .poll(() => panel.getByTestId('bulk-result').first().locator('td').allTextContents())
      .toContain('Unregistered');

    // The Devices screen shows it gone as soon as the send ends, and prunes it.
    await expect.poll(() => apnsRow.locator('td').last().textContent()).toBe('gone');
    const prune = page.getByTestId('devices-prune');
    await expect.poll(() => prune.textContent()).toBe('Prune gone (1)');
    await prune.click();
    await expect.poll(() => page.getByTestId('devices-message').textContent()).toContain('Removed 1 gone device');
    await expect.poll(() => rows.count()).toBe(before - 1);
    expect(await apnsRow.count()).toBe(0);
  }, 60_000);

  it('loads 100,000 targets from a file as a list (blanks and # comments skipped) and sends a loaded file', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'pc-bulk-file-'));
    try {
      const tokens = Array.from({ length: 100_000 }, (_, i) => (0x100000 + i).toString(16).padStart(64, '0'));
      writeFileSync(join(folder, 'tokens.txt'), `# exported tokens\n${tokens.join('\n')}\n\n`);
      writeFileSync(join(folder, 'three.txt'), tokens.slice(0, 3).join('\r\n'));
      await page.keyboard.press('Control+3');
      const toggle = page.getByTestId('bulk-paste');
      if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
      const panel = page.getByTestId('bulk-panel');
      const pasted = await panel.getByTestId('bulk-targets').inputValue();
      await panel.getByTestId('bulk-file').setInputFiles(join(folder, 'tokens.txt'));
      await expect.poll(() => panel.locator('h3').textContent()).toBe('Send to 100,000 apns targets');
      expect(await panel.getByTestId('bulk-file-summary').textContent()).toContain('tokens.txt: 100,000 targets');
      // Clear goes back to the pasted list, untouched.
      await panel.getByRole('button', { name: 'Clear' }).click();
      expect(await panel.getByTestId('bulk-targets').inputValue()).toBe(pasted);

      // A devices export is not a targets list: the panel says where it goes instead.
      writeFileSync(join(folder, 'devices.csv'), 'label,provider,platform,environment,target\n');
      await panel.getByTestId('bulk-file').setInputFiles(join(folder, 'devices.csv'));
      await expect.poll(() => panel.getByRole('alert').textContent()).toContain('Import CSV/JSON');
      await panel.getByTestId('bulk-file').setInputFiles(join(folder, 'three.txt'));
      await expect.poll(() => panel.getByRole('alert').count()).toBe(0);
      await expect.poll(() => panel.locator('h3').textContent()).toBe('Send to 3 apns targets');
      await panel.getByTestId('bulk-start').click();
      await expect.poll(() => panel.getByTestId('bulk-state').textContent(), { timeout: 20_000 }).toBe('done');
      expect(await panel.getByTestId('bulk-counts').textContent()).toMatch(/^3\/3 /);
      const targets = await panel.getByTestId('bulk-result').locator('td:nth-child(1) .target-token').allTextContents();
      expect(targets.sort()).toEqual(tokens.slice(0, 3));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);

  it('sends a targets file larger than one message as an upload, and refuses one over the limit before sending', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'pc-bulk-large-'));
    const sent: Array<{ method: string; bytes: number }> = [];
    try {
      // Watch the page's socket from its start (a reload keeps the run token in the tab).
      page.on('websocket', (socket) =>
        socket.on('framesent', ({ payload }) => {
          const text = String(payload);
          sent.push({ method: /"method":"([^"]+)"/.exec(text.slice(0, 200))?.[1] ?? '', bytes: text.length });
        }),
      );
      await page.reload();
      await page.getByTestId('app-frame').waitFor();
      // 260,000 APNs tokens are 17 MB as a JSON list: more than one 16 MB message.
      const tokens = Array.from({ length: 260_000 }, (_, i) => (0x200000 + i).toString(16).padStart(64, '0'));
      expect(JSON.stringify(tokens).length).toBeGreaterThan(FRAME_LIMIT_BYTES);
      writeFileSync(join(folder, 'many.txt'), tokens.join('\n'));
      await page.keyboard.press('Control+3');
      const toggle = page.getByTestId('bulk-paste');
      if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
      const panel = page.getByTestId('bulk-panel');
      await panel.getByTestId('bulk-provider').selectOption('apns');
      await panel.getByTestId('bulk-file').setInputFiles(join(folder, 'many.txt'));
      await expect.poll(() => panel.locator('h3').textContent()).toBe('Send to 260,000 apns targets');
      await expect.poll(() => panel.getByTestId('bulk-profile').inputValue()).not.toBe('');
      await panel.getByTestId('bulk-start').click();
      await expect
        .poll(() => panel.getByTestId('bulk-counts').textContent(), { timeout: 30_000 })
        .toMatch(/\/260,?000/);
      await panel.getByRole('button', { name: 'Cancel' }).click();
      await expect.poll(() => panel.getByTestId('bulk-state').textContent(), { timeout: 30_000 }).toBe('cancelled');
      expect(sent.filter((frame) => frame.method === 'uploads.append').length).toBeGreaterThanOrEqual(17);
      expect(Math.max(...sent.map((frame) => frame.bytes))).toBeLessThan(FRAME_LIMIT_BYTES);

      // Over the upload limit: refused in the page, nothing sent.
      const huge = join(folder, 'huge.txt');
      closeSync(openSync(huge, 'w'));
      truncateSync(huge, 70 * 1024 * 1024);
      const before = sent.length;
      await panel.getByTestId('bulk-file').setInputFiles(huge);
      await expect
        .poll(() => panel.getByRole('alert').textContent())
        .toBe('This file is 70 MB; the targets file limit is 64 MB.');
      expect(sent.slice(before).filter((frame) => frame.method.startsWith('uploads'))).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 120_000);
});
