const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * The one way a time is shown (lists, details, the inbox, the CLI): local time, 24-hour, with
 * milliseconds, since sends a few ms apart are what a debugger compares. `date` adds the day
 * (`2026-11-23 09:05:07.042`) where rows span days. Not an ISO time is shown as it came.
 */
export function formatTime(iso: string, options: { date?: boolean } = {}): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const clock = `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}.${pad(at.getMilliseconds(), 3)}`;
  if (!options.date) return clock;
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${clock}`;
}
