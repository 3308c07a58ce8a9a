import { create } from 'zustand';
import type { AppInfo } from '../../shared/contract';
import { call, guarded, toShownError, type ShownError } from '../bridge';

interface AppInfoState {
  info: AppInfo | null;
  error: ShownError | null;
  connected: boolean;
  /** True once this window asked for memory-only secrets, so it can say what that means. */
  keptInMemory: boolean;
  /** Why switching to memory failed; apart from `error`, which means the connection failed. */
  memoryError: ShownError | null;
  load(): Promise<void>;
  keepSecretsInMemory(): Promise<void>;
  setConnected(connected: boolean): void;
}

export const useAppInfo = create<AppInfoState>((set, get) => ({
  info: null,
  error: null,
  connected: true,
  keptInMemory: false,
  memoryError: null,
  load: () => guarded(set, async () => set({ info: await call('app.info', {}) })),
  async keepSecretsInMemory() {
    set({ memoryError: null });
    try {
      const keychain = await call('app.keepSecretsInMemory', {});
      const info = get().info;
      set({ keptInMemory: true, ...(info ? { info: { ...info, keychain } } : {}) });
    } catch (error) {
      set({ memoryError: toShownError(error) });
    }
  },
  setConnected(connected) {
    set({ connected });
  },
}));
