import { create } from 'zustand';
import type { CallOutput } from '../../shared/contract';
import type { Provider } from '../../shared/domain/exchange';
import { bridge, call, guarded, type ShownError } from '../bridge';

type Status = CallOutput<'emulators.status'>;
type Delivery = CallOutput<'emulators.inbox'>[number];
type Fault = CallOutput<'emulators.faults'>[number];
type Activity = CallOutput<'emulators.liveActivities'>[number];

interface EmulatorsState {
  status: Status | null;
  busy: boolean;
  error: ShownError | null;
  provider: Provider;
  inbox: Delivery[];
  faults: Fault[];
  /** The APNs emulator's emulated Live Activities (read with the APNs inbox). */
  activities: Activity[];
  /** The provider `inbox` and `faults` were read for; null until read, and while another is being read. */
  shownFor: Provider | null;
  refresh(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  select(provider: Provider): Promise<void>;
  loadInbox(): Promise<void>;
  loadFaults(): Promise<void>;
  clearInbox(): Promise<void>;
  addFault(rule: Parameters<typeof call<'emulators.addFault'>>[1]['rule']): Promise<void>;
  removeFault(id: string): Promise<void>;
  /** A new update token for the activity; resolves to it (null when refused: `error` says why). */
  rotateToken(activityId: string): Promise<CallOutput<'emulators.rotateActivityToken'> | null>;
}

export const useEmulators = create<EmulatorsState>((set, get) => {
  const guard = (work: () => Promise<void>) => guarded(set, work, { busy: true });
  return {
    status: null,
    busy: false,
    error: null,
    provider: 'apns',
    inbox: [],
    faults: [],
    activities: [],
    shownFor: null,
    refresh: () => guard(async () => set({ status: await call('emulators.status', {}) })),
    start: () =>
      guard(async () => {
        set({ status: await call('emulators.start', {}) });
        await get().loadInbox();
      }),
    stop: () =>
      guard(async () => set({ status: await call('emulators.stop', {}), inbox: [], faults: [], shownFor: null })),
    async select(provider) {
      // Never show one service's deliveries under another's tab while its own are read.
      if (provider !== get().provider) set({ provider, inbox: [], faults: [], shownFor: null });
      await get().loadInbox();
    },
    async loadInbox() {
      const { provider, status } = get();
      if (status?.running !== 'here') return;
      const [inbox, faults, activities] = await Promise.all([
        call('emulators.inbox', { provider }).catch(() => []),
        call('emulators.faults', { provider }).catch(() => []),
        provider === 'apns' ? call('emulators.liveActivities', {}).catch(() => []) : Promise.resolve([]),
      ]);
      // A reply for a tab no longer shown is dropped: a later read (select's) fills the screen.
      if (provider === get().provider) set({ inbox, faults, activities, shownFor: provider });
    },
    async loadFaults() {
      const { provider, status } = get();
      if (status?.running !== 'here') return;
      const faults = await call('emulators.faults', { provider }).catch(() => null);
      if (faults && provider === get().provider) set({ faults });
    },
    clearInbox: () =>
      guard(async () => {
        await call('emulators.clearInbox', { provider: get().provider });
        await get().loadInbox();
      }),
    addFault: (rule) =>
      guard(async () => {
        await call('emulators.addFault', { provider: get().provider, rule });
        await get().loadInbox();
      }),
    removeFault: (id) =>
      guard(async () => {
        await call('emulators.removeFault', { provider: get().provider, id });
        await get().loadInbox();
      }),
    async rotateToken(activityId) {
      let rotated: CallOutput<'emulators.rotateActivityToken'> | null = null;
      await guard(async () => {
        rotated = await call('emulators.rotateActivityToken', { activityId });
        await get().loadInbox();
      });
      return rotated;
    },
  };
});

let pending: ReturnType<typeof setTimeout> | undefined;
// Deliveries arrive as events; refresh the visible inbox at most a few times a second.
bridge.on('emulator.delivery', (delivery) => {
  const state = useEmulators.getState();
  if (delivery.provider !== state.provider) return;
  clearTimeout(pending);
  pending = setTimeout(() => void state.loadInbox(), 200);
});

let faultsPending: ReturnType<typeof setTimeout> | undefined;
// A fault answers instead of delivering, so its hit count moves with the exchanges sent, not with
// deliveries: reload the rules (a few times a second at most) while any are set.
bridge.on('exchanges.recorded', () => {
  if (useEmulators.getState().faults.length === 0) return;
  clearTimeout(faultsPending);
  faultsPending = setTimeout(() => void useEmulators.getState().loadFaults(), 250);
});
