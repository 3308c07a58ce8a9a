import { describe, expect, it } from 'vitest';
import { formatTime } from '../../../shared/time-format';

describe('formatTime (the one time format)', () => {
  // Built from local parts, so the expectation holds in any time zone the tests run in.
  const at = new Date(2026, 10, 3, 9, 5, 7, 42).toISOString();

  it('shows local time, 24-hour, with milliseconds', () => {
    expect(formatTime(at)).toBe('09:05:07.042');
    expect(formatTime(new Date(2026, 0, 1, 23, 59, 59, 999).toISOString())).toBe('23:59:59.999');
  });

  it('adds the day when asked', () => {
    expect(formatTime(at, { date: true })).toBe('2026-11-03 09:05:07.042');
  });

  it('shows a value that is not a time as it came', () => {
    expect(formatTime('not a time')).toBe('not a time');
  });
});
