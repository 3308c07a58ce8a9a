import { describe, expect, it } from 'vitest';
import { preflightWns } from '../../../../../shared/providers/wns/preflight';
import { WNS_BADGE_GLYPHS, wnsOptionsSchema } from '../../../../../shared/providers/wns/message';
import { PROVIDER_SPECS } from '../../../../../shared/providers';
import { wnsTemplates } from '../../../../../shared/providers/wns/templates';
import { findAll, parseXml } from '../../../../../shared/xml/parse';

const channel = `https://wns2-by3p.notify.windows.com/?token=AwYAAAD${'x'.repeat(80)}`;

describe('WNS templates', () => {
  it.each(wnsTemplates.map((t) => [t.id, t] as const))(
    '%s passes preflight with no errors or warnings',
    (_id, template) => {
      expect(wnsOptionsSchema.safeParse(template.options).success).toBe(true);
      const issues = preflightWns({ target: channel, options: template.options, payload: template.payload });
      expect(issues.filter((issue) => issue.severity !== 'info')).toEqual([]);
    },
  );

  it('has unique ids and is in the gallery', () => {
    expect(new Set(wnsTemplates.map((t) => t.id)).size).toBe(wnsTemplates.length);
    expect(PROVIDER_SPECS.wns.templates).toBe(wnsTemplates);
  });

  function root(id: string) {
    const result = parseXml(wnsTemplates.find((t) => t.id === id)!.payload);
    if (!result.ok) throw new Error(result.message);
    return result.root;
  }

  it('covers the toast scenarios, images, actions with input, and audio', () => {
    expect(
      ['alarm', 'reminder', 'incomingCall'].map((s) => wnsTemplates.some((t) => t.payload.includes(`scenario="${s}"`))),
    ).toEqual([true, true, true]);
    const images = findAll(root('wns-toast-images'), 'image').map((i) => i.attributes['placement'] ?? 'inline');
    expect(images).toEqual(['appLogoOverride', 'hero', 'inline']);
    expect(findAll(root('wns-toast-actions'), 'input')).toHaveLength(1);
    expect(findAll(root('wns-toast-audio'), 'audio')[0]?.attributes['src']).toBe('ms-winsoundevent:Notification.IM');
  });

  it('covers every tile size with branding and peek images', () => {
    const tile = root('wns-tile-all-sizes');
    expect(findAll(tile, 'binding').map((b) => b.attributes['template'])).toEqual([
      'TileSmall',
      'TileMedium',
      'TileWide',
      'TileLarge',
    ]);
    expect(findAll(tile, 'visual')[0]?.attributes['branding']).toBe('nameAndLogo');
    expect(findAll(tile, 'image').every((i) => i.attributes['placement'] === 'peek')).toBe(true);
  });

  it('has a badge number, one template per glyph, and raw JSON and text', () => {
    const badges = wnsTemplates.filter((t) => t.options.type === 'badge').map((t) => root(t.id).attributes['value']);
    expect(badges).toEqual(['7', ...WNS_BADGE_GLYPHS]);
    const raw = wnsTemplates.filter((t) => t.options.type === 'raw');
    expect(() => JSON.parse(raw[0]!.payload)).not.toThrow();
    expect(raw[1]!.payload).toBe('sync-now');
  });
});
