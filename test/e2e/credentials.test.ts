import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateFixtures, P12_PASSPHRASE, TEAM_ID, type Fixtures } from '../fixtures/generate';
import { launchChromium, missingChromium } from '../support/browser';
import { startServed, type ServedApp } from '../support/serve';
import { describeWithSystem } from '../support/system';

describeWithSystem('Credentials screen', missingChromium(), () => {
  let app: ServedApp;
  let browser: Browser;
  let page: Page;
  let fx: Fixtures;
  const nhubKey = `PLANTED-nhub-${randomUUID()}=`;

  beforeAll(async () => {
    fx = generateFixtures();
    app = await startServed();
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(app.url);
    await page.getByTestId('app-frame').waitFor();
    await page.keyboard.press('Control+2');
    await page.getByTestId('credentials').waitFor();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (fx) rmSync(fx.dir, { recursive: true, force: true });
  });

  const rows = () => page.getByTestId('credential-row');
  const row = (text: string) => rows().filter({ hasText: text });

  async function openImport(kind: string) {
    await page.getByTestId('cred-import').click();
    await page.getByTestId('cred-kind').selectOption(kind);
  }
  async function submitAndWaitClosed() {
    await page.getByTestId('cred-import-submit').click();
    await page.getByTestId('credential-import').waitFor({ state: 'detached' });
  }

  it('says secrets are memory-only when started with --ephemeral-secrets', async () => {
    await expect.poll(() => page.getByTestId('cred-ephemeral').textContent()).toMatch(/memory only/);
  });

  it('imports an APNs key from a picked file, with the key id taken from its name', async () => {
    await openImport('apns-token');
    await page.getByTestId('cred-file').setInputFiles({
      name: 'AuthKey_ABC123DEFG.p8',
      mimeType: 'application/octet-stream',
      buffer: readFileSync(fx.p8),
    });
    await page.getByTestId('cred-team-id').fill(TEAM_ID);
    await submitAndWaitClosed();
    await expect.poll(() => row('APNs key ABC123DEFG').count()).toBe(1);
    expect(await row('APNs key ABC123DEFG').textContent()).toContain(TEAM_ID);
  });

  it('shows the specific error inline, then imports once the passphrase is given', async () => {
    await openImport('apns-certificate');
    await page.getByTestId('cred-file').setInputFiles({
      name: 'push.p12',
      mimeType: 'application/x-pkcs12',
      buffer: readFileSync(fx.p12WithPassphrase),
    });
    await page.getByTestId('cred-import-submit').click();
    await expect
      .poll(() => page.getByTestId('cred-import-error').textContent())
      .toContain('This .p12 needs a passphrase.');
    await page.getByTestId('cred-passphrase').fill(P12_PASSPHRASE);
    await submitAndWaitClosed();
    await expect.poll(() => row('com.example.app').count()).toBeGreaterThan(0);
    expect(await row('com.example.app').first().textContent()).toContain('universal');
  });

  it('badges an expired certificate', async () => {
    await openImport('apns-certificate');
    await page.getByTestId('cred-label').fill('Old cert');
    await page
      .getByTestId('cred-file')
      .setInputFiles({ name: 'old.p12', mimeType: 'application/x-pkcs12', buffer: readFileSync(fx.p12Expired) });
    await page.getByTestId('cred-passphrase').fill(P12_PASSPHRASE);
    await submitAndWaitClosed();
    await expect
      .poll(() => row('Old cert').textContent())
      .toMatch(/Expired.*Expired on \d{4}-\d{2}-\d{2}; sends are blocked/);
  });

  it('imports Notification Hubs, tests, renames and deletes with confirmation', async () => {
    await openImport('nhub');
    await page
      .getByTestId('cred-connection-string')
      .fill(`Endpoint=sb://ui-ns.servicebus.windows.net/;SharedAccessKeyName=Full;SharedAccessKey=${nhubKey}`);
    await page.getByTestId('cred-hub-name').fill('orders');
    await submitAndWaitClosed();
    const hub = row('ui-ns/orders');
    await expect.poll(() => hub.count()).toBe(1);
    await hub.getByTestId('cred-test').click();
    await expect
      .poll(() => hub.getByTestId('cred-test-result').textContent())
      .toMatch(
        /^✓ SAS token signed for https:\/\/ui-ns\.servicebus\.windows\.net\/orders with key "Full", valid until /,
      );

    await hub.getByTestId('cred-rename').click();
    await page.getByTestId('cred-rename-input').fill('Orders hub');
    await page.getByTestId('cred-rename-submit').click();
    await expect.poll(() => row('Orders hub').count()).toBe(1);

    await row('Orders hub').getByTestId('cred-delete').click();
    await page.getByTestId('cred-delete-confirm').click();
    await expect.poll(() => row('Orders hub').count()).toBe(0);
  });

  it('generates VAPID keys in main and shows the public key for copying', async () => {
    await page.getByTestId('cred-generate-vapid').click();
    await page.getByTestId('cred-vapid-subject').fill('mailto:ops@example.com');
    await page.getByTestId('cred-vapid-generate').click();
    const publicKey = await page.getByTestId('cred-vapid-public').inputValue();
    expect(publicKey).toMatch(/^B[A-Za-z0-9_-]{86}$/);
    await page.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => rows().filter({ hasText: publicKey }).count()).toBe(1);
  });

  it('keeps every secret out of the DOM', async () => {
    const html = await page.content();
    const keyLines = readFileSync(fx.p8, 'utf8')
      .split('\n')
      .filter((line) => line.length > 40 && !line.startsWith('-----'));
    for (const secret of [P12_PASSPHRASE, nhubKey, ...keyLines]) expect(html).not.toContain(secret);
    expect(html).toContain(TEAM_ID);
  });
});
