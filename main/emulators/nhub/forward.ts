import type { Provider } from '../../../shared/domain/exchange';
import type { RunningEmulator } from '../common/types';

export const OUTCOME_SENT = 'The Notification was successfully sent to the Push Notification System';
export const OUTCOME_BAD_HANDLE = 'The Push Notification System handle for the registration is invalid';

const PEER_FOR_PLATFORM: Record<string, Provider | undefined> = {
  apple: 'apns',
  fcmv1: 'fcm',
  gcm: 'fcm',
  windows: 'wns',
  browser: 'webpush',
};

/** Optional device lookups an emulator may offer; used when present, duck-typed so emulators stay independent. */
interface DeviceLookup {
  hasDevice?: (handle: string) => boolean;
  isKnownDevice?: (handle: string) => boolean;
  /** The WNS emulator: channel URIs (what NH holds as the PNS handle) map to channel ids (its inbox key). */
  channels?: () => Array<{ id: string; channelUri: string }>;
}

/** The device key the peer's own inbox uses for this handle, or null when the peer knows it is invalid. */
function peerDevice(provider: Provider, peer: RunningEmulator & DeviceLookup, handle: string): string | null {
  const check = peer.hasDevice ?? peer.isKnownDevice;
  if (check && !check.call(peer, handle)) return null;
  if (provider === 'wns' && typeof peer.channels === 'function') {
    return peer.channels().find((channel) => channel.channelUri === handle)?.id ?? null;
  }
  // The APNs emulator keys device tokens in lower case.
  return provider === 'apns' ? handle.toLowerCase() : handle;
}

export interface ForwardResult {
  delivered: boolean;
  outcome: string;
  peer: Provider | null;
}

/**
 * Hands one notification to the platform's local emulator when it runs, so an NH send to an
 * APNs registration shows up in the APNs emulator's inbox. A peer that can look devices up
 * decides whether the handle is valid; otherwise every handle counts as delivered.
 */
export function forwardToPeer(input: {
  platform: string;
  handle: string;
  payload: string;
  headers: Record<string, string>;
  registrationId: string | null;
  peers: () => Partial<Record<Provider, RunningEmulator>>;
}): ForwardResult {
  const provider = PEER_FOR_PLATFORM[input.platform] ?? null;
  const peer = provider ? input.peers()[provider] : undefined;
  if (!provider || !peer) return { delivered: true, outcome: OUTCOME_SENT, peer: null };
  const device = peerDevice(provider, peer as RunningEmulator & DeviceLookup, input.handle);
  if (device === null) return { delivered: false, outcome: OUTCOME_BAD_HANDLE, peer: provider };
  peer.inbox.record({
    provider,
    device,
    headers: input.headers,
    payload: input.payload,
    details: { via: 'nhub', registrationId: input.registrationId, format: input.platform, handle: input.handle },
  });
  return { delivered: true, outcome: OUTCOME_SENT, peer: provider };
}
