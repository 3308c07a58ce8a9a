export type DayGroup = 'Today' | 'Yesterday' | 'Earlier';

/** Local-calendar grouping: "today" is the user's day, not UTC's. */
export function dayGroupOf(iso: string, now: Date = new Date()): DayGroup {
  const when = new Date(iso);
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const t = when.getTime();
  if (t >= startOfToday) return 'Today';
  if (t >= startOfToday - 86_400_000) return 'Yesterday';
  return 'Earlier';
}

/** Keeps the input order (newest first) inside each group; empty groups are left out. */
export function groupByDay<T extends { startedAt: string }>(
  items: readonly T[],
  now: Date = new Date(),
): Array<{ group: DayGroup; items: T[] }> {
  const groups: Record<DayGroup, T[]> = { Today: [], Yesterday: [], Earlier: [] };
  for (const item of items) groups[dayGroupOf(item.startedAt, now)].push(item);
  return (['Today', 'Yesterday', 'Earlier'] as const)
    .filter((group) => groups[group].length > 0)
    .map((group) => ({ group, items: groups[group] }));
}
