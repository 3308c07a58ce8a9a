import { describe, expect, it } from 'vitest';
import { dayGroupOf, groupByDay } from '../../../../../renderer/features/history/groups';

describe('history day groups', () => {
  const now = new Date(2026, 10, 23, 9, 30);
  it('puts sends in today, yesterday or earlier by the local calendar', () => {
    expect(dayGroupOf(new Date(2026, 10, 23, 0, 1).toISOString(), now)).toBe('Today');
    expect(dayGroupOf(new Date(2026, 10, 22, 23, 59).toISOString(), now)).toBe('Yesterday');
    expect(dayGroupOf(new Date(2026, 10, 22, 0, 0).toISOString(), now)).toBe('Yesterday');
    expect(dayGroupOf(new Date(2026, 10, 21, 23, 59).toISOString(), now)).toBe('Earlier');
  });
  it('keeps order inside groups and leaves out empty ones', () => {
    const items = [
      { id: 'a', startedAt: new Date(2026, 10, 23, 9).toISOString() },
      { id: 'b', startedAt: new Date(2026, 10, 23, 8).toISOString() },
      { id: 'c', startedAt: new Date(2026, 10, 1).toISOString() },
    ];
    expect(groupByDay(items, now).map((g) => [g.group, g.items.map((i) => i.id)])).toEqual([
      ['Today', ['a', 'b']],
      ['Earlier', ['c']],
    ]);
  });
});
