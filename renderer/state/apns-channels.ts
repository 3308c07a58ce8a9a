import { create } from 'zustand';
import type { SendResult } from '../../shared/domain/send-result';
import type { ApnsChannel, ApnsStoragePolicy } from '../../shared/providers/apns/channels';
import { call, guarded, type ShownError } from '../bridge';

export type ChannelEnvironment = 'sandbox' | 'production' | 'local';

interface ChannelsState {
  /** The APNs credential whose channels the view shows; null when the view is closed. */
  credentialId: string | null;
  /** What the view asks for; unset ones are main's choice (the profiles' environment and topic). */
  environment: ChannelEnvironment | null;
  bundleId: string | null;
  channels: string[];
  /** Channels read or created here, with their storage policy. */
  details: Record<string, ApnsChannel>;
  limit: number | null;
  loading: boolean;
  loaded: boolean;
  error: ShownError | null;
  notice: string | null;
  open(credentialId: string): void;
  close(): void;
  /** Lists again, for another environment or app when given. */
  list(where?: { environment?: ChannelEnvironment; bundleId?: string }): Promise<void>;
  create(storagePolicy: ApnsStoragePolicy): Promise<void>;
  read(channelId: string): Promise<void>;
  remove(channelId: string): Promise<void>;
  /** Keeps the channel as a Broadcast channel device, so Compose and Bulk can pick it; throws a refusal. */
  saveAsDevice(channelId: string, device: { label: string; attributesType: string }): Promise<void>;
  broadcast(
    channelId: string,
    input: { payload: string; priority: 10 | 5 | 1; expiration: number },
  ): Promise<SendResult>;
}

type ViewFields = Omit<
  ChannelsState,
  'open' | 'close' | 'list' | 'create' | 'read' | 'remove' | 'saveAsDevice' | 'broadcast'
>;

const CLOSED: ViewFields = {
  credentialId: null,
  environment: null,
  bundleId: null,
  channels: [],
  details: {},
  limit: null,
  loading: false,
  loaded: false,
  error: null,
  notice: null,
};

/** One APNs credential's broadcast channels in one environment; the key never leaves main. */
export const useApnsChannels = create<ChannelsState>((set, get) => {
  const where = () => {
    const { credentialId, environment, bundleId } = get();
    return {
      credentialId: credentialId ?? '',
      ...(environment ? { environment } : {}),
      ...(bundleId ? { bundleId } : {}),
    };
  };
  return {
    ...CLOSED,
    open(credentialId) {
      set({ ...CLOSED, credentialId });
      void get().list();
    },
    close: () => set({ ...CLOSED }),
    async list(change) {
      if (change) set({ ...change, details: {}, channels: [], loaded: false, notice: null });
      const credentialId = get().credentialId;
      if (!credentialId) return;
      set({ loading: true });
      await guarded(set, async () => {
        const answer = await call('apns.channels.list', where());
        if (get().credentialId !== credentialId) return;
        set({
          channels: answer.channels,
          limit: answer.limit,
          environment: answer.environment,
          bundleId: answer.bundleId,
          loaded: true,
        });
      });
      set({ loading: false });
    },
    async create(storagePolicy) {
      const answer = await call('apns.channels.create', { ...where(), storagePolicy });
      const id = answer.channel.channelId;
      set({
        details: { ...get().details, [id]: answer.channel },
        notice: `Channel ${id} created.`,
      });
      await get().list();
    },
    async read(channelId) {
      await guarded(set, async () => {
        const answer = await call('apns.channels.get', { ...where(), channelId });
        set({ details: { ...get().details, [channelId]: answer.channel } });
      });
    },
    async remove(channelId) {
      await call('apns.channels.delete', { ...where(), channelId });
      const { [channelId]: _gone, ...details } = get().details;
      set({
        channels: get().channels.filter((id) => id !== channelId),
        details,
        notice: `Channel ${channelId} deleted.`,
      });
    },
    async saveAsDevice(channelId, { label, attributesType }) {
      const { environment, bundleId } = get();
      const where = environment ?? 'sandbox';
      // A channel saved before keeps its device as the user left it.
      const saved = (await call('devices.list', {})).find(
        (device) => device.provider === 'apns' && device.target === channelId,
      );
      if (saved) {
        set({ notice: `Channel ${channelId} is already in Devices as “${saved.label}”.` });
        return;
      }
      await call('devices.save', {
        label,
        provider: 'apns',
        platform: 'ios',
        environment: where,
        target: channelId,
        kind: 'channel',
        attributesType,
        notes: bundleId ? `A broadcast channel of ${bundleId} (${where}).` : '',
      });
      set({ notice: `Saved channel ${channelId} to Devices as “${label}”: pick it in Compose to broadcast.` });
    },
    async broadcast(channelId, input) {
      const { credentialId, environment, bundleId } = get();
      const { result } = await call('send.run', {
        sendId: crypto.randomUUID(),
        request: {
          provider: 'apns',
          credential: credentialId ?? '',
          environment: environment ?? 'sandbox',
          target: channelId,
          options: {
            pushType: 'liveactivity',
            port: 443,
            topic: bundleId ?? '',
            channelId,
            priority: input.priority,
            expiration: input.expiration,
          },
          payload: input.payload,
        },
      });
      return result;
    },
  };
});
