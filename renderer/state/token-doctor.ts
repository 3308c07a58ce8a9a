import { create } from 'zustand';
import type { ApnsProbe, TargetReadingWithFits } from '../../shared/contract/token-doctor';
import { call, guarded, type ShownError } from '../bridge';

export interface ProbeRequest {
  token: string;
  credentialId: string;
  topic?: string;
  where: 'apple' | 'local';
}

interface TokenDoctorState {
  text: string;
  /** The readings of `readFor`, the text as it was when asked. */
  readings: TargetReadingWithFits[];
  readFor: string | null;
  probe: ApnsProbe | null;
  busy: boolean;
  error: ShownError | null;
  setText(text: string): void;
  identify(): Promise<void>;
  runProbe(request: ProbeRequest): Promise<void>;
}

/** The Doctor screen's token doctor: what a pasted target is, and the APNs environment probe. */
export const useTokenDoctor = create<TokenDoctorState>((set, get) => ({
  text: '',
  readings: [],
  readFor: null,
  probe: null,
  busy: false,
  error: null,
  setText: (text) => set({ text }),
  identify: () =>
    guarded(
      set,
      async () => {
        const text = get().text;
        const { readings } = await call('doctor.identifyTarget', { text });
        set({ readings, readFor: text, probe: null });
      },
      { busy: true },
    ),
  runProbe: (request) =>
    guarded(
      set,
      async () => {
        set({ probe: null });
        set({ probe: await call('doctor.probeApnsEnvironment', { ...request, confirmed: true }) });
      },
      { busy: true },
    ),
}));
