import { create } from 'zustand';
import type { CallInput, CallOutput } from '../../shared/contract';
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
}

/** The workspace's content-state contracts, one per Live Activity attributes type. */
export const useLiveActivity = create<LiveActivityState>((set) => ({
  contracts: [],
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
}));
