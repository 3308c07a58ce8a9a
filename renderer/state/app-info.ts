import { create } from 'zustand';
import type { AppInfo } from '../../shared/contract';
import { call, guarded, type ShownError } from '../bridge';

interface AppInfoState {
  info: AppInfo | null;
  error: ShownError | null;
  connected: boolean;
  load(): Promise<void>;
  setConnected(connected: boolean): void;
}

export const useAppInfo = create<AppInfoState>((set) => ({
  info: null,
  error: null,
  connected: true,
  load: () => guarded(set, async () => set({ info: await call('app.info', {}) })),
  setConnected(connected) {
    set({ connected });
  },
}));
