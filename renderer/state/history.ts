import { create } from 'zustand';
import type { CallInput, CallOutput } from '../../shared/contract';
import type { HistorySend } from '../../shared/history/calls';
import { call, guarded, type ShownError } from '../bridge';
import { reloadOnSendResults } from './reload-on-results';

type StoredSend = CallOutput<'history.get'>;

interface HistoryState {
  sends: HistorySend[];
  total: number;
  nextCursor: number | null;
  text: string;
  selected: StoredSend | null;
  busy: boolean;
  error: ShownError | null;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  search(text: string): Promise<void>;
  open(id: string): Promise<void>;
  resend(id: string): Promise<void>;
  /** The HAR text of the filtered sends or one send (null when it failed: `error` says why). */
  exportHar(input: CallInput<'history.exportHar'>): Promise<string | null>;
  notice: string | null;
  listen(): () => void;
  maxMegabytes: number | null;
  writeError: string | null;
  loadSettings(): Promise<void>;
  saveSettings(maxMegabytes: number): Promise<void>;
}

const PAGE = 200;

export const useHistory = create<HistoryState>((set, get) => {
  const guard = (work: () => Promise<void>) => guarded(set, work, { busy: true });
  const filter = () => (get().text.trim() ? { text: get().text } : {});
  return {
    sends: [],
    total: 0,
    nextCursor: null,
    text: '',
    selected: null,
    busy: false,
    error: null,
    load: () =>
      guard(async () => {
        const page = await call('history.list', { filter: filter(), limit: PAGE });
        set({ sends: page.items, total: page.total, nextCursor: page.nextCursor });
      }),
    loadMore: () =>
      guard(async () => {
        const cursor = get().nextCursor;
        if (cursor === null) return;
        const page = await call('history.list', { filter: filter(), limit: PAGE, cursor });
        set({ sends: [...get().sends, ...page.items], nextCursor: page.nextCursor, total: page.total });
      }),
    async search(text) {
      set({ text });
      await get().load();
    },
    notice: null,
    async exportHar(input) {
      let text: string | null = null;
      await guarded(set, async () => {
        const out = await call('history.exportHar', input);
        text = out.text;
        set({
          notice: `Exported ${out.sends.toLocaleString()} send${out.sends === 1 ? '' : 's'} with ${out.count.toLocaleString()} exchange${out.count === 1 ? '' : 's'} as HAR (redacted).`,
        });
      });
      return text;
    },
    open: (id) => guard(async () => set({ selected: await call('history.get', { id }) })),
    resend: (id) =>
      guard(async () => {
        const { result } = await call('history.resend', { id });
        await get().load();
        set({ selected: await call('history.get', { id: result.id }) });
      }),
    maxMegabytes: null,
    writeError: null,
    loadSettings: () =>
      guard(async () => {
        const { maxMegabytes, writeError } = await call('history.settings', {});
        set({ maxMegabytes, writeError });
      }),
    saveSettings: (maxMegabytes) =>
      guard(async () => {
        set({ maxMegabytes: (await call('history.setSettings', { maxMegabytes })).maxMegabytes });
        await get().load();
      }),
    listen() {
      // New sends appear at the top; the list reloads at most a few times a second during a bulk send.
      return reloadOnSendResults(() => void get().load());
    },
  };
});
