import { WNS_BADGE_GLYPHS, type WnsType } from './message';
import { utf8Length } from '../../text';
import { findAll, parseXml, type XmlElement } from '../../xml/parse';

/**
 * Turns toast, tile and badge XML into what Windows 11 would show, for the composer's preview.
 * Pure (no DOM) so it is unit-tested here and shared by the renderer. Elements Windows ignores
 * or no longer renders are listed in `unsupported` rather than silently dropped.
 */
export interface PreviewImage {
  src: string;
  alt: string;
  circle: boolean;
}

export interface ToastView {
  kind: 'toast';
  scenario: string | null;
  title: string | null;
  bodyLines: string[];
  attribution: string | null;
  appLogo: PreviewImage | null;
  hero: PreviewImage | null;
  images: PreviewImage[];
  progress: { title: string | null; value: string; status: string } | null;
  inputs: Array<{ id: string; type: 'text' | 'selection'; placeholder: string | null; options: string[] }>;
  buttons: Array<{ content: string; style: 'Success' | 'Critical' | null; system: string | null }>;
  contextMenu: string[];
  audio: { src: string; loop: boolean; silent: boolean } | null;
  header: string | null;
  unsupported: string[];
}

export type TileSize = 'small' | 'medium' | 'wide' | 'large';

export interface TileBindingView {
  template: string;
  size: TileSize | null;
  texts: Array<{ text: string; style: string | null }>;
  background: PreviewImage | null;
  peek: PreviewImage | null;
  images: PreviewImage[];
}

export interface TileView {
  kind: 'tile';
  branding: 'none' | 'logo' | 'name' | 'nameAndLogo';
  displayName: string | null;
  bindings: TileBindingView[];
  unsupported: string[];
}

export interface BadgeView {
  kind: 'badge';
  value: string;
  /** What the badge shows: a number (capped at 99+), a glyph name, or nothing (cleared). */
  display: { number: string } | { glyph: string } | null;
}

export type WnsPreview =
  ToastView | TileView | BadgeView | { kind: 'raw'; bytes: number } | { kind: 'invalid'; message: string };

const TOAST_ELEMENTS = new Set([
  'toast',
  'visual',
  'binding',
  'text',
  'image',
  'group',
  'subgroup',
  'progress',
  'actions',
  'action',
  'input',
  'selection',
  'audio',
  'header',
]);
const TILE_ELEMENTS = new Set(['tile', 'visual', 'binding', 'text', 'image', 'group', 'subgroup']);
const TILE_SIZES: Record<string, TileSize> = {
  TileSmall: 'small',
  TileMedium: 'medium',
  TileWide: 'wide',
  TileLarge: 'large',
  TileSquare71x71Image: 'small',
  TileSquare150x150Text01: 'medium',
  TileWide310x150Text01: 'wide',
  TileSquare310x310Text01: 'large',
};

function image(element: XmlElement): PreviewImage {
  return {
    src: element.attributes['src'] ?? '',
    alt: element.attributes['alt'] ?? '',
    circle: element.attributes['hint-crop'] === 'circle',
  };
}

function unknownElements(root: XmlElement, known: ReadonlySet<string>): string[] {
  const found = new Set<string>();
  const walk = (element: XmlElement) => {
    if (!known.has(element.name)) found.add(`<${element.name}> is not part of the schema; Windows ignores it.`);
    element.children.forEach(walk);
  };
  walk(root);
  return [...found];
}

