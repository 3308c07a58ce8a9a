import { create } from 'zustand';
import type { CallOutput } from '../../shared/contract';
import type { Exchange } from '../../shared/domain/exchange';
import { filterExchanges, type ExchangeSummary, type HistoryFilter } from '../../shared/history/summary';
import { bridge, call } from '../bridge';

type Compare = CallOutput<'exchanges.compare'>;
type UiError = { message: string; hint?: string | undefined };

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
  error: UiError | null;
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
    fail(error) {
      const e = error as Error & { hint?: string };
      set({ error: { message: e.message, hint: e.hint } });
    },
    listen() {
      // During a bulk send exchanges arrive by the thousand per second (in batches from main);
      // apply them in batches too, so the 50k-row filter runs a few times a second.
      let incoming: ExchangeSummary[] = [];
      // A result can overtake its exchange's row (rows come in batches): its reason waits one
      // more batch for the row, then is dropped (the exchange was not recorded).
      const reasons = new Map<string, { reason: string; waited: boolean }>();
      let timer: ReturnType<typeof setTimeout> | null = null;
      const schedule = () => {
        if (!timer) timer = setTimeout(apply, BATCH_MS);
      };
      const apply = () => {
        timer = null;
        const { rows, filter } = get();
        let next = incoming.length > 0 ? [...incoming.reverse(), ...rows] : rows;
        incoming = [];
        if (next.length > LOADED_MAX) next = next.slice(0, LOADED_MAX);
        if (reasons.size > 0) {
          next = next.map((row) => {
            const waiting = reasons.get(row.id);
            if (waiting === undefined) return row;
            reasons.delete(row.id);
            return { ...row, reason: waiting.reason };
          });
          for (const [id, waiting] of reasons) {
            if (waiting.waited) reasons.delete(id);
            else waiting.waited = true;
          }
          if (reasons.size > 0) schedule();
        }
        refilter(next, filter);
      };
      const offExchanges = bridge.on('exchanges.recorded', (summaries) => {
        for (const summary of summaries) incoming.push(summary);
        schedule();
      });
      // A result names the provider's reason for its exchanges (WNS and NH give it in headers).
      const offResult = bridge.on('send.result', (result) => {
        if (!result.reason) return;
        for (const id of result.exchangeIds) reasons.set(id, { reason: result.reason, waited: false });
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
