import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { missingChromium } from '../support/browser';
import { openSeededExchanges, type SeededExchanges } from '../support/inspector-seed';
import { describeWithSystem } from '../support/system';

/** Elements in `pane` that stick out of it sideways, and whether the pane itself scrolls sideways. */
function overflowIn(page: Page, pane: string) {
  return page.evaluate((selector) => {
    const box = document.querySelector(selector)!;
    const edge = box.getBoundingClientRect();
    const out: string[] = [];
    for (const element of box.querySelectorAll('*')) {
      const rect = element.getBoundingClientRect();
      if (rect.width === 0) continue;
      if (rect.right > edge.right + 1 || rect.left < edge.left - 1) {
        out.push(`${element.tagName.toLowerCase()}.${element.className} ${Math.round(rect.width)}px`);
      }
    }
    const scrollers = [box, ...box.querySelectorAll('*')].filter(
      (e) => e.scrollWidth > e.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX),
    );
    return { out: out.slice(0, 5), sideways: scrollers.map((e) => e.className).slice(0, 5) };
  }, pane);
}

describeWithSystem('The Exchanges screen at 1280×800: an inspector layout', missingChromium(), () => {
  let seeded: SeededExchanges;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    seeded = await openSeededExchanges(200);
    ({ page, errors } = seeded);
  }, 60_000);

  afterAll(() => seeded?.close());

  const row = (id: string) => page.locator(`[data-testid=exchange-row][data-exchange-id="${id}"]`);

  it('lists Method, URL, Status and Duration, and marks token fetches without the send’s reason', async () => {
    const head = await page.locator('.exchange-row-head').textContent();
    for (const column of ['Method', 'URL', 'Status', 'Duration']) expect(head).toContain(column);
    expect(await row('ex-197').locator('[data-testid=row-reason]').textContent()).toBe('received');
    const token = row('ex-197-token');
    expect(await token.getAttribute('data-purpose')).toBe('auth');
    expect(await token.getByTestId('purpose-auth').textContent()).toBe('token');
    expect(await token.locator('[data-testid=row-reason]').textContent()).toBe('');
    expect(await token.getByTestId('row-status').textContent()).toBe('200');
  });

  it('wraps long header values and URLs: nothing is wider than its pane, nothing scrolls sideways', async () => {
    await row('ex-195').click();
    await page.getByTestId('exchange-detail').waitFor();
    for (const tab of ['timeline', 'request', 'response', 'decoded', 'tls']) {
      await page.getByTestId(`tab-${tab}`).click();
      expect(await overflowIn(page, '.split-pane-second'), tab).toEqual({ out: [], sideways: [] });
    }
    await page.getByTestId('tab-request').click();
    await page.getByTestId('request-view-raw').click();
    expect(await overflowIn(page, '.split-pane-second')).toEqual({ out: [], sideways: [] });
    expect(await overflowIn(page, '.split-pane-first')).toEqual({ out: [], sideways: [] });
  });

  it('has a copy button on every header value, and says so in a toast that floats and goes away', async () => {
    await page.getByTestId('request-view-pretty').click();
    const headerRows = page.locator('[data-testid=request-headers] tr');
    const n = await headerRows.count();
    expect(n).toBeGreaterThan(4);
    expect(await page.locator('[data-testid=request-headers] [data-testid=copy-value]').count()).toBe(n);
    const listTop = (await page.getByTestId('split-pane').boundingBox())!.y;
    await headerRows.nth(1).getByTestId('copy-value').click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^\/3\/device\/[0-9A-F]{8}(ab12){38}$/);
    const toast = page.getByTestId('exchanges-notice');
    expect(await toast.textContent()).toBe('Copied :path.');
    expect(await toast.evaluate((element) => getComputedStyle(element).position)).toBe('fixed');
    expect((await page.getByTestId('split-pane').boundingBox())!.y).toBe(listTop);
    await page.getByTestId('copy-curl').click();
    await expect.poll(() => toast.textContent()).toBe('Copied as curl (redacted).');
    await expect.poll(() => toast.count(), { timeout: 8000 }).toBe(0);
  });

  it('resizes the list/detail split and remembers its size', async () => {
    const width = async () => (await page.locator('.split-pane-first').boundingBox())!.width;
    const before = await width();
    await page.getByTestId('split-divider').focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
    expect(await width()).toBe(before - 96);
    const divider = (await page.getByTestId('split-divider').boundingBox())!;
    await page.mouse.move(divider.x + 4, divider.y + 100);
    await page.mouse.down();
    await page.mouse.move(divider.x + 54, divider.y + 100, { steps: 5 });
    await page.mouse.up();
    expect(await width()).toBe(before - 46);
    await page.reload();
    await page.getByTestId('nav-exchanges').click();
    await page.getByTestId('exchange-row').first().waitFor();
    expect(await width()).toBe(before - 46);
  });

  it('shows both sides of Compare at 1280 px', async () => {
    await page.getByTestId('exchange-check').nth(0).check();
    await page.getByTestId('exchange-check').nth(5).check();
    await page.getByTestId('compare').click();
    await page.getByTestId('compare-view').waitFor();
    const pane = (await page.locator('.split-pane-second').boundingBox())!;
    const heads = page.getByTestId('compare-headers').first().locator('thead th:not(.diff-mark)');
    expect(await heads.count()).toBe(3);
    for (let i = 0; i < 3; i++) {
      const box = (await heads.nth(i).boundingBox())!;
      expect(box.width).toBeGreaterThan(80);
      expect(box.x + box.width).toBeLessThanOrEqual(pane.x + pane.width + 1);
    }
    expect(await overflowIn(page, '.split-pane-second')).toEqual({ out: [], sideways: [] });
    expect(errors).toEqual([]);
  });
});
