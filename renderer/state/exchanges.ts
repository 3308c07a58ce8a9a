import { create } from 'zustand';
import type { CallOutput } from '../../shared/contract';
import type { Exchange } from '../../shared/domain/exchange';
import { needsFullText, parseExchangeQuery, summaryMatches } from '../../shared/history/query';
import { filterExchanges, type ExchangeSummary, type HistoryFilter } from '../../shared/history/summary';
import { bridge, call, toShownError, type ShownError } from '../bridge';
import { LiveRows } from './live-rows';

type Compare = CallOutput<'exchanges.compare'>;

// The list holds summaries only; this many is still smooth with the virtualized list.
const LOADED_MAX = 50_000;
const BATCH_MS = 150;

interface ExchangesState {
  rows: ExchangeSummary[];
  filter: HistoryFilter;
  /** The search box as typed (`parseExchangeQuery`'s language). */
  query: string;
  /** Why field filters in the query were left out. */
  queryErrors: string[];
  /** Ids main found for a query that reads headers or bodies; null when the rows alone decide. */
  found: Set<string> | null;
  /** A query main has not answered yet (the list shows the previous answer meanwhile). */
  searching: boolean;
  visible: ExchangeSummary[];
  selectedId: string | null;
  detail: Exchange | null;
  /** Rows ticked for export or compare, in the order ticked. */
  checked: string[];
  compare: Compare | null;
  loading: boolean;
  error: ShownError | null;
  notice: string | null;
  load(): Promise<void>;
  /**
   * Empties the live list, as a network panel's Clear does: history keeps every exchange on disk
   * (the History screen and exports still have them); this window shows only newer ones.
   */
  clear(): void;
  /** When the list was last cleared (ISO); rows that started before it stay out of the list. */
  clearedAt: string | null;
  setFilter(patch: Partial<HistoryFilter>): void;
  setQuery(query: string): void;
  select(id: string | null): Promise<void>;
  toggleChecked(id: string): void;
  runCompare(left: string, right: string): Promise<void>;
  closeCompare(): void;
  setNotice(text: string | null): void;
  fail(error: unknown): void;
  /** Subscribes to live exchanges and results; returns the unsubscribe. */
  listen(): () => void;
}

/** The rows the filters and the query let through, order kept. */
function visibleRows(state: Pick<ExchangesState, 'rows' | 'filter' | 'query' | 'found'>): ExchangeSummary[] {
  const { query } = parseExchangeQuery(state.query);
  const filtered = filterExchanges(state.rows, state.filter);
  const found = state.found;
  if (found) return filtered.filter((row) => found.has(row.id));
  return filtered.filter((row) => summaryMatches(query, row));
}

export const useExchanges = create<ExchangesState>((set, get) => {
  const refilter = (rows: ExchangeSummary[], filter: HistoryFilter) =>
    set({ rows, filter, visible: visibleRows({ ...get(), rows, filter }) });
  // Answers to older queries are dropped: only the newest search may set `found`.
  let searches = 0;
  const search = async () => {
    const query = get().query;
    const n = ++searches;
    if (!needsFullText(parseExchangeQuery(query).query)) {
      set({ found: null, searching: false, visible: visibleRows({ ...get(), found: null }) });
      return;
    }
    set({ searching: true });
    try {
      const answer = await call('exchanges.search', { query, limit: LOADED_MAX });
      if (n !== searches) return;
      const found = new Set(answer.ids);
      set({ found, searching: false, visible: visibleRows({ ...get(), found }) });
    } catch (error) {
      if (n === searches) set({ searching: false });
      get().fail(error);
    }
  };
  return {
    rows: [],
    filter: {},
    query: '',
    queryErrors: [],
    found: null,
    searching: false,
    visible: [],
    selectedId: null,
    detail: null,
    checked: [],
    compare: null,
    loading: false,
    error: null,
    notice: null,
    clearedAt: null,
    clear() {
      set({ clearedAt: new Date().toISOString(), selectedId: null, detail: null, checked: [], compare: null });
      refilter([], get().filter);
    },
    async load() {
      set({ loading: true, error: null });
      try {
        const clearedAt = get().clearedAt;
        const page = await call('exchanges.list', {
          limit: LOADED_MAX,
          ...(clearedAt ? { filter: { since: clearedAt } } : {}),
        });
        refilter(page.items, get().filter);
        if (get().found) await search();
      } catch (error) {
        get().fail(error);
      } finally {
        set({ loading: false });
      }
    },
    setFilter(patch) {
      refilter(get().rows, { ...get().filter, ...patch });
    },
    setQuery(query) {
      set({ query, queryErrors: parseExchangeQuery(query).errors });
      void search().then(() => {
        // A query that leaves the shown exchange out clears the detail, rather than showing one it hides.
        const { selectedId, visible } = get();
        if (selectedId && get().query === query && !visible.some((row) => row.id === selectedId))
          void get().select(null);
      });
    },
    async select(id) {
      set({ selectedId: id, detail: null, error: null, compare: null });
      if (!id) return;
      try {
        const detail = await call('exchanges.get', { id });
        if (get().selectedId === id) set({ detail });
      } catch (error) {
        get().fail(error);
      }
    },
    toggleChecked(id) {
      const checked = get().checked;
      set({ checked: checked.includes(id) ? checked.filter((one) => one !== id) : [...checked, id] });
    },
    async runCompare(left, right) {
      try {
        set({ compare: await call('exchanges.compare', { left, right }) });
      } catch (error) {
        get().fail(error);
      }
    },
    closeCompare: () => set({ compare: null }),
    setNotice: (notice) => set({ notice }),
    fail: (error) => set({ error: toShownError(error) }),
    listen() {
      const live = new LiveRows(LOADED_MAX);
      let timer: ReturnType<typeof setTimeout> | null = null;
      const schedule = () => {
        if (!timer) timer = setTimeout(apply, BATCH_MS);
      };
      const apply = () => {
        timer = null;
        const { rows, waiting } = live.merge(get().rows);
        if (waiting) schedule();
        refilter(rows, get().filter);
        // New rows' headers and bodies are only in main: ask again for a full-text query.
        if (get().found) void search();
      };
      const offExchanges = bridge.on('exchanges.recorded', (summaries) => {
        live.add(summaries);
        schedule();
      });
      const offResult = bridge.on('send.result', (result) => {
        if (!result.reason) return;
        live.reason(result.exchangeIds, result.reason);
        schedule();
      });
      return () => {
        offExchanges();
        offResult();
        if (timer) clearTimeout(timer);
      };
    },
  };
});
