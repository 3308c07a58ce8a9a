import type { SchemaNode } from './contract-schema';
import { DATE_ENCODING_WORDS, dateValueToUnix, type DateEncoding } from './date-encoding';
import {
  candidateKeys,
  describeLayout,
  guessLayout,
  type PreviewLayout,
  type PreviewSlot,
  type TimerCounts,
} from './preview-layout';

/**
 * What the composer's Live Activity preview shows, worked out from the payload's `aps` and a
 * layout: the text of each part, the progress fraction, the timer's reading, and in words every
 * mapped key that is missing or of a type the widget could not show.
 */

export interface PreviewContract {
  contentState: SchemaNode;
  attributes: SchemaNode;
  dateEncoding: DateEncoding;
  preview?: PreviewLayout | undefined;
}

export interface PreviewTimer {
  text: string;
  /** Seconds shown: left until the date (down), or since it (up). */
  seconds: number;
  counts: TimerCounts;
  /** A countdown whose date has passed: it stays at 0:00, as Text(timerInterval:) does. */
  ended: boolean;
  /** The date, UNIX seconds. */
  at: number;
}

export interface PreviewProgress {
  /** 0–1, what the bar fills. */
  fraction: number;
  /** "40 %". */
  text: string;
}

export interface LiveActivityPreviewModel {
  event: string | null;
  title: string | null;
  subtitle: string | null;
  progress: PreviewProgress | null;
  timer: PreviewTimer | null;
  image: string | null;
  layout: PreviewLayout;
  /** The layout came from key names, not from a mapping. */
  guessed: boolean;
  /** One sentence per key that could not be shown as mapped, and per thing worth knowing. */
  notes: string[];
}

export interface PreviewInput {
  aps: Record<string, unknown>;
  contract: PreviewContract | null;
  /** A mapping kept for this session when there is no contract to keep it in. */
  layout?: PreviewLayout | null;
  /** Milliseconds since 1970. */
  now: number;
}

type Lookup = { found: true; value: unknown } | { found: false; why: string };

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return 'a number';
  return `a ${typeof value}`;
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 30 ? `${text.slice(0, 27)}…` : text;
}

/** The value at `content-state.a.b` / `attributes.x` in aps, or why there is none. */
export function lookUp(aps: Record<string, unknown>, ref: string): Lookup {
  const [root, ...keys] = ref.split('.');
  const event = aps['event'];
  let at: unknown = aps[root!];
  if (at === undefined) {
    if (root === 'attributes' && event !== 'start') {
      return { found: false, why: `${ref} is set when the activity starts; an ${event ?? 'update'} does not carry it` };
    }
    return { found: false, why: `${ref} is not in this payload (aps has no ${root})` };
  }
  for (const key of keys) {
    if (!at || typeof at !== 'object' || Array.isArray(at) || !(key in at)) {
      return { found: false, why: `${ref} is not in this ${root}` };
    }
    at = (at as Record<string, unknown>)[key];
  }
  return { found: true, value: at };
}

/** As a timer reads: "4:05" under an hour, "1:02:03" from an hour. */
export function formatTimer(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * A timer to `at` (UNIX seconds) read at `now` (ms). Counting down is
 * `Text(timerInterval: now...at, countsDown: true)`: the time left, stopping at 0:00. Counting up
 * is `Text(at, style: .timer)` once the date has passed: the time since it, 0:00 before it.
 */
export function timerReading(at: number, now: number, counts: TimerCounts): PreviewTimer {
  const delta = at - now / 1000;
  const seconds = Math.max(0, counts === 'down' ? delta : -delta);
  return {
    text: formatTimer(seconds),
    seconds: Math.floor(seconds),
    counts,
    ended: counts === 'down' && delta <= 0,
    at,
  };
}

/** ProgressView(value:total:): the fraction it fills, clamped to 0–1, and what was clamped. */
export function progressFraction(value: number, total: number | null): { fraction: number; note: string | null } {
  if (total !== null && total <= 0) return { fraction: 0, note: `the total is ${total}; the bar stays empty` };
  const raw = total === null ? value : value / total;
  if (raw > 1) {
    const why =
      total === null
        ? `${value} is above 1 and no total is mapped; the bar shows full (send 0–1, or map a total)`
        : `${value} of ${total} is above the total; the bar shows full`;
    return { fraction: 1, note: why };
  }
  if (raw < 0) return { fraction: 0, note: `${value} is below 0; the bar shows empty` };
  return { fraction: raw, note: null };
}

function text(slot: PreviewSlot, ref: string, value: unknown, notes: string[]): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  notes.push(`${slot}: ${ref} is ${kind(value)}; Text shows a string or a number`);
  return null;
}

