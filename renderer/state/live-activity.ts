import { create } from 'zustand';
import type { CallInput, CallOutput } from '../../shared/contract';
import type { PreviewLayout } from '../../shared/live-activity/preview-layout';
import { call, guarded, type ShownError } from '../bridge';

type Contract = CallOutput<'liveActivity.contracts.list'>[number];

interface LiveActivityState {
  contracts: Contract[];
  loaded: boolean;
  busy: boolean;
  error: ShownError | null;
  load(): Promise<void>;
  /** Resolves true once saved; a refusal stays in `error`. */
  save(contract: CallInput<'liveActivity.contracts.save'>): Promise<boolean>;
  remove(attributesType: string): Promise<boolean>;
  /** Preview layouts mapped for an attributes type with no contract to keep them in: this session only. */
  sessionLayouts: Record<string, PreviewLayout>;
  /** The attributes type last mapped, for a payload that does not name one (an update or an end). */
  previewType: string | null;
  /** Keeps the layout with the type's contract, or for this session when it has none. */
  saveLayout(attributesType: string, layout: PreviewLayout): Promise<boolean>;
}

/** The workspace's content-state contracts, one per Live Activity attributes type. */
export const useLiveActivity = create<LiveActivityState>((set, get) => ({
  contracts: [],
  sessionLayouts: {},
  previewType: null,
  loaded: false,
  busy: false,
  error: null,
  load: () =>
    guarded(set, async () => {
      set({ contracts: await call('liveActivity.contracts.list', {}), loaded: true });
    }),
  save: async (contract) => {
    let saved = false;
    await guarded(
      set,
      async () => {
        await call('liveActivity.contracts.save', contract);
        set({ contracts: await call('liveActivity.contracts.list', {}) });
        saved = true;
      },
      { busy: true },
    );
    return saved;
  },
  remove: async (attributesType) => {
    let removed = false;
    await guarded(
      set,
      async () => {
        await call('liveActivity.contracts.delete', { attributesType });
        set({ contracts: await call('liveActivity.contracts.list', {}) });
        removed = true;
      },
      { busy: true },
    );
    return removed;
  },
  saveLayout: async (attributesType, layout) => {
    set({ previewType: attributesType });
    const contract = get().contracts.find((c) => c.attributesType === attributesType);
    if (!contract) {
      set((state) => ({ sessionLayouts: { ...state.sessionLayouts, [attributesType]: layout } }));
      return true;
    }
    const { updatedAt: _, ...rest } = contract;
    return get().save({ ...rest, preview: layout });
  },
}));
