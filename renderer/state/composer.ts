import { create } from 'zustand';
import type { Provider } from '../../shared/domain/exchange';
import type { ComposerState, Draft } from '../../shared/domain/profile';
import { call } from '../bridge';
import { providerSpec } from '../../shared/providers';

interface ComposerSlice {
  loaded: boolean;
  provider: Provider;
  drafts: Partial<Record<Provider, Draft>>;
  load(): Promise<void>;
  setProvider(provider: Provider): void;
  update(patch: Partial<Draft>): void;
  /** Replaces payload and options at once (templates, presets, "send again, edited"). */
  replace(provider: Provider, draft: Partial<Draft>): void;
}

let saveTimer: ReturnType<typeof setTimeout> | undefined;

/** Keeps the composer's state in main (not localStorage), shortly after every change. */
function persist(state: ComposerState): void {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => void call('composer.save', state).catch(() => {}), 250);
}

export const useComposer = create<ComposerSlice>((set, get) => ({
  loaded: false,
  provider: 'apns',
  drafts: {},
  async load() {
    try {
      const state = await call('composer.load', {});
      set({ loaded: true, provider: state.provider, drafts: state.drafts });
    } catch {
      set({ loaded: true });
    }
  },
  setProvider(provider) {
    set({ provider });
    persist({ provider, drafts: get().drafts });
  },
  update(patch) {
    const { provider, drafts } = get();
    const next = { ...drafts, [provider]: { ...currentDraft(provider, drafts), ...patch } };
    set({ drafts: next });
    persist({ provider, drafts: next });
  },
  replace(provider, draft) {
    const drafts = { ...get().drafts, [provider]: { ...currentDraft(provider, get().drafts), ...draft } };
    set({ provider, drafts });
    persist({ provider, drafts });
  },
}));

export function currentDraft(provider: Provider, drafts: Partial<Record<Provider, Draft>>): Draft {
  return drafts[provider] ?? providerSpec(provider).starterDraft;
}

export function useCurrentDraft(): Draft {
  return useComposer((state) => currentDraft(state.provider, state.drafts));
}
