import { describe, expect, it } from 'vitest';
import { REFERENCE_DATE_UNIX } from '../../../../shared/live-activity/date-encoding';
import {
  formatTimer,
  liveActivityPreview,
  lookUp,
  progressFraction,
  timerReading,
  type PreviewContract,
} from '../../../../shared/live-activity/preview';
import { candidateKeys, guessLayout, previewLayoutSchema } from '../../../../shared/live-activity/preview-layout';
import { parseActivityAttributes } from '../../../../shared/live-activity/swift-attributes';

const NOW = Date.UTC(2026, 11, 6, 12, 0, 0);
const NOW_S = NOW / 1000;
/** NOW + 25 minutes as a Swift Date with the default strategy (seconds since 2001). */
const ETA = NOW_S + 1500 - REFERENCE_DATE_UNIX;

const activity = parseActivityAttributes(`
struct DeliveryAttributes: ActivityAttributes {
  struct ContentState: Codable, Hashable {
    var status: String
    var eta: Date
    var stopsDone: Int
    var stopsTotal: Int
  }
  var orderId: String
}`).activities[0]!;
const contract = (extra: Partial<PreviewContract> = {}): PreviewContract => ({
  contentState: activity.contentState,
  attributes: activity.attributes,
  dateEncoding: 'deferredToDate',
  ...extra,
});
const update = (state: Record<string, unknown>) => ({ event: 'update', timestamp: NOW_S, 'content-state': state });

describe('timer and progress', () => {
  it('formats a timer as minutes:seconds under an hour and hours:minutes:seconds from one', () => {
    expect(formatTimer(0)).toBe('0:00');
    expect(formatTimer(65.9)).toBe('1:05');
    expect(formatTimer(3599)).toBe('59:59');
    expect(formatTimer(3723)).toBe('1:02:03');
    expect(formatTimer(-5)).toBe('0:00');
  });

  it('counts down to a date and stops at 0:00 once it has passed; counts up from it after', () => {
    expect(timerReading(NOW_S + 90, NOW, 'down')).toMatchObject({ text: '1:30', ended: false });
    expect(timerReading(NOW_S - 90, NOW, 'down')).toMatchObject({ text: '0:00', ended: true });
    expect(timerReading(NOW_S - 90, NOW, 'up')).toMatchObject({ text: '1:30', ended: false });
    expect(timerReading(NOW_S + 90, NOW, 'up')).toMatchObject({ text: '0:00', ended: false });
  });

  it('clamps progress to 0–1 as ProgressView does, and says what it clamped', () => {
    expect(progressFraction(0.4, null)).toEqual({ fraction: 0.4, note: null });
    expect(progressFraction(3, 4)).toEqual({ fraction: 0.75, note: null });
    expect(progressFraction(45, null)).toEqual({
      fraction: 1,
      note: '45 is above 1 and no total is mapped; the bar shows full (send 0–1, or map a total)',
    });
    expect(progressFraction(5, 4).fraction).toBe(1);
    expect(progressFraction(-1, null)).toEqual({ fraction: 0, note: '-1 is below 0; the bar shows empty' });
    expect(progressFraction(1, 0)).toEqual({ fraction: 0, note: 'the total is 0; the bar stays empty' });
  });
});

describe('lookUp', () => {
  it('reads nested keys, and says an update carries no attributes', () => {
    const aps = update({ driver: { name: 'Ana' } });
    expect(lookUp(aps, 'content-state.driver.name')).toEqual({ found: true, value: 'Ana' });
    expect(lookUp(aps, 'content-state.driver.phone')).toEqual({
      found: false,
      why: 'content-state.driver.phone is not in this content-state',
    });
    expect(lookUp(aps, 'attributes.orderId')).toEqual({
      found: false,
      why: 'attributes.orderId is set when the activity starts; an update does not carry it',
    });
  });
});

describe('guessLayout', () => {
  it('guesses from key names, a contract Date winning the timer; an id is no title', () => {
    const keys = candidateKeys(update({ status: 'On the way', eta: ETA, stopsDone: 1, stopsTotal: 4 }), contract());
    expect(keys.find((k) => k.ref === 'content-state.eta')?.kind).toBe('date');
    expect(guessLayout(keys)).toEqual({
      timerCounts: 'down',
      title: 'content-state.status',
      timer: 'content-state.eta',
    });
  });

  it('without a title key, the status becomes the title; progress and total by name', () => {
    const keys = candidateKeys(
      update({ status: 'Boarding', progress: 30, total: 60, departure: 1, icon: 'plane' }),
      null,
    );
    expect(guessLayout(keys)).toEqual({
      timerCounts: 'down',
      title: 'content-state.status',
      progress: 'content-state.progress',
      progressTotal: 'content-state.total',
      image: 'content-state.icon',
    });
  });

  it('does not take a string as progress', () => {
    expect(guessLayout(candidateKeys(update({ progress: 'half' }), null)).progress).toBeUndefined();
  });
});

