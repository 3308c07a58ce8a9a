import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Provider } from '../../shared/domain/exchange';
import { PROVIDER_SPECS } from '../../shared/providers';
import { launchChromium, missingChromium } from '../support/browser';
import {
  allowClipboard,
  editorText,
  expectIssue,
  inboxPayloads,
  openProvider,
  pickTemplate,
  preflightIssue,
  replacePayload,
  sendWithKeyboard,
  setUpSandbox,
  type ShownResult,
} from '../support/compose-page';
import { startServed, type ServedApp } from '../support/serve';
import { describeWithSystem } from '../support/system';

/** A gallery template's payload and options, as the test edits them. */
function template(provider: Provider, name: string) {
  const found = PROVIDER_SPECS[provider].templates.find((t) => t.name === name);
  if (!found) throw new Error(`no ${provider} template named ${name}`);
  return found;
}
const json = (provider: Provider, name: string) =>
  JSON.parse(template(provider, name).payload) as Record<string, unknown>;
/** A template's XML on one line, so it can be typed into the editor as is. */
const oneLine = (xml: string) => xml.replace(/>\s+</g, '><').trim();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Each provider: a gallery template, an edit that a preflight rule of that provider reports,
// an edit that clears it, a send, and the result panel and the emulator's inbox agreeing.
describeWithSystem('the composer, per provider, against the local emulators', missingChromium(), () => {
  let app: ServedApp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    app = await startServed();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}\n${error.stack}`));
    await page.goto(app.url);
    await page.getByTestId('app-frame').waitFor();
    await allowClipboard(page);
    await setUpSandbox(page);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  /** The one inbox item carrying this marker: the send arrived once, with the edited payload. */
  async function delivered(provider: Provider, marker: string): Promise<string> {
    let matching: string[] = [];
    await expect
      .poll(
        async () => {
          matching = (await inboxPayloads(page, provider)).filter((payload) => payload.includes(marker));
          return matching.length;
        },
        { timeout: 10_000 },
      )
      .toBe(1);
    return matching[0]!;
  }

  function accepted(result: ShownResult, status: string) {
    expect(result.outcome).toBe('accepted');
    expect(result.status).toBe(status);
  }

  it('APNs: a string badge is an error until it is a number; the push arrives as edited', async () => {
    await openProvider(page, 'apns');
    await pickTemplate(page, 'Alert with sound');
    // The template's example bundle id gave way to the sandbox profile's topic.
    await expect.poll(() => page.locator('#opt-topic').inputValue()).toBe('dev.pushconsole.sandbox');
    // Priority is one of APNs' three values, chosen rather than typed (a 7 would fail the contract).
    expect(await page.locator('#opt-priority option').allTextContents()).toEqual(['—', '10', '5', '1']);
    const payload = json('apns', 'Alert with sound');
    const aps = payload['aps'] as Record<string, unknown>;
    await replacePayload(page, JSON.stringify({ ...payload, aps: { ...aps, badge: '3' } }));
    await expectIssue(page, 'apns.badge.type');
    expect(await preflightIssue(page, 'apns.badge.type').textContent()).toContain(
      '"badge" must be a whole number (0 clears it)',
    );
    expect(await page.getByTestId('send').isDisabled()).toBe(true);

    const marker = `apns-edited-${Date.now()}`;
    await replacePayload(page, JSON.stringify({ ...payload, aps: { ...aps, alert: marker, badge: 3 } }));
    await expectIssue(page, 'apns.badge.type', false);
    const result = await sendWithKeyboard(page);
    accepted(result, '200');
    expect(result.ids['apns-id']).toMatch(UUID);
    const received = JSON.parse(await delivered('apns', marker)) as { aps: Record<string, unknown> };
    expect(received.aps).toEqual({ alert: marker, badge: 3, sound: 'default' });
  });

  it('FCM: a number in data is offered a fix; applying it clears the error and the send is accepted', async () => {
    await openProvider(page, 'fcm');
    await pickTemplate(page, 'Data-only message');
    const marker = `fcm-edited-${Date.now()}`;
    const data = json('fcm', 'Data-only message')['data'] as Record<string, unknown>;
    await replacePayload(page, JSON.stringify({ data: { ...data, id: 42, marker } }));
    await expectIssue(page, 'fcm.data.not-string');
    const issue = preflightIssue(page, 'fcm.data.not-string');
    expect(await issue.textContent()).toContain('Data value "id" must be a string');
    expect(await page.getByTestId('send').isDisabled()).toBe(true);

    await issue.getByTestId('preflight-fix').click();
    await expectIssue(page, 'fcm.data.not-string', false);
    expect(JSON.parse(await editorText(page))).toEqual({ data: { ...data, id: '42', marker } });
    // The keyboard stays in the editor rather than falling to the page with the vanished button.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('textbox');

    const result = await sendWithKeyboard(page);
    accepted(result, '200');
    const name = result.ids['name'];
    expect(name).toMatch(/^projects\/[\w-]+\/messages\/\S+$/);
    const received = await delivered('fcm', marker);
    expect(received).toContain('"id":"42"');
  });

  it('WNS: malformed toast XML is an error until it is well formed; the toast arrives as edited', async () => {
    await openProvider(page, 'wns');
    await pickTemplate(page, 'Toast: text');
    const xml = oneLine(template('wns', 'Toast: text').payload);
    expect(xml).toContain('<text>Build finished</text>');
    await replacePayload(page, xml.replace('</binding>', ''));
    await expectIssue(page, 'wns.xml.malformed');
    expect(await page.getByTestId('send').isDisabled()).toBe(true);

    const marker = `wns-edited-${Date.now()}`;
    const edited = xml.replace('Build finished', marker);
    await replacePayload(page, edited);
    await expectIssue(page, 'wns.xml.malformed', false);
    const result = await sendWithKeyboard(page);
    accepted(result, '200');
    expect(result.ids['X-WNS-Msg-ID']).toMatch(/^\S+$/);
    expect((await delivered('wns', marker)).replace(/>\s+</g, '><').trim()).toBe(edited);
  });

  it('Web Push: a body too large once encrypted is an error until it is short; the push decrypts as edited', async () => {
    await openProvider(page, 'webpush');
    await pickTemplate(page, 'Notification');
    const payload = json('webpush', 'Notification');
    await replacePayload(page, JSON.stringify({ ...payload, body: 'x'.repeat(4000) }));
    await expectIssue(page, 'webpush.payload.too-large');
    const size = await page.getByTestId('size-meter').textContent();
    expect(await preflightIssue(page, 'webpush.payload.too-large').textContent()).toContain(
      `Encrypted payload is ${size!.split(' / ')[0]} bytes; Web Push allows 4,096`,
    );

    const marker = `webpush-edited-${Date.now()}`;
    const edited = JSON.stringify({ ...payload, body: marker });
    await replacePayload(page, edited);
    await expectIssue(page, 'webpush.payload.too-large', false);

    // Without a TTL push services answer 400; the offered fix sets four weeks.
    await page.locator('#opt-ttl').fill('');
    await expectIssue(page, 'webpush.ttl.missing');
    await preflightIssue(page, 'webpush.ttl.missing').getByTestId('preflight-fix').click();
    await expectIssue(page, 'webpush.ttl.missing', false);
    expect(await page.locator('#opt-ttl').inputValue()).toBe('2419200');
    const result = await sendWithKeyboard(page);
    accepted(result, '201');
    expect(result.ids['location']).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/\S+$/);
    expect(JSON.parse(await delivered('webpush', marker))).toEqual(JSON.parse(edited));
  });

  it('Notification Hubs: an apple payload without aps is warned about; with it, the hub delivers as edited', async () => {
    await openProvider(page, 'nhub');
    await pickTemplate(page, 'iOS alert (apple)');
    const payload = json('nhub', 'iOS alert (apple)');
    await replacePayload(page, JSON.stringify({ apx: payload['aps'] }));
    await expectIssue(page, 'nhub.apple.no-aps');
    // A warning informs and does not block.
    expect(await page.getByTestId('send').isEnabled()).toBe(true);

    const marker = `nhub-edited-${Date.now()}`;
    const aps = payload['aps'] as Record<string, unknown>;
    const edited = JSON.stringify({ aps: { ...aps, alert: { title: marker, body: 'via the hub' } } });
    await replacePayload(page, edited);
    await expectIssue(page, 'nhub.apple.no-aps', false);
    const result = await sendWithKeyboard(page);
    accepted(result, '201');
    expect(result.ids['notificationId']).toMatch(/^\S+$/);
    expect(JSON.parse(await delivered('nhub', marker))).toEqual(JSON.parse(edited));
  });

  it('showed no stack trace and threw nothing in the page', async () => {
    expect(pageErrors).toEqual([]);
    expect(await page.locator('body').textContent()).not.toMatch(/\bat \S+ \(.*:\d+:\d+\)/);
  });
});
