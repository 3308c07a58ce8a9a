import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { audit, describeFindings } from '../support/axe';
import { missingChromium, openSandboxedApp } from '../support/browser';
import { allowClipboard, openProvider, replacePayload } from '../support/compose-page';
import { graphicContrasts } from '../support/contrast';
import type { ServedApp } from '../support/serve';
import { shot } from '../support/shots';
import { describeWithSystem } from '../support/system';

const SWIFT = `struct DeliveryAttributes: ActivityAttributes {
  struct ContentState: Codable, Hashable {
    var status: String
    var eta: Date
    var courier: String
    var stopsDone: Int
    var stopsTotal: Int
  }
  var orderId: String
}`;

/** Seconds since 2001-01-01, a Swift Date as JSONDecoder reads it by default. */
const swiftDate = (unixSeconds: number) => Math.round(unixSeconds - 978_307_200);

/** An update whose eta is `minutes` from now, on one line for the editor. */
function update(status: string, minutes: number, stopsDone: number): string {
  const now = Math.floor(Date.now() / 1000);
  return JSON.stringify({
    aps: {
      timestamp: now,
      event: 'update',
      'content-state': { status, eta: swiftDate(now + minutes * 60), courier: 'Ana', stopsDone, stopsTotal: 4 },
      'stale-date': now + 3600,
    },
  });
}