describe('liveActivityPreview', () => {
  it('shows the mapped keys, a countdown to a Swift Date, and progress as a fraction of the total', () => {
    const preview = liveActivityPreview({
      aps: update({ status: 'On the way', eta: ETA, stopsDone: 3, stopsTotal: 4 }),
      contract: contract({
        preview: {
          title: 'content-state.status',
          progress: 'content-state.stopsDone',
          progressTotal: 'content-state.stopsTotal',
          timer: 'content-state.eta',
          timerCounts: 'down',
        },
      }),
      now: NOW,
    });
    expect(preview).toMatchObject({ title: 'On the way', subtitle: null, guessed: false, notes: [] });
    expect(preview.progress).toEqual({ fraction: 0.75, text: '75 %' });
    expect(preview.timer).toMatchObject({ text: '25:00', ended: false, counts: 'down' });
  });

  it('decodes the timer date with the contract’s strategy', () => {
    const layout = { timer: 'content-state.eta', timerCounts: 'down' as const };
    const run = (eta: unknown, dateEncoding: PreviewContract['dateEncoding']) =>
      liveActivityPreview({ aps: update({ eta }), contract: contract({ dateEncoding, preview: layout }), now: NOW });
    expect(run(NOW_S + 60, 'secondsSince1970').timer?.text).toBe('1:00');
    expect(run((NOW_S + 60) * 1000, 'millisecondsSince1970').timer?.text).toBe('1:00');
    expect(run(new Date((NOW_S + 60) * 1000).toISOString(), 'iso8601').timer?.text).toBe('1:00');
    const wrong = run('2026-12-06T12:01:00Z', 'deferredToDate');
    expect(wrong.timer).toBeNull();
    expect(wrong.notes).toEqual([
      'timer: content-state.eta is a string "2026-12-06T12:01:00Z"; with the deferredToDate date strategy a Date is seconds since 2001-01-01 (the default, which ActivityKit uses)',
    ]);
  });

  it('says in words what a missing or wrong-typed key shows, and what was guessed', () => {
    const preview = liveActivityPreview({
      aps: update({ status: { phase: 1 }, progress: 'half' }),
      contract: null,
      layout: {
        title: 'content-state.status',
        subtitle: 'content-state.courier',
        progress: 'content-state.progress',
        image: 'attributes.logo',
        timerCounts: 'down',
      },
      now: NOW,
    });
    expect(preview.title).toBeNull();
    expect(preview.notes).toEqual([
      'subtitle: content-state.courier is not in this content-state',
      'title: content-state.status is an object; Text shows a string or a number',
      'progress: content-state.progress is a string "half"; ProgressView needs a number',
      'image: attributes.logo is set when the activity starts; an update does not carry it',
    ]);
    const guessed = liveActivityPreview({ aps: update({ status: 'Ready', eta: ETA }), contract: null, now: NOW });
    expect(guessed.guessed).toBe(true);
    expect(guessed.notes[0]).toBe(
      'Guessed from key names: title ← content-state.status, timer ← content-state.eta. Map them with Preview layout…',
    );
    expect(guessed.timer?.text).toBe('25:00');
  });

  it('reads attributes on a start, says a passed countdown shows 0:00, and what an end does', () => {
    const start = liveActivityPreview({
      aps: {
        event: 'start',
        'content-state': { status: 'Preparing', eta: ETA - 3000 },
        attributes: { orderId: '1024' },
      },
      contract: contract({ preview: { title: 'attributes.orderId', timer: 'content-state.eta', timerCounts: 'down' } }),
      now: NOW,
    });
    expect(start.title).toBe('1024');
    expect(start.timer).toMatchObject({ text: '0:00', ended: true });
    expect(start.notes).toContain('timer: content-state.eta has passed; a countdown to it shows 0:00');
    const end = liveActivityPreview({ aps: { event: 'end', 'content-state': {} }, contract: null, now: NOW });
    expect(end.notes.at(-1)).toMatch(/^event end: the activity leaves the Dynamic Island/);
  });
});

describe('previewLayoutSchema', () => {
  it('defaults the timer to counting down and refuses keys outside content-state and attributes', () => {
    expect(previewLayoutSchema.parse({ title: 'content-state.name' })).toEqual({
      title: 'content-state.name',
      timerCounts: 'down',
    });
    expect(previewLayoutSchema.safeParse({ title: 'aps.alert.title' }).success).toBe(false);
    expect(previewLayoutSchema.safeParse({ title: 'content-state' }).success).toBe(false);
  });
});
