import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { TargetName } from '../../../shared/devices/display-name';
import { statusClassOf, type ExchangeSummary } from '../../../shared/history/summary';
import { formatTime } from '../../../shared/time-format';
import { useTargetNamer } from '../../components/TargetName';

interface Props {
  rows: readonly ExchangeSummary[];
  selectedId: string | null;
  checked: readonly string[];
  onSelect(id: string): void;
  onOpen(id: string): void;
  onToggle(id: string): void;
}

const ROW_HEIGHT = 28;

/** The device's label and the profile's name before the URL (the URL already holds the token). */
function RowTargetName({ name }: { name: TargetName }) {
  if (!name.device && !name.profile) return null;
  return (
    <span className="row-target-name" data-testid="row-target-name">
      {[name.device, name.profile].filter(Boolean).join(' · ')}
    </span>
  );
}

/** Only the rows on screen are in the DOM, so 50,000 exchanges scroll as smoothly as 50. */
export function ExchangeList({ rows, selectedId, checked, onSelect, onOpen, onToggle }: Props) {
  const scroller = useRef<HTMLDivElement | null>(null);
  const nameOf = useTargetNamer();
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const index = selectedId === null ? -1 : rows.findIndex((row) => row.id === selectedId);

  useEffect(() => {
    if (index >= 0) virtual.scrollToIndex(index, { align: 'auto' });
  }, [index, virtual]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Space in a row's checkbox (focused by a click on it) is the checkbox's own.
    if (event.key === ' ' && event.target instanceof HTMLInputElement) return;
    if (rows.length === 0) return;
    const move = (to: number) => {
      event.preventDefault();
      onSelect(rows[Math.max(0, Math.min(rows.length - 1, to))]!.id);
    };
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index <= 0 ? 0 : index - 1);
    else if (event.key === 'PageDown') move(index + 20);
    else if (event.key === 'PageUp') move(index - 20);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(rows.length - 1);
    else if (event.key === 'Enter' && selectedId) {
      event.preventDefault();
      onOpen(selectedId);
    } else if (event.key === ' ' && selectedId) {
      event.preventDefault();
      onToggle(selectedId);
    }
  };

  // A grid, not a listbox: each row holds a checkbox, and an option may not contain a control.
  // Focus stays on the grid; the selected row is its active descendant.
  return (
    <div
      className="exchange-list"
      role="grid"
      aria-label="Exchanges"
      aria-rowcount={rows.length + 1}
      aria-activedescendant={selectedId ? `exchange-${selectedId}` : undefined}
      tabIndex={0}
      data-testid="exchange-list"
      onKeyDown={onKeyDown}
    >
      <div className="exchange-row exchange-row-head" role="row" aria-rowindex={1}>
        <span role="columnheader">
          <span className="sr-only">Ticked</span>
        </span>
        <span role="columnheader">Time</span>
        <span role="columnheader">Provider</span>
        <span role="columnheader">Method</span>
        <span role="columnheader">URL</span>
        <span role="columnheader">Status</span>
        <span role="columnheader">Reason</span>
        <span role="columnheader">Duration</span>
      </div>
      <div ref={scroller} className="exchange-scroll" role="rowgroup" data-testid="exchange-scroll">
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }} role="presentation">
          {virtual.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            const selected = row.id === selectedId;
            return (
              <div
                key={row.id}
                id={`exchange-${row.id}`}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={selected}
                className={`exchange-row status-${statusClassOf(row.status)} purpose-${row.purpose}${selected ? ' selected' : ''}`}
                data-testid="exchange-row"
                data-exchange-id={row.id}
                data-purpose={row.purpose}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${item.start}px)`,
                }}
                onClick={() => onSelect(row.id)}
                onDoubleClick={() => onOpen(row.id)}
              >
                <span role="gridcell" className="exchange-check-cell">
                  <input
                    type="checkbox"
                    tabIndex={-1}
                    aria-label="Select for export or compare"
                    data-testid="exchange-check"
                    checked={checked.includes(row.id)}
                    onClick={(event) => event.stopPropagation()}
                    onChange={() => onToggle(row.id)}
                  />
                </span>
                <span role="gridcell" className="mono">
                  {formatTime(row.startedAt)}
                </span>
                <span role="gridcell" className="exchange-provider">
                  {row.provider ?? row.purpose}
                  {row.purpose === 'auth' && (
                    <span className="purpose-badge" title="Token fetch (purpose:auth)" data-testid="purpose-auth">
                      token
                    </span>
                  )}
                </span>
                <span role="gridcell" className="mono">
                  {row.method}
                </span>
                <span
                  role="gridcell"
                  className="ellipsis mono"
                  title={row.target ? `${row.url}\nTarget: ${row.target}` : row.url}
                >
                  {row.target && row.provider && <RowTargetName name={nameOf(row.provider, row.target)} />}
                  {row.url}
                </span>
                <span role="gridcell" className="mono" data-testid="row-status">
                  {row.status ?? '—'}
                </span>
                <span role="gridcell" className="ellipsis" data-testid="row-reason" title={row.reason ?? undefined}>
                  {row.reason ?? ''}
                </span>
                <span role="gridcell" className="mono">
                  {Math.round(row.durationMs)} ms
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