function toastView(root: XmlElement): ToastView {
  const unsupported = unknownElements(root, TOAST_ELEMENTS);
  const bindings = findAll(root, 'binding');
  const binding = bindings[0];
  const template = binding?.attributes['template'];
  if (template && template !== 'ToastGeneric') {
    unsupported.push(`Template ${template} is a legacy Windows 8 template; Windows 11 renders ToastGeneric.`);
  }
  if (bindings.length > 1) unsupported.push('Only the first <binding> of a toast is shown.');
  const top = binding?.children ?? [];
  const texts = top.filter((child) => child.name === 'text' && child.attributes['placement'] !== 'attribution');
  if (texts.length > 3) unsupported.push(`Windows shows at most 3 text lines; ${texts.length - 3} more are ignored.`);
  const images = top.filter((child) => child.name === 'image');
  const placed = (placement: string) => images.find((i) => i.attributes['placement'] === placement);
  const progress = top.find((child) => child.name === 'progress');
  const actions = findAll(root, 'action');
  const buttons = actions.filter((a) => a.attributes['placement'] !== 'contextMenu');
  if (buttons.length > 5) unsupported.push(`Windows shows at most 5 buttons; ${buttons.length - 5} more are ignored.`);
  const audio = findAll(root, 'audio')[0];
  const systemLabel: Record<string, string> = { snooze: 'Snooze', dismiss: 'Dismiss' };
  return {
    kind: 'toast',
    scenario: root.attributes['scenario'] ?? null,
    title: texts[0]?.text.trim() ?? null,
    bodyLines: texts.slice(1, 3).map((t) => t.text.trim()),
    attribution: top.find((c) => c.name === 'text' && c.attributes['placement'] === 'attribution')?.text.trim() ?? null,
    appLogo: placed('appLogoOverride') ? image(placed('appLogoOverride')!) : null,
    hero: placed('hero') ? image(placed('hero')!) : null,
    images: images.filter((i) => i.attributes['placement'] === undefined).map(image),
    progress: progress
      ? {
          title: progress.attributes['title'] ?? null,
          value: progress.attributes['value'] ?? '',
          status: progress.attributes['status'] ?? '',
        }
      : null,
    inputs: findAll(root, 'input').map((input) => ({
      id: input.attributes['id'] ?? '',
      type: input.attributes['type'] === 'selection' ? 'selection' : 'text',
      placeholder: input.attributes['placeHolderContent'] ?? null,
      options: findAll(input, 'selection').map((s) => s.attributes['content'] ?? ''),
    })),
    buttons: buttons.slice(0, 5).map((action) => {
      const system = action.attributes['activationType'] === 'system' ? (action.attributes['arguments'] ?? null) : null;
      const style = action.attributes['hint-buttonStyle'];
      const content = action.attributes['content'] ?? '';
      return {
        // System actions with empty content get Windows' own localized label.
        content: content || (system ? (systemLabel[system] ?? system) : ''),
        style: style === 'Success' || style === 'Critical' ? style : null,
        system,
      };
    }),
    contextMenu: actions
      .filter((a) => a.attributes['placement'] === 'contextMenu')
      .map((a) => a.attributes['content'] ?? ''),
    audio: audio
      ? {
          src: audio.attributes['src'] ?? 'ms-winsoundevent:Notification.Default',
          loop: audio.attributes['loop'] === 'true',
          silent: audio.attributes['silent'] === 'true',
        }
      : null,
    header: findAll(root, 'header')[0]?.attributes['title'] ?? null,
    unsupported,
  };
}

function tileView(root: XmlElement): TileView {
  const unsupported = unknownElements(root, TILE_ELEMENTS);
  const visual = findAll(root, 'visual')[0];
  const branding = visual?.attributes['branding'];
  const bindings = findAll(root, 'binding').map((binding): TileBindingView => {
    const template = binding.attributes['template'] ?? '';
    const size = TILE_SIZES[template] ?? null;
    if (!size) unsupported.push(`Tile template "${template}" is not a size Windows knows; it is not shown.`);
    const images = findAll(binding, 'image');
    const placed = (placement: string) => images.find((i) => i.attributes['placement'] === placement);
    return {
      template,
      size,
      texts: findAll(binding, 'text').map((t) => ({ text: t.text.trim(), style: t.attributes['hint-style'] ?? null })),
      background: placed('background') ? image(placed('background')!) : null,
      peek: placed('peek') ? image(placed('peek')!) : null,
      images: images.filter((i) => (i.attributes['placement'] ?? 'inline') === 'inline').map(image),
    };
  });
  return {
    kind: 'tile',
    branding:
      branding === 'none' || branding === 'logo' || branding === 'name' || branding === 'nameAndLogo'
        ? branding
        : 'name',
    displayName: visual?.attributes['displayName'] ?? null,
    bindings,
    unsupported,
  };
}

function badgeView(root: XmlElement): BadgeView {
  const value = root.attributes['value'] ?? '';
  if (/^\d+$/.test(value)) {
    const n = Number(value);
    return { kind: 'badge', value, display: n === 0 ? null : { number: n > 99 ? '99+' : String(n) } };
  }
  const glyph = (WNS_BADGE_GLYPHS as readonly string[]).includes(value) && value !== 'none' ? value : null;
  return { kind: 'badge', value, display: glyph ? { glyph } : null };
}

export function wnsPreview(type: WnsType, payload: string): WnsPreview {
  if (type === 'raw') return { kind: 'raw', bytes: utf8Length(payload) };
  const parsed = parseXml(payload);
  if (!parsed.ok)
    return { kind: 'invalid', message: `Line ${parsed.line}, column ${parsed.column}: ${parsed.message}` };
  if (parsed.root.name !== type) {
    return { kind: 'invalid', message: `A ${type} starts with <${type}>, not <${parsed.root.name}>.` };
  }
  if (type === 'toast') return toastView(parsed.root);
  if (type === 'tile') return tileView(parsed.root);
  return badgeView(parsed.root);
}