describeWithSystem('the Live Activity preview in the composer', missingChromium(), () => {
  let app: ServedApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ app, browser, page } = await openSandboxedApp({ viewport: { width: 1400, height: 900 } }));
    await allowClipboard(page);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const text = (testId: string) => page.getByTestId(testId).textContent();
  const notes = () => page.getByTestId('la-note').allTextContents();

  it('guesses a layout, follows a mapped one and the content-state as it is edited, in both themes', async () => {
    await openProvider(page, 'apns');
    await page.getByTestId('template-select').selectOption('apns.liveactivity-update');
    const preview = page.getByTestId('la-preview');
    await preview.waitFor();
    expect(await page.getByTestId('preview-ios').count(), 'a Live Activity is not shown as a banner').toBe(0);
    expect(await text('la-approximation')).toBe('Approximation: your widget’s SwiftUI layout decides the real look.');

    // Nothing mapped: the template's status and eta are guessed, and its eta (January 2026) has passed.
    expect(await text('la-layout-source')).toContain('layout guessed from key names');
    expect(await text('la-lock-title')).toBe('On the way');
    expect(await text('la-lock-timer')).toBe('0:00');
    expect(await notes()).toEqual(
      expect.arrayContaining([
        'Guessed from key names: title ← content-state.status, timer ← content-state.eta. Map them with Preview layout…',
        'timer: content-state.eta has passed; a countdown to it shows 0:00',
      ]),
    );

    // The contract for the type, then a layout kept with it.
    await page.getByTestId('contract-open').click();
    const contract = page.getByTestId('contract-dialog');
    await contract.getByTestId('contract-type').fill('DeliveryAttributes');
    await contract.getByTestId('contract-swift').fill(SWIFT);
    await contract.getByTestId('contract-read').click();
    await expect.poll(() => contract.getByTestId('contract-schema').inputValue()).toContain('"stopsTotal"');
    await contract.getByTestId('contract-save').click();
    await contract.waitFor({ state: 'detached' });

    await replacePayload(page, update('On the way', 60, 1));
    await page.getByTestId('la-layout-open').click();
    const layout = page.getByTestId('la-layout-dialog');
    await layout.waitFor();
    expect(await layout.getByTestId('la-layout-type').inputValue()).toBe('DeliveryAttributes');
    expect(await layout.getByTestId('la-layout-where').textContent()).toBe(
      'Saved with the DeliveryAttributes content-state contract in this workspace.',
    );
    expect(await layout.getByTestId('la-layout-timer').locator('option').allTextContents()).toContain(
      'content-state.eta (Date)',
    );
    await layout.getByTestId('la-layout-subtitle').selectOption('content-state.courier');
    await layout.getByTestId('la-layout-progress').selectOption('content-state.stopsDone');
    await layout.getByTestId('la-layout-progressTotal').selectOption('content-state.stopsTotal');
    await layout.getByTestId('la-layout-image').selectOption('attributes.orderId');
    await shot(layout, 'live-activity-preview-layout.png');
    expect(describeFindings(await audit(page)), 'Preview layout dialog').toBe('');
    await layout.getByTestId('la-layout-save').click();
    await layout.waitFor({ state: 'detached' });

    await expect.poll(() => text('la-layout-source')).toBe('DeliveryAttributes · layout mapped');
    expect(await text('la-lock-title')).toBe('On the way');
    expect(await text('la-lock-subtitle')).toBe('Ana');
    expect(await page.getByTestId('la-lock-progress').getAttribute('aria-valuenow')).toBe('25');
    expect(await text('la-lock-timer')).toMatch(/^(59:[0-5]\d|1:00:00)$/);
    expect(await text('la-compact-leading')).toBe('On the way');
    expect(await text('la-compact-trailing')).toMatch(/^(59:[0-5]\d|1:00:00)$/);
    expect(await text('la-island-minimal')).toMatch(/^(59:[0-5]\d|1:00:00)$/);
    expect(await text('la-expanded-title')).toBe('On the way');
    expect(await text('la-expanded-subtitle')).toBe('Ana');
    expect(await page.getByTestId('la-expanded-progress').getAttribute('aria-valuenow')).toBe('25');
    // An update carries no attributes: the image key is said to be missing, not drawn.
    expect(await notes()).toEqual([
      'image: attributes.orderId is set when the activity starts; an update does not carry it',
    ]);
    // The timer runs as on a device.
    const first = await text('la-lock-timer');
    await expect.poll(() => text('la-lock-timer'), { timeout: 5_000 }).not.toBe(first);

    // The preview follows the content-state as it is edited.
    await replacePayload(page, update('Arriving', 5, 3));
    await expect.poll(() => text('la-lock-title')).toBe('Arriving');
    expect(await page.getByTestId('la-lock-progress').getAttribute('aria-valuenow')).toBe('75');
    expect(await text('la-lock-timer')).toMatch(/^(4:[0-5]\d|5:00)$/);
    expect(await text('la-expanded-timer')).toMatch(/^(4:[0-5]\d|5:00)$/);

    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(describeFindings(await audit(page)), `Live Activity preview (${colorScheme})`).toBe('');
      const low = (await graphicContrasts(page, '.la-fill')).filter((shape) => shape.ratio < 3);
      expect(low, `progress fill below 3:1 (${colorScheme})`).toEqual([]);
      await shot(page.getByTestId('preview'), `live-activity-preview-${colorScheme}.png`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('keeps the layout when the contract is saved again, and says a wrong-typed key in words', async () => {
    await page.getByTestId('contract-open').click();
    const contract = page.getByTestId('contract-dialog');
    await expect.poll(() => contract.getByTestId('contract-swift').inputValue()).toBe(SWIFT);
    await contract.getByTestId('contract-save').click();
    await contract.waitFor({ state: 'detached' });
    await expect.poll(() => text('la-layout-source')).toBe('DeliveryAttributes · layout mapped');

    const now = Math.floor(Date.now() / 1000);
    const wrong = { status: 'Late', eta: '2026-12-31T10:00:00Z', courier: 'Ana', stopsDone: 'two', stopsTotal: 4 };
    await replacePayload(page, JSON.stringify({ aps: { timestamp: now, event: 'update', 'content-state': wrong } }));
    await expect.poll(() => text('la-lock-title')).toBe('Late');
    expect(await page.getByTestId('la-lock-timer').count()).toBe(0);
    expect(await page.getByTestId('la-lock-progress').count()).toBe(0);
    expect(await notes()).toEqual(
      expect.arrayContaining([
        'progress: content-state.stopsDone is a string "two"; ProgressView needs a number',
        'timer: content-state.eta is a string "2026-12-31T10:00:00Z"; with the deferredToDate date strategy a Date is seconds since 2001-01-01 (the default, which ActivityKit uses)',
      ]),
    );

    // A start carries its attributes: the mapped image shows as a placeholder named by its value.
    const start = {
      timestamp: now,
      event: 'start',
      'content-state': { ...wrong, stopsDone: 2 },
      'attributes-type': 'DeliveryAttributes',
      attributes: { orderId: '1024' },
      alert: { title: 'Order 1024', body: 'On its way' },
    };
    await replacePayload(page, JSON.stringify({ aps: start }));
    await expect.poll(() => page.getByTestId('la-lock-image').getAttribute('aria-label')).toBe('Image 1024');
    expect(await page.getByTestId('la-compact-image').getAttribute('aria-label')).toBe('Image 1024');
    expect(await page.getByTestId('la-lock-progress').getAttribute('aria-valuenow')).toBe('50');
    await shot(page.getByTestId('preview'), 'live-activity-preview-start.png');

    // An end leaves the Dynamic Island.
    await replacePayload(page, JSON.stringify({ aps: { timestamp: now, event: 'end', 'content-state': wrong } }));
    await page.getByTestId('la-island-ended').waitFor();
    expect(await page.getByTestId('la-island-compact').count()).toBe(0);
  });
});
