import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readLocalEnvironment } from '../../main/core/local/local-env';
import { adminCall } from '../../main/emulators/admin-client';
import type { MintedSubscription } from '../../main/emulators/webpush';
import { wsProtocols } from '../../shared/ws-protocol';
import { launchChromium, missingChromium } from '../support/browser';
import { harErrors } from '../support/har-validator';
import { startServed, type ServedApp } from '../support/serve';
import { describeWithSystem } from '../support/system';

const run = promisify(execFile);

describeWithSystem('Exchange viewer with a live send to the local Web Push emulator', missingChromium(), () => {
  let app: ServedApp;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  /** Exchange batches main pushed to the page over its socket, with when they arrived. */
  const batches: Array<{ at: number; text: string }> = [];

  /** Contract calls the page's bridge sent over its socket. */
  const sentCalls: Array<{ method: string; input: Record<string, unknown> }> = [];

  /** A contract call over a raw socket of the page's own (authenticated) origin, bypassing the UI. */
  async function call<T>(method: string, input: unknown): Promise<T> {
    const result = await rawCall(method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error?.message}`);
    return result.value as T;
  }
  function rawCall(method: string, input: unknown) {
    return page.evaluate(
      ({ method, input, protocols }) =>
        new Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string; hint?: string } }>(
          (resolve, reject) => {
            const ws = new WebSocket(`ws://${location.host}/ws`, protocols);
            ws.onerror = () => reject(new Error('socket failed'));
            ws.onopen = () => ws.send(JSON.stringify({ id: 1, method, input }));
            ws.onmessage = (message) => {
              const data = JSON.parse(String(message.data)) as { id?: number; result?: never };
              if (data.id === 1) {
                ws.close();
                resolve(data.result!);
              }
            };
          },
        ),
      { method, input, protocols: wsProtocols(app.token) },
    );
  }

  beforeAll(async () => {
    app = await startServed();
    browser = await launchChromium();
    const context = await browser.newContext({
      acceptDownloads: true,
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    page = await context.newPage();
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('websocket', (socket) => {
      socket.on('framereceived', ({ payload }) => {
        const text = String(payload);
        if (text.startsWith('{"event":"exchanges.recorded"')) batches.push({ at: performance.now(), text });
      });
      socket.on('framesent', ({ payload }) => {
        const frame = JSON.parse(String(payload)) as { method?: string; input?: Record<string, unknown> };
        if (frame.method) sentCalls.push({ method: frame.method, input: frame.input ?? {} });
      });
    });
    await page.goto(app.url);
    await page.getByTestId('app-frame').waitFor();
    await page.getByTestId('nav-exchanges').click();
    await page.getByTestId('exchanges-empty').waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows sends live, runs the copied curl against the emulator, exports valid HAR and compares', async () => {
    await call('emulators.start', {});
    const credential = await call<{ id: string; metadata: Record<string, string> }>('credentials.generateVapid', {
      subject: 'mailto:e2e@example.com',
      label: 'e2e site',
    });
    const environment = (await readLocalEnvironment(app.dataDir))!;
    const minted = await adminCall<MintedSubscription>(environment, 'webpush', 'POST', '/__admin/devices', {
      applicationServerKey: credential.metadata['publicKey'],
    });
    const request = {
      provider: 'webpush',
      credential: credential.id,
      environment: 'local',
      target: JSON.stringify(minted.subscription),
      options: { ttl: 60 },
      payload: 'first',
    };
    await call('send.run', { sendId: 'e2e-1', request });
    // Live: the row appears without a refresh.
    await expect.poll(() => page.getByTestId('exchange-row').count()).toBe(1);
    await call('send.run', { sendId: 'e2e-2', request: { ...request, payload: 'second, longer' } });
    await expect.poll(() => page.getByTestId('exchange-row').count()).toBe(2);

    await page.getByTestId('exchange-row').first().click();
    await page.getByTestId('exchange-detail').waitFor();
    for (const row of ['connection', 'dns', 'connect', 'tls', 'request-headers', 'response-headers', 'total']) {
      expect(await page.getByTestId(`timeline-${row}`).count()).toBe(1);
    }
    expect(await page.getByTestId('timeline-tls').textContent()).toContain('TLS');
    await page.getByTestId('tab-request').click();
    expect((await page.getByTestId('request-headers').textContent())?.toLowerCase()).toContain('ttl');
    await page.getByTestId('tab-decoded').click();
    await page.getByTestId('decoded-jwt').waitFor();

    // A socket call that skips the confirmation gets no secrets, and an invented grant opens nothing.
    const exchangeId = (await page
      .locator('[data-testid=exchange-row][aria-selected=true]')
      .getAttribute('data-exchange-id'))!;
    expect(await rawCall('exchanges.curl', { id: exchangeId, includeSecrets: true })).toEqual({
      ok: false,
      error: {
        code: 'CONFIRMATION_REQUIRED',
        message: 'Copying a command with its live secrets needs your confirmation first.',
        hint: 'Choose "Copy with secrets…" again and confirm.',
      },
    });
    expect(await rawCall('exchanges.curl', { id: exchangeId, includeSecrets: true, grant: 'guessed' })).toMatchObject({
      ok: false,
      error: { code: 'CONFIRMATION_REQUIRED' },
    });

    // The UI asks first, says the command holds live secrets, and asks main for a grant only on OK.
    sentCalls.length = 0;
    await page.getByTestId('copy-curl-secrets').click();
    expect(await page.getByTestId('curl-secrets-warning').textContent()).toContain('contains live secrets');
    expect(sentCalls.filter(({ method }) => method === 'exchanges.curlGrant')).toEqual([]);
    await page.getByTestId('curl-secrets-ok').click();
    await expect.poll(() => page.getByTestId('exchanges-notice').textContent()).toContain('with secrets');
    expect(sentCalls.filter(({ method }) => method.startsWith('exchanges.curl')).map(({ method }) => method)).toEqual([
      'exchanges.curlGrant',
      'exchanges.curl',
    ]);
    // The page's grant was spent by its copy: replayed on another socket, it is refused.
    const spent = sentCalls.find(({ method }) => method === 'exchanges.curl')!.input;
    expect(spent).toMatchObject({ id: exchangeId, includeSecrets: true, grant: expect.any(String) });
    expect(await rawCall('exchanges.curl', spent)).toMatchObject({
      ok: false,
      error: { message: 'This confirmation has already been used, or was never given.' },
    });
    const command = await page.evaluate(() => navigator.clipboard.readText());
    const { stdout } = await run('sh', ['-c', `${command} -s -o /dev/null -w '%{http_code}'`], { timeout: 20_000 });
    expect(stdout).toBe('201');
    const inbox = await adminCall<unknown[]>(environment, 'webpush', 'GET', `/__admin/inbox?device=${minted.id}`);
    expect(inbox).toHaveLength(3);

    const checks = page.getByTestId('exchange-check');
    await checks.nth(0).check();
    await checks.nth(1).check();
    const download = page.waitForEvent('download');
    await page.getByTestId('export-har').click();
    const har = JSON.parse(readFileSync((await (await download).path())!, 'utf8')) as { log: { entries: unknown[] } };
    expect(har.log.entries).toHaveLength(2);
    expect(harErrors(har)).toBeNull();

    await page.getByTestId('compare').click();
    await page.getByTestId('compare-view').waitFor();
    // Same endpoint and TTL; a different encrypted body (and so a different Content-Length or body).
    expect(await page.locator('[data-testid=compare-header-row][data-change=same]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=compare-body-line][data-op=added]').count()).toBeGreaterThan(0);

    // A bulk send's exchanges reach the open list live, as batches of summaries: not one whole
    // exchange per frame.
    batches.length = 0;
    const started = performance.now();
    await call('bulk.start', { request, targets: Array.from({ length: 200 }, () => request.target), concurrency: 8 });
    await expect.poll(() => page.getByTestId('exchange-count').textContent(), { timeout: 30_000 }).toBe('202 of 202');
    const elapsed = performance.now() - started;
    const rows = batches.flatMap(({ text }) => (JSON.parse(text) as { payload: Array<{ id: string }> }).payload);
    expect(rows).toHaveLength(200);
    expect(new Set(rows.map((row) => row.id)).size).toBe(200);
    expect(batches.some(({ text }) => text.includes('requestHeaders') || text.includes('responseBody'))).toBe(false);
    // Main sends a batch at most every 100 ms (the first one at once).
    expect(batches.length).toBeLessThanOrEqual(Math.ceil(elapsed / 90) + 1);
    expect(batches.length).toBeLessThan(200);
    expect(errors).toEqual([]);
  });
});
