import { forwardRef, useState } from 'react';
import { providerSchema } from '../../../shared/domain/exchange';
import { QUERY_HELP } from '../../../shared/history/query';
import { statusClassSchema, type HistoryFilter } from '../../../shared/history/summary';

interface Props {
  filter: HistoryFilter;
  query: string;
  queryErrors: readonly string[];
  onChange(patch: Partial<HistoryFilter>): void;
  onQuery(query: string): void;
}

/**
 * The search box (ids, headers, bodies, field filters; Ctrl/Cmd+F lands in it, "?" shows its
 * syntax) beside provider, status class and reason pickers.
 */
export const ExchangeFilters = forwardRef<HTMLInputElement, Props>(function ExchangeFilters(
  { filter, query, queryErrors, onChange, onQuery },
  ref,
) {
  const [help, setHelp] = useState(false);
  return (
    <div className="toolbar exchange-filters" data-testid="exchange-filters">
      <span className="exchange-search">
        <input
          ref={ref}
          type="search"
          placeholder="Search (Ctrl+F): id, status:410…"
          aria-label="Search exchanges"
          aria-describedby={help ? 'exchange-search-help' : undefined}
          data-testid="filter-text"
          value={query}
          onChange={(event) => onQuery(event.target.value)}
        />
        <button
          type="button"
          aria-label="Search syntax"
          aria-expanded={help}
          data-testid="query-help-toggle"
          onClick={() => setHelp(!help)}
        >
          ?
        </button>
        {help && (
          <dl className="exchange-search-help" id="exchange-search-help" data-testid="query-help">
            {QUERY_HELP.map(([form, meaning]) => (
              <div key={form}>
                <dt className="mono">{form}</dt>
                <dd>{meaning}</dd>
              </div>
            ))}
          </dl>
        )}
        {queryErrors.length > 0 && (
          <span className="exchange-search-errors" role="alert" data-testid="query-errors">
            {queryErrors.join(' ')}
          </span>
        )}
      </span>
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
