import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { WnsPreview } from '../../../../../../renderer/features/compose/wns/WnsPreview';
import { wnsTemplates } from '../../../../../../shared/providers/wns/templates';

const render = (id: string) => {
  const template = wnsTemplates.find((t) => t.id === id)!;
  return renderToStaticMarkup(
    <WnsPreview type={template.options.type ?? 'toast'} payload={template.payload} appName="Contoso" />,
  );
};
const count = (html: string, marker: string) => html.split(marker).length - 1;

describe('WnsPreview', () => {
  it('renders a toast with app name, title, body and attribution', () => {
    const html = render('wns-toast-text');
    expect(html).toContain('data-testid="wns-app">Contoso<');
    expect(html).toContain('data-testid="wns-title">Build finished<');
    expect(html).toContain('data-testid="wns-body">All 212 tests passed on main.<');
    expect(html).toContain('data-testid="wns-attribution">via Push Console<');
    expect(html).not.toContain('wns-unsupported');
  });

  it('names the remote hero, circular app logo and inline image the CSP keeps out, never an <img>', () => {
    const html = render('wns-toast-images');
    expect(html).not.toContain('<img');
    expect(html).toMatch(
      /aria-label="Harbour. Remote image: https:\/\/picsum.photos\/id\/1015\/728\/360 — not loaded in the preview"[^>]*data-role="hero"/,
    );
    expect(html).toMatch(
      /aria-label="Ada. Remote image: [^"]+"[^>]*data-role="app-logo"[^>]*style="[^"]*border-radius:50%/,
    );
    expect(count(html, 'data-role="inline"')).toBe(1);
  });

  it('renders inputs and buttons, coloured for Success and Critical', () => {
    const actions = render('wns-toast-actions');
    expect(count(actions, 'data-testid="wns-button"')).toBe(3);
    expect(actions).toContain('Type a reply');
    const call = render('wns-toast-incoming-call');
    expect(call).toMatch(/background:#0f7b0f[^>]*>Answer</);
    expect(call).toMatch(/background:#c42b1c[^>]*>Decline</);
    expect(call).toContain('Looping.Call (loop)');
  });

  it('renders each tile size with branding', () => {
    const html = render('wns-tile-all-sizes');
    for (const size of ['small', 'medium', 'wide', 'large']) expect(html).toContain(`data-testid="wns-tile-${size}"`);
    expect(count(html, 'data-role="peek"')).toBe(3);
    // Small tiles never show the name.
    expect(count(html, 'Push Console</div>')).toBe(3);
  });

  it('renders badge numbers and glyphs, raw notes and XML errors', () => {
    expect(render('wns-badge-number')).toContain('data-testid="wns-badge"');
    expect(render('wns-badge-number')).toMatch(/>7<\/span>/);
    expect(render('wns-badge-alert')).toMatch(/>alert<\/span>/);
    expect(render('wns-raw-text')).toContain('Raw notification (8 bytes)');
    expect(renderToStaticMarkup(<WnsPreview type="toast" payload="<toast><visual></toast>" />)).toContain(
      'Line 1, column 16: &lt;/toast&gt; does not match &lt;visual&gt;',
    );
  });

  it('flags unsupported elements', () => {
    const html = renderToStaticMarkup(<WnsPreview type="toast" payload="<toast><blink/></toast>" />);
    expect(html).toContain('&lt;blink&gt; is not part of the schema; Windows ignores it.');
  });
});
