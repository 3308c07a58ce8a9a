import { forwardRef } from 'react';
import { providerSchema } from '../../../shared/domain/exchange';
import { statusClassSchema, type HistoryFilter } from '../../../shared/history/summary';

interface Props {
  filter: HistoryFilter;
  onChange(patch: Partial<HistoryFilter>): void;
}

/** Provider, status class, reason and free text; Ctrl/Cmd+F lands in the text box. */
export const ExchangeFilters = forwardRef<HTMLInputElement, Props>(function ExchangeFilters({ filter, onChange }, ref) {
  return (
    <div className="toolbar exchange-filters" data-testid="exchange-filters">
      <input
        ref={ref}
        type="search"
        placeholder="Filter (Ctrl+F): id, target, URL, reason…"
        aria-label="Filter text"
        data-testid="filter-text"
        value={filter.text ?? ''}
        onChange={(event) => onChange({ text: event.target.value })}
      />
      <select
        aria-label="Provider"
        data-testid="filter-provider"
        value={filter.provider?.[0] ?? ''}
        onChange={(event) =>
          onChange({ provider: event.target.value ? [providerSchema.parse(event.target.value)] : [] })
        }
      >
        <option value="">All providers</option>
        {providerSchema.options.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
      <select
        aria-label="Status"
        data-testid="filter-status"
        value={filter.statusClass?.[0] ?? ''}
        onChange={(event) =>
          onChange({ statusClass: event.target.value ? [statusClassSchema.parse(event.target.value)] : [] })
        }
      >
        <option value="">Any status</option>
        {statusClassSchema.options.map((c) => (
          <option key={c} value={c}>
            {c === 'error' ? 'no response' : c}
          </option>
        ))}
      </select>
      <input
        type="text"
        placeholder="Reason"
        aria-label="Reason"
        data-testid="filter-reason"
        value={filter.reason ?? ''}
        onChange={(event) => onChange({ reason: event.target.value })}
      />
    </div>
  );
});
