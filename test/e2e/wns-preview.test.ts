import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { wnsPreview, type TileView, type ToastView } from '../../shared/providers/wns/preview';
import { wnsTemplates } from '../../shared/providers/wns/templates';
import { launchChromium, missingChromium } from '../support/browser';
import { shot } from '../support/shots';
import { describeWithSystem } from '../support/system';

/** A solid-colour PNG made here, served for every template image (the tests never go online). */
function png(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x80)]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A toast with an image from every place Windows reads one: the web, the app package, app data, inline data. */
const SOURCES_TOAST = (dataUri: string) => `<toast><visual><binding template="ToastGeneric">
<text>Sources</text>
<image placement="hero" src="https://cdn.example.com/img/hero.png"/>
<image placement="appLogoOverride" src="ms-appx:///Assets/logo.png"/>
<image src="ms-appdata:///local/photo.jpg"/>
<image src="${dataUri}"/>
</binding></visual></toast>`;

const ENTRY = (dataUri: string) => `
import { createRoot } from 'react-dom/client';
import { WnsPreview } from './renderer/features/compose/wns/WnsPreview';
import { wnsTemplates } from './shared/providers/wns/templates';
const root = createRoot(document.getElementById('root'));
const all = [...wnsTemplates, { id: 'sources', options: { type: 'toast' }, payload: ${JSON.stringify(SOURCES_TOAST(dataUri))} }];
root.render(all.map((t) => (
  <section key={t.id} data-template={t.id} style={{ padding: 16, display: 'inline-block' }}>
    <WnsPreview type={t.options.type ?? 'toast'} payload={t.payload} appName="Contoso" />
  </section>
)));
`;

/** The renderer's own Content-Security-Policy, as index.html declares it: the preview runs under it. */
const APP_CSP = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(
  readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8'),
)![1]!;

