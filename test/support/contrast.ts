import type { Page } from 'playwright-core';

/** A drawn shape's fill against what it is drawn on, as WCAG computes contrast. */
export interface GraphicContrast {
  element: string;
  fill: string;
  background: string;
  ratio: number;
}

/**
 * The contrast of each element matching `selector` (its background colour is its fill: bars,
 * swatches) against the nearest ancestor that paints a background, in the theme shown now. axe
 * checks text only; WCAG 1.4.11 wants graphics that carry meaning at 3:1 too.
 */
export function graphicContrasts(page: Page, selector: string): Promise<GraphicContrast[]> {
  return page.$$eval(selector, (elements) => {
    const rgba = (colour: string): number[] => {
      const parts =
        /rgba?\(([^)]+)\)/
          .exec(colour)?.[1]
          ?.split(/[\s,/]+/)
          .filter(Boolean) ?? [];
      if (parts.length < 3) throw new Error(`unreadable colour ${colour}`);
      return [...parts.slice(0, 3).map(Number), parts[3] === undefined ? 1 : Number(parts[3])];
    };
    const luminance = ([r, g, b]: number[]) => {
      const linear = [r!, g!, b!]
        .map((v) => v / 255)
        .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * linear[0]! + 0.7152 * linear[1]! + 0.0722 * linear[2]!;
    };
    const painted = (element: Element | null): string => {
      for (let at = element; at; at = at.parentElement) {
        const colour = getComputedStyle(at).backgroundColor;
        if (rgba(colour)[3]! > 0) return colour;
      }
      return 'rgb(255, 255, 255)';
    };
    return elements.map((element) => {
      const fill = getComputedStyle(element).backgroundColor;
      const background = painted(element.parentElement);
      if (rgba(fill)[3] !== 1 || rgba(background)[3] !== 1) throw new Error(`translucent fill on ${element.className}`);
      const [a, b] = [luminance(rgba(fill)), luminance(rgba(background))];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      return { element: element.className, fill, background, ratio };
    });
  });
}
