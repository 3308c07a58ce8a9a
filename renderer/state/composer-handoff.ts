import { create } from 'zustand';
import type { SendRequest } from '../../shared/domain/send-request';

/**
 * A request another screen (history) wants the composer to open for editing. The composer takes
 * it once and clears it, so going back to Compose later does not reload it.
 */
interface ComposerHandoff {
  request: SendRequest | null;
  /** Where it came from, e.g. the history send id, for the composer to mention. */
  source: string | null;
  hand(request: SendRequest, source: string): void;
  take(): SendRequest | null;
}

export const useComposerHandoff = create<ComposerHandoff>((set, get) => ({
  request: null,
  source: null,
  hand: (request, source) => set({ request, source }),
  take() {
    const { request } = get();
    set({ request: null, source: null });
    return request;
  },
}));