describeWithSystem('WNS preview in Chromium, per template', missingChromium(), () => {
  let browser: Browser;
  let page: Page;
  const outside: string[] = [];

  beforeAll(async () => {
    const image = png(32, 32);
    const dataUri = `data:image/png;base64,${image.toString('base64')}`;
    const bundle = await build({
      stdin: { contents: ENTRY(dataUri), resolveDir: process.cwd(), loader: 'tsx' },
      bundle: true,
      write: false,
      format: 'iife',
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'silent',
    });
    browser = await launchChromium();
    page = await browser.newPage();
    // The page and its script come from one made-up origin, under the app's CSP; any other request
    // (a template's remote image, were one still asked for) is refused and noted.
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url === 'http://preview.test/')
        return route.fulfill({
          status: 200,
          contentType: 'text/html',
          body: `<!doctype html><meta http-equiv="Content-Security-Policy" content="${APP_CSP}"><body style="background:#202020;margin:0"><div id="root"></div><script src="/bundle.js"></script></body>`,
        });
      if (url === 'http://preview.test/bundle.js')
        return route.fulfill({ status: 200, contentType: 'text/javascript', body: bundle.outputFiles[0]!.text });
      outside.push(url);
      return route.abort();
    });
    await page.goto('http://preview.test/');
    await page.locator('section[data-template="sources"]').waitFor();
    await page.waitForFunction(() => Array.from(document.images).every((img) => img.complete));
  });

  afterAll(async () => {
    await browser?.close();
  });

  const section = (id: string) => page.locator(`section[data-template="${id}"]`);

  it('shows each toast template with its texts, buttons, and its remote images named, not broken', async () => {
    for (const template of wnsTemplates.filter((t) => (t.options.type ?? 'toast') === 'toast')) {
      const view = wnsPreview('toast', template.payload) as ToastView;
      const el = section(template.id);
      expect(await el.getByTestId('wns-title').textContent(), template.id).toBe(view.title);
      expect(await el.getByTestId('wns-body').allTextContents(), template.id).toEqual(view.bodyLines);
      expect(await el.getByTestId('wns-button').allTextContents(), template.id).toEqual(
        view.buttons.map((b) => b.content),
      );
      const expectedImages = [view.hero, view.appLogo, ...view.images].flatMap((image) => (image ? [image.src] : []));
      // The CSP keeps remote images out: each is a labelled placeholder with its URL, never a broken <img>.
      expect(await el.locator('img').count(), template.id).toBe(0);
      expect(
        await el.getByTestId('wns-image-placeholder').evaluateAll((els) => els.map((e) => e.getAttribute('data-src'))),
        template.id,
      ).toEqual(expectedImages);
      if (expectedImages.length > 0)
        expect(await el.getByTestId('wns-images-not-loaded').locator('li').allTextContents(), template.id).toEqual([
          ...new Set(expectedImages.map((src) => `Remote image: ${src} — not loaded in the preview`)),
        ]);
      if (view.attribution) expect(await el.getByTestId('wns-attribution').textContent()).toBe(view.attribution);
      const image = await el.getByTestId('wns-toast').screenshot();
      const box = (await el.getByTestId('wns-toast').boundingBox())!;
      // The screenshot is the toast itself: 364 px wide (Windows 11 toast width) and as tall as its content.
      expect(image.readUInt32BE(16)).toBe(Math.round(box.width));
      expect(Math.round(box.width), template.id).toBe(366);
      expect(box.height).toBeGreaterThan(60);
    }
  });

  it('shows each tile size at its Windows pixel size, with texts and branding', async () => {
    const template = wnsTemplates.find((t) => t.id === 'wns-tile-all-sizes')!;
    const view = wnsPreview('tile', template.payload) as TileView;
    const sizes: Record<string, [number, number]> = {
      small: [71, 71],
      medium: [150, 150],
      wide: [310, 150],
      large: [310, 310],
    };
    for (const binding of view.bindings) {
      const face = section(template.id).getByTestId(`wns-tile-${binding.size}`);
      const box = (await face.locator('> div').boundingBox())!;
      expect([box.width, box.height]).toEqual(sizes[binding.size!]);
      expect(await face.getByTestId('wns-tile-text').allTextContents()).toEqual(binding.texts.map((t) => t.text));
      const branding = await face.getByTestId('wns-tile-branding').textContent();
      expect(branding).toContain(binding.size === 'small' ? '▣' : 'Push Console');
      expect((await face.screenshot()).length).toBeGreaterThan(100);
    }
  });

  it('shows each badge and says raw notifications show nothing', async () => {
    for (const template of wnsTemplates.filter((t) => t.options.type === 'badge')) {
      const value = /value="([^"]+)"/.exec(template.payload)![1]!;
      const badge = section(template.id).getByTestId('wns-badge');
      if (value === 'none') expect(await badge.count()).toBe(0);
      else expect(await badge.textContent(), template.id).toBe(value);
    }
    for (const template of wnsTemplates.filter((t) => t.options.type === 'raw')) {
      expect(await section(template.id).getByTestId('wns-raw').textContent()).toContain('nothing is shown');
    }
  });

  it('names remote, ms-appx and ms-appdata images in a framed placeholder, and shows inline data images', async () => {
    const el = section('sources');
    const placeholders = el.getByTestId('wns-image-placeholder');
    expect(await placeholders.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual([
      'Remote image: https://cdn.example.com/img/hero.png — not loaded in the preview',
      'App package image (ms-appx): ms-appx:///Assets/logo.png — not loaded in the preview',
      'App data image (ms-appdata): ms-appdata:///local/photo.jpg — not loaded in the preview',
    ]);
    expect(await el.locator('[data-role="hero"]').textContent()).toBe(
      'Remote image: https://cdn.example.com/img/hero.png — not loaded in the preview',
    );
    // The hero's placeholder keeps the hero's frame: the toast's width, 180 px tall, its border drawn.
    const hero = (await el.locator('[data-role="hero"]').boundingBox())!;
    expect([Math.round(hero.width), Math.round(hero.height)]).toEqual([364, 180]);
    expect(await el.locator('[data-role="hero"]').evaluate((e) => getComputedStyle(e).borderTopStyle)).toBe('dashed');
    // The one image the CSP allows (data:) is drawn; no <img> on the page is broken.
    const images = await page
      .locator('img')
      .evaluateAll((imgs) =>
        imgs.map((img) => [(img as HTMLImageElement).complete, (img as HTMLImageElement).naturalWidth]),
      );
    expect(images).toEqual([[true, 32]]);
    await shot(el, 'wns-preview-sources.png');
  });

  it('never reached for anything outside the page', () => {
    expect(outside).toEqual([]);
  });
});
