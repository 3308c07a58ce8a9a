import { z } from 'zod';
import type { SchemaNode } from './contract-schema';

/**
 * Which key of a Live Activity's `content-state` or `attributes` the composer's preview shows
 * where. The real look is the app's SwiftUI widget; this is only what a person maps so the
 * approximation shows their data in the usual places.
 */

/** `content-state.eta`, `attributes.orderId`, `content-state.driver.name`. */
export const FIELD_REF_PATTERN = /^(content-state|attributes)(\.[A-Za-z_$][A-Za-z0-9_$-]*){1,4}$/;
const fieldRef = z.string().max(300).regex(FIELD_REF_PATTERN, 'A key is content-state.<key> or attributes.<key>');

export const TIMER_COUNTS = ['down', 'up'] as const;
export type TimerCounts = (typeof TIMER_COUNTS)[number];

export const previewLayoutSchema = z.object({
  title: fieldRef.optional(),
  subtitle: fieldRef.optional(),
  /** A number, 0–1 on its own or a value out of `progressTotal`, as ProgressView(value:total:). */
  progress: fieldRef.optional(),
  progressTotal: fieldRef.optional(),
  /** A Date the timer counts down to (or up from), as Text(timerInterval:) does. */
  timer: fieldRef.optional(),
  timerCounts: z.enum(TIMER_COUNTS).default('down'),
  /** A string naming an image; shown as a placeholder. */
  image: fieldRef.optional(),
});
export type PreviewLayout = z.infer<typeof previewLayoutSchema>;

export const PREVIEW_SLOTS = ['title', 'subtitle', 'progress', 'progressTotal', 'timer', 'image'] as const;
export type PreviewSlot = (typeof PREVIEW_SLOTS)[number];

export const SLOT_WORDS: Record<PreviewSlot, string> = {
  title: 'Title',
  subtitle: 'Subtitle',
  progress: 'Progress (0–1, or a value out of a total)',
  progressTotal: 'Progress total',
  timer: 'Timer (a Date)',
  image: 'Image (a name; shown as a placeholder)',
};

export type KeyKind = 'string' | 'number' | 'date' | 'boolean' | 'other';

/** A key the layout could map: from the contract's schema, the payload, or both. */
export interface CandidateKey {
  ref: string;
  kind: KeyKind;
}

const NEST_MAX = 3;

function schemaKind(node: SchemaNode): KeyKind {
  if (node.format === 'swift-date') return 'date';
  if (node.enum) return node.enum.every((v) => typeof v === 'number') ? 'number' : 'string';
  if (node.type === 'string') return 'string';
  if (node.type === 'integer' || node.type === 'number') return 'number';
  if (node.type === 'boolean') return 'boolean';
  return 'other';
}

function valueKind(value: unknown): KeyKind {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return 'other';
}

function walkSchema(node: SchemaNode, ref: string, depth: number, out: Map<string, KeyKind>): void {
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const path = `${ref}.${key}`;
    if (child.type === 'object' && child.properties && depth < NEST_MAX) walkSchema(child, path, depth + 1, out);
    else out.set(path, schemaKind(child));
  }
}

function walkValue(value: unknown, ref: string, depth: number, out: Map<string, KeyKind>): void {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const path = `${ref}.${key}`;
    if (!FIELD_REF_PATTERN.test(path)) continue;
    const nested = child && typeof child === 'object' && !Array.isArray(child);
    if (nested && depth < NEST_MAX) walkValue(child, path, depth + 1, out);
    else if (!out.has(path)) out.set(path, valueKind(child));
  }
}

/**
 * The keys on offer: the contract's (whose types are known, a Date included) first, then any
 * the payload has beyond them. Content-state before attributes.
 */
export function candidateKeys(
  aps: Record<string, unknown>,
  contract: { contentState: SchemaNode; attributes: SchemaNode } | null,
): CandidateKey[] {
  const found = new Map<string, KeyKind>();
  if (contract) walkSchema(contract.contentState, 'content-state', 1, found);
  walkValue(aps['content-state'], 'content-state', 1, found);
  if (contract) walkSchema(contract.attributes, 'attributes', 1, found);
  walkValue(aps['attributes'], 'attributes', 1, found);
  return [...found].map(([ref, kind]) => ({ ref, kind }));
}

const lastKey = (ref: string) => ref.slice(ref.lastIndexOf('.') + 1);

const NAMES = {
  title: [/^(title|name|headline|heading|label)$/i, /(title|name|headline)/i],
  subtitle: [
    /^(subtitle|status|state|message|detail|details|description|body|phase|stage|step)$/i,
    /(subtitle|status)/i,
  ],
  progress: [/^(progress|percent|percentage|fraction|completion|completed|value)$/i, /(progress|percent|fraction)/i],
  progressTotal: [/^(total|max|maximum|goal|target|count)$/i, /(total|max)/i],
  timer: [
    /^(eta|end|ends|endDate|endTime|deadline|until|dueDate|due|arrival|expiry|expires|date|time)$/i,
    /(eta|end|date|time|deadline|arriv|due|expir)/i,
  ],
  image: [/^(image|icon|logo|avatar|photo|picture|imageName|iconName)$/i, /(image|icon|logo|avatar|photo)/i],
} satisfies Partial<Record<PreviewSlot, RegExp[]>>;

const SLOT_KINDS: Record<keyof typeof NAMES, readonly KeyKind[]> = {
  title: ['string', 'number'],
  subtitle: ['string', 'number'],
  progress: ['number'],
  progressTotal: ['number'],
  // Without a contract a Date is whatever the payload holds: a number, or an ISO 8601 string.
  timer: ['date', 'number', 'string'],
  image: ['string'],
};

/**
 * A layout guessed from key names, for when none is mapped: title/name, subtitle/status,
 * progress, eta/endDate… A key the contract declares as Date wins the timer. With no title key,
 * the subtitle's key becomes the title, so the card is not empty.
 */
export function guessLayout(keys: readonly CandidateKey[]): PreviewLayout {
  const used = new Set<string>();
  const pick = (slot: keyof typeof NAMES, pool: readonly CandidateKey[] = keys): string | undefined => {
    const fits = pool.filter((k) => SLOT_KINDS[slot].includes(k.kind) && !used.has(k.ref));
    for (const pattern of NAMES[slot]) {
      const hit = fits.find((k) => pattern.test(lastKey(k.ref)));
      if (hit) {
        used.add(hit.ref);
        return hit.ref;
      }
    }
    return undefined;
  };
  const dates = keys.filter((k) => k.kind === 'date');
  const timer = dates.length ? (pick('timer', dates) ?? dates.find((k) => !used.has(k.ref))?.ref) : pick('timer');
  if (timer) used.add(timer);
  const progress = pick('progress');
  const progressTotal = progress ? pick('progressTotal') : undefined;
  const image = pick('image');
  let title = pick('title');
  let subtitle = pick('subtitle');
  if (!title && subtitle) [title, subtitle] = [subtitle, undefined];
  return {
    timerCounts: 'down',
    ...(title ? { title } : {}),
    ...(subtitle ? { subtitle } : {}),
    ...(progress ? { progress } : {}),
    ...(progressTotal ? { progressTotal } : {}),
    ...(timer ? { timer } : {}),
    ...(image ? { image } : {}),
  };
}

/** "title ← content-state.name, timer ← content-state.eta", for saying what was guessed. */
export function describeLayout(layout: PreviewLayout): string {
  const parts = PREVIEW_SLOTS.filter((slot) => layout[slot]).map((slot) => `${slot} ← ${layout[slot]}`);
  return parts.length ? parts.join(', ') : 'nothing';
}
