import { describe, expect, it } from 'vitest';
import { wnsPreview, type TileView, type ToastView } from '../../../../../shared/providers/wns/preview';
import { wnsTemplates } from '../../../../../shared/providers/wns/templates';

const template = (id: string) => wnsTemplates.find((t) => t.id === id)!;
const toast = (id: string) => wnsPreview('toast', template(id).payload) as ToastView;

describe('wnsPreview', () => {
  it('reads title, body lines and attribution from a ToastGeneric toast', () => {
    expect(toast('wns-toast-text')).toMatchObject({
      kind: 'toast',
      title: 'Build finished',
      bodyLines: ['All 212 tests passed on main.'],
      attribution: 'via Push Console',
      unsupported: [],
    });
  });

  it('separates the app logo, hero and inline images', () => {
    const view = toast('wns-toast-images');
    expect(view.appLogo).toMatchObject({ alt: 'Ada', circle: true });
    expect(view.hero?.alt).toBe('Harbour');
    expect(view.images.map((i) => i.alt)).toEqual(['Detail']);
  });

  it('reads inputs and buttons, with button styles and Windows labels for system actions', () => {
    expect(toast('wns-toast-actions')).toMatchObject({
      inputs: [{ id: 'reply', type: 'text', placeholder: 'Type a reply' }],
      buttons: [{ content: 'Send' }, { content: 'Like' }, { content: 'Dismiss', system: 'dismiss' }],
    });
    expect(toast('wns-toast-alarm')).toMatchObject({
      scenario: 'alarm',
      inputs: [{ type: 'selection', options: ['5 minutes', '10 minutes'] }],
      buttons: [{ content: 'Snooze' }, { content: 'Dismiss' }],
      audio: { src: 'ms-winsoundevent:Notification.Looping.Alarm', loop: true },
    });
    expect(toast('wns-toast-incoming-call').buttons.map((b) => b.style)).toEqual(['Success', 'Critical']);
  });

  it('flags what Windows would not show', () => {
    const view = wnsPreview(
      'toast',
      '<toast><visual><binding template="ToastText02"><text>a</text><text>b</text><text>c</text><text>d</text><marquee/></binding></visual></toast>',
    ) as ToastView;
    expect(view.unsupported).toEqual([
      '<marquee> is not part of the schema; Windows ignores it.',
      'Template ToastText02 is a legacy Windows 8 template; Windows 11 renders ToastGeneric.',
      'Windows shows at most 3 text lines; 1 more are ignored.',
    ]);
    expect(view.bodyLines).toEqual(['b', 'c']);
  });

  it('reads every tile size with its texts, peek image and branding', () => {
    const view = wnsPreview('tile', template('wns-tile-all-sizes').payload) as TileView;
    expect(view).toMatchObject({ kind: 'tile', branding: 'nameAndLogo', displayName: 'Push Console', unsupported: [] });
    expect(view.bindings.map((b) => b.size)).toEqual(['small', 'medium', 'wide', 'large']);
    expect(view.bindings[3]?.texts.map((t) => t.text)).toEqual(['5/5', 'terminals online']);
    expect(view.bindings.slice(1).every((b) => b.peek !== null)).toBe(true);
    const unknown = wnsPreview('tile', '<tile><visual><binding template="TileHuge"/></visual></tile>') as TileView;
    expect(unknown.unsupported).toEqual(['Tile template "TileHuge" is not a size Windows knows; it is not shown.']);
  });

  it('shows badge numbers capped at 99+, glyphs, and 0 or none as cleared', () => {
    expect(wnsPreview('badge', '<badge value="7"/>')).toMatchObject({ display: { number: '7' } });
    expect(wnsPreview('badge', '<badge value="120"/>')).toMatchObject({ display: { number: '99+' } });
    expect(wnsPreview('badge', '<badge value="newMessage"/>')).toMatchObject({ display: { glyph: 'newMessage' } });
    expect(wnsPreview('badge', '<badge value="0"/>')).toMatchObject({ display: null });
    expect(wnsPreview('badge', '<badge value="none"/>')).toMatchObject({ display: null });
  });

  it('explains raw, malformed and mismatched payloads instead of showing them', () => {
    expect(wnsPreview('raw', 'é')).toEqual({ kind: 'raw', bytes: 2 });
    expect(wnsPreview('toast', '<toast>')).toEqual({
      kind: 'invalid',
      message: 'Line 1, column 1: <toast> is never closed.',
    });
    expect(wnsPreview('tile', '<toast/>')).toEqual({
      kind: 'invalid',
      message: 'A tile starts with <tile>, not <toast>.',
    });
  });
});
