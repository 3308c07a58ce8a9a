import { WNS_BADGE_GLYPHS } from '../message';
import type { WnsTemplate } from './types';

export const badgeNumber: WnsTemplate = {
  id: 'wns-badge-number',
  name: 'Badge: number',
  description: 'Shows 7 on the tile and taskbar icon (0 clears; above 99 shows 99+).',
  options: { type: 'badge' },
  payload: '<badge value="7"/>',
};

/** One template per glyph in badge.xsd. */
export const badgeGlyphs: WnsTemplate[] = WNS_BADGE_GLYPHS.map((glyph) => ({
  id: `wns-badge-${glyph}`,
  name: `Badge: ${glyph} glyph`,
  description: `Shows the "${glyph}" glyph on the badge.`,
  options: { type: 'badge' },
  payload: `<badge value="${glyph}"/>`,
}));
