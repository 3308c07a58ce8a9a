import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { missingChromium, openSandboxedApp } from '../support/browser';
import type { ServedApp } from '../support/serve';
import { describeWithSystem } from '../support/system';

const SHOTS = process.env['PUSH_CONSOLE_SHOTS'];

// Real sends to the local emulators (APNs with a .p8 token, Web Push, Notification Hubs), then
// the inspector at 1280×800: the waterfall, the TLS chain, the Web Push plaintext, and each
// decoded fact once with labels in words.
describeWithSystem('Exchange inspector detail on real sends to the emulators', missingChromium(), () => {
  let app: ServedApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ app, browser, page } = await openSandboxedApp({ viewport: { width: 1280, height: 800 } }));
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('sends through APNs, Web Push and Notification Hubs to the emulators', async () => {
    await page.getByTestId('sandbox-compose').click();
    for (const provider of ['apns', 'webpush', 'nhub']) {
      await page.getByTestId(`provider-${provider}`).click();
      await expect.poll(() => page.getByTestId('profile-select').inputValue()).not.toBe('');
      await expect.poll(() => page.getByTestId('send').isEnabled(), { timeout: 10_000 }).toBe(true);
      await page.keyboard.press('Control+Enter');
      await page.getByTestId('result').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('result-outcome').textContent(), provider).toBe('accepted');
    }
    await page.getByTestId('nav-exchanges').click();
    await page.getByTestId('exchange-row').first().waitFor();
  }, 60_000);

  async function open(query: string, tab: string): Promise<void> {
    await page.getByTestId('filter-text').fill(query);
    await expect.poll(() => page.getByTestId('exchange-row').count()).toBe(1);
    await page.getByTestId('exchange-row').first().click();
    await page.getByTestId('exchange-detail').waitFor();
    await page.getByTestId(`tab-${tab}`).click();
  }

  /** Nothing in the detail is wider than the detail pane (no sideways scrolling, no cut-off text). */
  async function widerThanPane(): Promise<string[]> {
    return page.$$eval('[data-testid=exchanges-side] *', (elements) => {
      const pane = document.querySelector('[data-testid=exchanges-side]')!.getBoundingClientRect();
      return elements
        .filter((element) => {
          const box = element.getBoundingClientRect();
          const cut =
            getComputedStyle(element).textOverflow === 'ellipsis' && element.scrollWidth > element.clientWidth;
          return box.right > pane.right + 1 || cut;
        })
        .map((element) => `${element.tagName}.${element.className} ${element.textContent?.slice(0, 40)}`);
    });
  }

  const shot = async (name: string) => {
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png` });
  };

  it('draws a waterfall of every phase the transport measured, in order, and says why the others have no time', async () => {
    await open('provider:apns', 'timeline');
    const waterfall = page.getByTestId('waterfall');
    await waterfall.waitFor();
    const phases = ['queue', 'dns', 'connect', 'tls', 'request', 'wait', 'download'];
    const legend = await Promise.all(phases.map((id) => page.getByTestId(`waterfall-phase-${id}`).textContent()));
    const segments = await page.$$eval('[data-testid^=waterfall-segment-]', (spans) =>
      spans.map((span) => ({
        id: span.getAttribute('data-testid')!.replace('waterfall-segment-', ''),
        ms: Number(span.getAttribute('data-ms')),
        left: span.getBoundingClientRect().left,
        width: span.getBoundingClientRect().width,
      })),
    );
    // The first send opened the connection: connect, TLS, request, wait and download were timed.
    for (const id of ['connect', 'tls', 'request', 'wait', 'download']) expect(segments.map((s) => s.id)).toContain(id);
    for (let i = 1; i < segments.length; i++) expect(segments[i]!.left).toBeGreaterThanOrEqual(segments[i - 1]!.left);
    for (const [index, id] of phases.entries()) {
      const segment = segments.find((s) => s.id === id);
      if (segment) expect(legend[index]).toMatch(/\d ms$/);
      else expect(legend[index]).toMatch(/none: |not measured|not reached/);
    }
    const tls = segments.find((s) => s.id === 'tls')!;
    const total = await page.getByTestId('waterfall-total').textContent();
    expect(Number(total!.replace(/[^\d.]/g, ''))).toBeGreaterThanOrEqual(tls.ms);
    expect(await widerThanPane()).toEqual([]);
    await shot('waterfall');
  });

  it('shows the whole TLS chain with names, validity, key and fingerprint, the verification and ALPN, uncut', async () => {
    await open('provider:apns', 'tls');
    await page.getByTestId('tls-tab').waitFor();
    expect(await page.getByTestId('tls-alpn').textContent()).toBe('h2');
    expect(await page.getByTestId('tls-verification').textContent()).toContain('Verified against');
    const entries = page.getByTestId('tls-chain-entry');
    expect(await entries.count()).toBeGreaterThanOrEqual(2);
    const leaf = entries.first();
    const fingerprint = /^([0-9A-F]{2}:){31}[0-9A-F]{2}/;
    expect(await leaf.getByTestId('tls-cert-sans').textContent()).toMatch(/DNS:|IP Address:/);
    expect(await leaf.getByTestId('tls-cert-key').textContent()).toMatch(/^(EC|RSA) /);
    expect(await leaf.getByTestId('tls-cert-fingerprint').textContent()).toMatch(fingerprint);
    expect(await leaf.getByTestId('tls-cert-validity').textContent()).toMatch(/^from \d{4}-.* to \d{4}-/);
    // Each certificate is issued by the next one, up to the root.
    const subjects = await entries.getByTestId('tls-cert-subject').allTextContents();
    const issuers = await entries.getByTestId('tls-cert-issuer').allTextContents();
    for (let i = 0; i + 1 < subjects.length; i++) expect(issuers[i]).toBe(subjects[i + 1]);
    expect(await page.locator('[data-testid=tls-tab] .ellipsis').count()).toBe(0);
    expect(await widerThanPane()).toEqual([]);
    await shot('tls');
  });

  it('shows the Web Push payload before encryption beside the ciphertext', async () => {
    await open('provider:webpush', 'decoded');
    const plaintext = page.getByTestId('webpush-plaintext-text');
    await plaintext.waitFor();
    const text = await plaintext.textContent();
    expect(JSON.parse(text!)).toMatchObject({ title: 'Hello from Push Console', data: { url: '/' } });
    const ciphertext = await page.getByTestId('webpush-ciphertext').textContent();
    expect(ciphertext).toMatch(/^[A-Za-z0-9+/=]+$/);
    expect(ciphertext).not.toContain('Hello');
    // Side by side at this width.
    const [plainBox, cipherBox] = await Promise.all([
      plaintext.boundingBox(),
      page.getByTestId('webpush-ciphertext').boundingBox(),
    ]);
    expect(cipherBox!.x).toBeGreaterThan(plainBox!.x + plainBox!.width - 1);
    // The VAPID JWT appears once.
    expect(await page.getByTestId('decoded-jwt').count()).toBe(1);
    expect(await page.getByTestId('webpush-vapid').count()).toBe(1);
    expect(await widerThanPane()).toEqual([]);
    await shot('webpush-decoded');
  });

  async function labels(): Promise<string[]> {
    return page.$$eval('[data-testid=decoded-tab] :is(h3, h4, dt)', (nodes) =>
      nodes.filter((node) => !node.classList.contains('mono')).map((node) => node.textContent ?? ''),
    );
  }

  it('shows each decoded fact once, labelled in words: the APNs JWT and the NH SAS', async () => {
    await open('provider:apns', 'decoded');
    await page.getByTestId('decoded-jwt').waitFor();
    const apns = await page.getByTestId('decoded-tab').textContent();
    expect(await page.getByTestId('decoded-jwt').count()).toBe(1);
    const keyId = (await page.getByTestId('jwt-header').textContent())!.match(/Key id \(kid\)(\w+)/)![1]!;
    expect(apns!.split(keyId).length - 1).toBe(1);
    for (const label of await labels()) expect(label, 'apns label').not.toMatch(/[a-z][A-Z]/);
    await shot('apns-decoded');

    await open('provider:nhub', 'decoded');
    await page.getByTestId('decoded-sas').waitFor();
    expect(await page.getByTestId('decoded-sas').count()).toBe(1);
    const nh = await page.getByTestId('decoded-tab').textContent();
    expect(nh!.split('Shared access signature').length - 1).toBe(1);
    expect(nh).not.toMatch(/keyName|expiresAt/);
    for (const label of await labels()) expect(label, 'nhub label').not.toMatch(/[a-z][A-Z]/);
    await shot('nhub-decoded');
  });

  it('draws a timeline of the listed exchanges above the list', async () => {
    await page.getByTestId('filter-text').fill('');
    await expect.poll(() => page.getByTestId('exchange-row').count()).toBeGreaterThanOrEqual(3);
    const rows = await page.getByTestId('exchange-row').count();
    await page.getByTestId('list-timeline-toggle').click();
    expect(await page.getByTestId('list-timeline-summary').textContent()).toMatch(
      new RegExp(`^${rows} exchanges from .* over [\\d.,]+ ms; 0 failed; slowest [\\d.,]+ ms`),
    );
    const started = await page.$$eval('[data-testid=list-timeline-column]', (columns) =>
      columns.reduce((sum, column) => sum + Number(column.getAttribute('data-started')), 0),
    );
    expect(started).toBe(rows);
    await shot('list-timeline');
  });
});
