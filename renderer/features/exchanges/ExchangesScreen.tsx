import { useEffect, useRef } from 'react';
import { isEmptyFilter, type HistoryFilter } from '../../../shared/history/summary';
import { call } from '../../bridge';
import { useDelayedFlag } from '../../components/delayed';
import { ErrorLine } from '../../components/ErrorLine';
import { useExchangeFocus } from '../../state/exchange-focus';
import { useExchanges } from '../../state/exchanges';
import { downloadText, harFileName } from './actions';
import { CompareView } from './CompareView';
import { ExchangeDetail } from './ExchangeDetail';
import { ExchangeFilters } from './ExchangeFilters';
import { ExchangeList } from './ExchangeList';
import { ListTimeline } from './ListTimeline';
import { SplitPane } from './SplitPane';
import './exchanges.css';

// A toast stays this long, then goes; clicking it closes it sooner.
const TOAST_MS = 4000;

function noMatchText(query: string, filter: HistoryFilter): string {
  const q = query.trim();
  const pickers = !isEmptyFilter(filter);
  if (!q) return 'No exchange matches these filters.';
  return `No exchange matches “${q}”${pickers ? ' with the provider, status and reason pickers as set' : ''}. The ? beside the box shows what it can search.`;
}

/** Every HTTP exchange Push Console made: a live, filterable list and the full detail of one. */
export function ExchangesScreen() {
  const state = useExchanges();
  const filterInput = useRef<HTMLInputElement | null>(null);
  const focusId = useExchangeFocus((focus) => focus.exchangeId);
  const clearFocus = useExchangeFocus((focus) => focus.focus);

  useEffect(() => {
    void useExchanges.getState().load();
    return useExchanges.getState().listen();
  }, []);

  // Another screen (the composer's result) asked for one exchange.
  useEffect(() => {
    if (!focusId) return;
    void useExchanges.getState().select(focusId);
    clearFocus(null);
  }, [focusId, clearFocus]);

  useEffect(() => {
    if (!state.notice) return;
    const timer = setTimeout(() => useExchanges.getState().setNotice(null), TOAST_MS);
    return () => clearTimeout(timer);
  }, [state.notice]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        filterInput.current?.focus();
        filterInput.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const exportHar = async () => {
    try {
      // A search's matches are known only by id here: export exactly the rows shown.
      const input =
        state.checked.length > 0
          ? { ids: state.checked }
          : state.query.trim() || state.clearedAt
            ? { ids: state.visible.map((row) => row.id) }
            : { filter: state.filter };
      const { text, count } = await call('exchanges.exportHar', input);
      downloadText(harFileName(), text);
      state.setNotice(`Exported ${count} exchange${count === 1 ? '' : 's'} as HAR (redacted).`);
    } catch (error) {
      state.fail(error);
    }
  };

  // Enter opens: the detail is shown and keyboard focus moves into its tabs.
  const open = async (id: string) => {
    await state.select(id);
    requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-testid="tab-timeline"]')?.focus());
  };

  const canCompare = state.checked.length === 2;
  const slowSearch = useDelayedFlag(state.searching, 300);
  const filtering = state.visible.length < state.rows.length || state.query.trim() !== '';
  const noMatch = state.rows.length > 0 && state.visible.length === 0 && filtering && !state.searching;
  const list =
    state.rows.length === 0 && !state.loading ? (
      <p className="hint exchanges-empty" data-testid="exchanges-empty">
        No exchanges yet. Send something from Compose; every request and response shows up here as it happens.
      </p>
    ) : noMatch ? (
      <p className="hint exchanges-empty" role="status" data-testid="exchanges-no-match">
        {noMatchText(state.query, state.filter)}
      </p>
    ) : (
      <ExchangeList
        rows={state.visible}
        selectedId={state.selectedId}
        checked={state.checked}
        onSelect={(id) => void state.select(id)}
        onOpen={(id) => void open(id)}
        onToggle={state.toggleChecked}
      />
    );
  return (
    <div className="exchanges" data-testid="exchanges">
      <h1 className="sr-only">Exchanges</h1>
      <div className="exchanges-top">
        <ExchangeFilters
          ref={filterInput}
          filter={state.filter}
          query={state.query}
          queryErrors={state.queryErrors}
          onChange={state.setFilter}
          onQuery={state.setQuery}
        />
        <div className="toolbar">
          {/* The first full-text search reads every stored exchange (seconds at 50,000): say so, not the old count. */}
          <span className="hint" data-testid="exchange-count" aria-busy={state.searching}>
            {slowSearch
              ? `Searching ${state.rows.length.toLocaleString()} exchanges…`
              : `${state.visible.length.toLocaleString()} of ${state.rows.length.toLocaleString()}`}
          </span>
          <button
            type="button"
            data-testid="export-har"
            onClick={() => void exportHar()}
            disabled={state.visible.length === 0}
          >
            {state.checked.length > 0 ? `Export ${state.checked.length} as HAR` : 'Export filtered as HAR'}
          </button>
          <button
            type="button"
            data-testid="compare"
            disabled={!canCompare}
            title={canCompare ? undefined : 'Tick two exchanges to compare them'}
            onClick={() => void state.runCompare(state.checked[0]!, state.checked[1]!)}
          >
            Compare
          </button>
          <button
            type="button"
            data-testid="exchanges-clear"
            disabled={state.rows.length === 0}
            title="Empty this list; History keeps every exchange"
            onClick={() => {
              state.clear();
              state.setNotice('Cleared the list. History keeps every exchange.');
            }}
          >
            Clear exchanges
          </button>
          <button type="button" data-testid="exchanges-refresh" onClick={() => void state.load()}>
            Refresh
          </button>
        </div>
      </div>
      <ErrorLine error={state.error} testId="exchanges-error" />
      {state.notice && (
        <div
          className="exchanges-toast"
          role="status"
          data-testid="exchanges-notice"
          onClick={() => state.setNotice(null)}
        >
          {state.notice}
        </div>
      )}
      <SplitPane
        settingsKey="exchanges.listWidth"
        initial={620}
        minPane={360}
        first={
          <>
            {state.visible.length > 0 && <ListTimeline rows={state.visible} />}
            {list}
          </>
        }
        second={
          <div className="exchanges-side" data-testid="exchanges-side">
            {state.compare ? (
              <CompareView diff={state.compare} onClose={state.closeCompare} />
            ) : state.detail ? (
              <ExchangeDetail exchange={state.detail} />
            ) : (
              <p className="hint">
                {noMatch ? 'Nothing selected.' : 'Select an exchange (arrow keys and Enter work too).'}
              </p>
            )}
          </div>
        }
      />
    </div>
  );
}
