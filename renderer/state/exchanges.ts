import { create } from 'zustand';
import type { CallOutput } from '../../shared/contract';
import type { Exchange } from '../../shared/domain/exchange';
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
  setFilter(patch: Partial<HistoryFilter>): void;
  select(id: string | null): Promise<void>;
  toggleChecked(id: string): void;
  runCompare(left: string, right: string): Promise<void>;
  closeCompare(): void;
  setNotice(text: string | null): void;
  fail(error: unknown): void;
  /** Subscribes to live exchanges and results; returns the unsubscribe. */
  listen(): () => void;
}

export const useExchanges = create<ExchangesState>((set, get) => {
  const refilter = (rows: ExchangeSummary[], filter: HistoryFilter) =>
    set({ rows, filter, visible: filterExchanges(rows, filter) });
  return {
    rows: [],
    filter: {},
    visible: [],
    selectedId: null,
    detail: null,
    checked: [],
    compare: null,
    loading: false,
    error: null,
    notice: null,
    async load() {
      set({ loading: true, error: null });
      try {
        const page = await call('exchanges.list', { limit: LOADED_MAX });
        refilter(page.items, get().filter);
      } catch (error) {
        get().fail(error);
      } finally {
        set({ loading: false });
      }
    },
    setFilter(patch) {
      refilter(get().rows, { ...get().filter, ...patch });
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
