import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FRAME_LIMIT_BYTES } from '../../shared/transfer-limits';
import { missingChromium, openServedApp } from '../support/browser';
import type { ServedApp } from '../support/serve';
import { describeWithSystem } from '../support/system';

// Browser mode caps one message at 16 MB; a larger devices file must still import (in chunks),
// and one over the upload limit must be refused in the page before anything is sent.
describeWithSystem('Devices → Import of files larger than one message', missingChromium(), () => {
  let app: ServedApp;
  let browser: Browser;
  let page: Page;
  let dir: string;
  /** What the page sent over its socket: each frame's method and size in bytes. */
  const sent: Array<{ method: string; bytes: number }> = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pc-large-import-'));
    ({ app, browser, page } = await openServedApp());
    page.on('websocket', (socket) =>
      socket.on('framesent', ({ payload }) => {
        const text = String(payload);
        const method = /"method":"([^"]+)"/.exec(text.slice(0, 200))?.[1] ?? '';
        sent.push({ method, bytes: Buffer.byteLength(text) });
      }),
    );
    // The listener sees sockets opened from now on: reload so the page's own socket is watched.
    await page.reload();
    await page.getByTestId('app-frame').waitFor();
    await page.keyboard.press('Control+3');
    await page.getByTestId('devices').waitFor();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('imports an 18 MB CSV through the page, in chunks each under the frame limit', async () => {
    const count = 1_800;
    const notes = 'n'.repeat(9_990);
    const rows = Array.from(
      { length: count },
      (_, i) => `Device ${i},apns,ios,local,${i.toString(16).padStart(64, '0')},${notes}`,
    );
    const csv = `label,provider,platform,environment,target,notes\n${rows.join('\n')}\n`;
    expect(csv.length).toBeGreaterThan(17 * 1024 * 1024);
    const file = join(dir, 'devices.csv');
    writeFileSync(file, csv);

    const started = performance.now();
    await page.getByTestId('devices-import-file').setInputFiles(file);
    await expect
      .poll(() => page.getByTestId('devices-message').textContent(), { timeout: 60_000 })
      .toContain(`Imported ${count} new and updated 0 existing devices.`);
    // The table draws every row (it is not virtualized): on a loaded machine that alone takes seconds.
    await expect
      .poll(() => page.getByTestId('devices-table').locator('tbody tr').count(), { timeout: 60_000 })
      .toBe(count);
    console.log(
      `Imported ${(csv.length / 1024 / 1024).toFixed(1)} MB (${count} devices) in ${Math.round(performance.now() - started)} ms`,
    );

    const saved = JSON.parse(readFileSync(join(app.dataDir, 'workspace', 'devices.json'), 'utf8'));
    expect(saved.devices).toHaveLength(count);
    expect(saved.devices[count - 1]).toMatchObject({ label: `Device ${count - 1}`, notes });
    const appends = sent.filter((frame) => frame.method === 'uploads.append');
    expect(appends.length).toBeGreaterThanOrEqual(18);
    expect(Math.max(...sent.map((frame) => frame.bytes))).toBeLessThan(FRAME_LIMIT_BYTES);
  }, 120_000);

  it('refuses a 100 MB file in the page, before anything is sent', async () => {
    const file = join(dir, 'huge.csv');
    // Sparse: only its size matters, since the page refuses it before reading it.
    closeSync(openSync(file, 'w'));
    truncateSync(file, 100 * 1024 * 1024);
    const before = sent.length;
    await page.getByTestId('devices-import-file').setInputFiles(file);
    await expect
      .poll(() => page.getByTestId('devices-message').textContent())
      .toBe('This file is 100 MB; the import limit is 64 MB.');
    expect(sent.some((frame) => frame.method === 'app.info')).toBe(true);
    expect(sent.slice(before).filter((frame) => /^(uploads|devices\.import)/.test(frame.method))).toEqual([]);
  }, 60_000);
});
