import { create } from 'zustand';
import { groupByCause, type CauseGroup } from '../../shared/doctor/groups';
import { call, guarded, type ShownError } from '../bridge';
import { reloadOnSendResults } from './reload-on-results';

/** How many of the newest sends the Doctor screen reads. */
export const DOCTOR_WINDOW = 500;

interface DoctorState {
  groups: CauseGroup[];
  /** Sends read, and how many of them had a diagnosis. */
  read: number;
  diagnosed: number;
  loaded: boolean;
  busy: boolean;
  error: ShownError | null;
  load(): Promise<void>;
  listen(): () => void;
}

/** The last sends' diagnoses, grouped by their first cause. */
export const useDoctor = create<DoctorState>((set, get) => ({
  groups: [],
  read: 0,
  diagnosed: 0,
  loaded: false,
  busy: false,
  error: null,
  load: () =>
    guarded(
      set,
      async () => {
        const page = await call('history.list', { limit: DOCTOR_WINDOW });
        const diagnosed = page.items.filter((send) => send.diagnosis);
        set({ groups: groupByCause(diagnosed), read: page.items.length, diagnosed: diagnosed.length, loaded: true });
      },
      { busy: true },
    ),
  listen() {
    return reloadOnSendResults(
      () => void get().load(),
      (result) => result.diagnosis !== undefined,
    );
  },
}));
