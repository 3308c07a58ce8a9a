import { describe, expect, it } from 'vitest';
import { isoMillis } from '../../../../../../main/core/workspace/history/columns';

/** The definition: the milliseconds when `toISOString` spells them exactly so, else NaN. */
function reference(value: string): number {
  const ms = Date.parse(value);
  return Number.isFinite(ms) && new Date(ms).toISOString() === value ? ms : Number.NaN;
}

describe('isoMillis', () => {
  it('agrees with parse-and-format for runs within one second, across seconds and before 1970', () => {
    const values: string[] = [];
    for (const base of [Date.UTC(2026, 10, 30, 2, 44, 43), Date.UTC(1969, 11, 31, 23, 59, 59), Date.UTC(2000, 1, 29)]) {
      for (let ms = -1500; ms < 2500; ms += 37) values.push(new Date(base + ms).toISOString());
    }
    // Same second as the value before, but not a time toISOString would write.
    values.push(
      '2026-11-30T02:44:43.1a8Z',
      '2026-11-30T02:44:43.108+',
      '2026-11-30T02:44:43.10Z',
      '2026-11-30T02:44:43.108z',
    );
    values.push('2026-02-30T00:00:00.000Z', '2026-11-30T02:44:43Z', 'not a time');
    for (const value of values) expect(isoMillis(value), value).toEqual(reference(value));
  });
});
