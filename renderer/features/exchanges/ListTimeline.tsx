import { useMemo, useState } from 'react';
import type { ExchangeSummary } from '../../../shared/history/summary';
import { localSettings } from '../../state/local-settings';
import { formatMs } from './Waterfall';
import { formatTime } from '../../../shared/time-format';

const COLUMNS = 120;
const SETTING = 'exchanges.listTimeline';

interface Column {
  started: number;
  failed: number;
}

interface Overview {
  start: number;
  spanMs: number;
  columns: Column[];
  peak: number;
  failed: number;
  slowest: ExchangeSummary | null;
}

const isFailure = (row: ExchangeSummary) => row.status === null || row.status >= 400;

/** The rows' starts bucketed over the time they cover: a bulk run's pace, stalls and failures at a glance. */
export function overviewOf(rows: readonly ExchangeSummary[]): Overview | null {
  if (rows.length === 0) return null;
  const starts = new Float64Array(rows.length);
  let start = Infinity;
  let end = -Infinity;
  let slowest: ExchangeSummary | null = null;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const at = Date.parse(row.startedAt);
    starts[i] = at;
    if (at < start) start = at;
    if (at + Math.max(0, row.durationMs) > end) end = at + Math.max(0, row.durationMs);
    if (slowest === null || row.durationMs > slowest.durationMs) slowest = row;
  }
  const spanMs = Math.max(end - start, 1);
  const columns: Column[] = Array.from({ length: COLUMNS }, () => ({ started: 0, failed: 0 }));
  let failed = 0;
  for (let i = 0; i < rows.length; i++) {
    const index = Math.min(COLUMNS - 1, Math.floor(((starts[i]! - start) / spanMs) * COLUMNS));
    const column = columns[index]!;
    column.started++;
    if (isFailure(rows[i]!)) {
      column.failed++;
      failed++;
    }
  }
  const peak = columns.reduce((most, column) => Math.max(most, column.started), 0);
  return { start, spanMs, columns, peak, failed, slowest };
}

function clock(ms: number): string {
  return formatTime(new Date(ms).toISOString());
}

/**
 * A compact strip above the list: when the shown exchanges started (a bulk run's rate), with
 * failures in their own colour and counted in words. Open or closed is remembered per window.
 */
export function ListTimeline({ rows }: { rows: readonly ExchangeSummary[] }) {
  const [open, setOpen] = useState(() => localSettings.number(SETTING, 0) === 1);
  const overview = useMemo(() => (open ? overviewOf(rows) : null), [open, rows]);
  const toggle = () => {
    localSettings.setNumber(SETTING, open ? 0 : 1);
    setOpen(!open);
  };
  const columnWidth = overview ? overview.spanMs / COLUMNS : 0;
  return (
    <div className="list-timeline" data-testid="list-timeline">
      <button type="button" aria-expanded={open} data-testid="list-timeline-toggle" onClick={toggle}>
        {open ? 'Hide timeline' : 'Timeline'}
      </button>
      {overview && (
        <>
          <p className="hint list-timeline-summary" data-testid="list-timeline-summary">
            {rows.length.toLocaleString()} exchange{rows.length === 1 ? '' : 's'} from {clock(overview.start)} over{' '}
            {formatMs(overview.spanMs)}; {overview.failed.toLocaleString()} failed
            {overview.slowest ? `; slowest ${formatMs(overview.slowest.durationMs)}` : ''}
          </p>
          <div
            className="list-timeline-strip"
            role="img"
            aria-label={`Exchanges started per ${formatMs(columnWidth)}, at most ${overview.peak.toLocaleString()}`}
          >
            {overview.columns.map((column, index) =>
              column.started === 0 ? (
                <span key={index} className="list-timeline-gap" />
              ) : (
                <span
                  key={index}
                  className="list-timeline-column"
                  data-testid="list-timeline-column"
                  data-started={column.started}
                  data-failed={column.failed}
                  title={`${clock(overview.start + index * columnWidth)}: ${column.started} started, ${column.failed} failed`}
                >
                  <span
                    className="list-timeline-ok"
                    style={{ height: `${((column.started - column.failed) / overview.peak) * 100}%` }}
                  />
                  <span
                    className="list-timeline-failed"
                    style={{ height: `${(column.failed / overview.peak) * 100}%` }}
                  />
                </span>
              ),
            )}
          </div>
        </>
      )}
    </div>
  );
}
