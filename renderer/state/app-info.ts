import { create } from 'zustand';
import type { AppInfo } from '../../shared/contract';
import { BridgeError, call } from '../bridge';

interface AppInfoState {
  info: AppInfo | null;
  error: { message: string; hint?: string | undefined } | null;
  connected: boolean;
  load(): Promise<void>;
  setConnected(connected: boolean): void;
}

export const useAppInfo = create<AppInfoState>((set) => ({
  info: null,
  error: null,
  connected: true,
  async load() {
    try {
      set({ info: await call('app.info', {}), error: null });
    } catch (error) {
      const e = error instanceof BridgeError ? error : new BridgeError({ code: 'INTERNAL', message: String(error) });
      set({ error: { message: e.message, hint: e.hint } });
    }
  },
  setConnected(connected) {
    set({ connected });
  },
}));