function number(slot: PreviewSlot, ref: string, value: unknown, notes: string[]): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  notes.push(`${slot}: ${ref} is ${kind(value)} ${shown(value)}; ProgressView needs a number`);
  return null;
}

function date(ref: string, value: unknown, encoding: DateEncoding, notes: string[]): number | null {
  const unix = dateValueToUnix(value, encoding);
  if (unix !== null) return unix;
  notes.push(
    `timer: ${ref} is ${kind(value)} ${shown(value)}; with the ${encoding} date strategy a Date is ${DATE_ENCODING_WORDS[encoding]}`,
  );
  return null;
}

/** Everything the preview renders, with the guessed layout when none is mapped. */
export function liveActivityPreview(input: PreviewInput): LiveActivityPreviewModel {
  const { aps, contract, now } = input;
  const mapped = contract?.preview ?? input.layout ?? null;
  const layout = mapped ?? guessLayout(candidateKeys(aps, contract));
  const notes: string[] = [];
  if (!mapped) notes.push(`Guessed from key names: ${describeLayout(layout)}. Map them with Preview layout…`);
  const encoding = contract?.dateEncoding ?? 'deferredToDate';
  const read = (slot: PreviewSlot): { value: unknown } | null => {
    const ref = layout[slot];
    if (!ref) return null;
    const found = lookUp(aps, ref);
    if (!found.found) notes.push(`${slot}: ${found.why}`);
    // A key sent as null (an optional left out) shows nothing, as `if let` in the widget would.
    return found.found && found.value !== null ? found : null;
  };
  const at = (slot: PreviewSlot) => {
    const found = read(slot);
    return found ? { ref: layout[slot]!, value: found.value } : null;
  };

  const titleAt = at('title');
  const subtitleAt = at('subtitle');
  const title = titleAt ? text('title', titleAt.ref, titleAt.value, notes) : null;
  const subtitle = subtitleAt ? text('subtitle', subtitleAt.ref, subtitleAt.value, notes) : null;

  let progress: PreviewProgress | null = null;
  const progressAt = at('progress');
  const value = progressAt ? number('progress', progressAt.ref, progressAt.value, notes) : null;
  if (value !== null) {
    const totalAt = at('progressTotal');
    const total = totalAt ? number('progressTotal', totalAt.ref, totalAt.value, notes) : null;
    const { fraction, note } = progressFraction(value, total);
    if (note) notes.push(`progress: ${note}`);
    progress = { fraction, text: `${Math.round(fraction * 100)} %` };
  }

  let timer: PreviewTimer | null = null;
  const timerAt = at('timer');
  const unix = timerAt ? date(timerAt.ref, timerAt.value, encoding, notes) : null;
  if (unix !== null) {
    timer = timerReading(unix, now, layout.timerCounts);
    if (timer.ended) notes.push(`timer: ${layout.timer} has passed; a countdown to it shows 0:00`);
  }

  const imageAt = at('image');
  const image = imageAt ? text('image', imageAt.ref, imageAt.value, notes) : null;

  const event = typeof aps['event'] === 'string' ? aps['event'] : null;
  if (event === 'end')
    notes.push(
      'event end: the activity leaves the Dynamic Island and stays on the lock screen until its dismissal-date',
    );
  return { event, title, subtitle, progress, timer, image, layout, guessed: !mapped, notes };
}
