import type { Agent } from 'node:https';
import { z } from 'zod';
import type { Provider } from '../../../shared/domain/exchange';
import { fetchPeerJson } from '../common/peer-admin';
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

/** What one peer's device holds: the key its own inbox files it under, and whether the PNS would take it. */
interface PeerDevice {
  key: string;
  valid: boolean;
}

/**
 * How each peer's `GET /__admin/devices` answer reads, so NH asks the PNS's emulator about a handle
 * the way the real hub learns it from APNs (400 BadDeviceToken, 410 Unregistered), FCM (404
 * UNREGISTERED) or WNS (404/410 for a channel it never issued).
 */
const DEVICE_LISTS: Partial<
  Record<Provider, { handle(text: string): string; read(list: unknown): Map<string, PeerDevice> }>
> = {
  apns: {
    // APNs tokens are hex; the emulator keys them in lower case.
    handle: (text) => text.toLowerCase(),
    read: (list) =>
      new Map(
        z
          .array(z.object({ token: z.string(), unregisteredAt: z.number().optional() }))
          .parse(list)
          .map((d) => [d.token.toLowerCase(), { key: d.token.toLowerCase(), valid: d.unregisteredAt === undefined }]),
      ),
  },
  fcm: {
    handle: (text) => text,
    read: (list) =>
      new Map(
        z
          .array(z.object({ token: z.string(), state: z.string().optional() }))
          .parse(list)
          .map((d) => [d.token, { key: d.token, valid: (d.state ?? 'active') === 'active' }]),
      ),
  },
  wns: {
    // NH holds the channel URI as the handle; the WNS inbox files pushes by channel id.
    handle: (text) => text,
    read: (list) =>
      new Map(
        z
          .array(z.object({ id: z.string(), channelUri: z.string() }))
          .parse(list)
          .map((c) => [c.channelUri, { key: c.id, valid: true }]),
      ),
  },
};

/**
 * The peers' device lists for one send, each asked for at most once however many registrations
 * the send reaches, over the peer's admin API (`fetchPeerJson`).
 */
export class PeerDirectory {
  readonly #lists = new Map<Provider, Promise<Map<string, PeerDevice> | null>>();
  readonly #peers: () => Partial<Record<Provider, RunningEmulator>>;
  readonly #ca: string;
  readonly #agent: Agent;

  constructor(input: { peers: () => Partial<Record<Provider, RunningEmulator>>; ca: string; agent: Agent }) {
    this.#peers = input.peers;
    this.#ca = input.ca;
    this.#agent = input.agent;
  }

  peer(provider: Provider): RunningEmulator | undefined {
    return this.#peers()[provider];
  }

  /** The peer's device for this handle; undefined: it does not know it; null: the peer cannot be asked. */
  async device(provider: Provider, handle: string): Promise<PeerDevice | undefined | null> {
    const reader = DEVICE_LISTS[provider];
    const peer = this.peer(provider);
    if (!reader || !peer) return null;
    let list = this.#lists.get(provider);
    if (!list) {
      list = this.#fetch(`${peer.adminUrl}/__admin/devices`).then(
        (json) => reader.read(json),
        () => null,
      );
      this.#lists.set(provider, list);
    }
    const devices = await list;
    return devices === null ? null : devices.get(reader.handle(handle));
  }

  #fetch(url: string): Promise<unknown> {
    return fetchPeerJson(url, this.#ca, this.#agent);
  }
}

export interface ForwardResult {
  delivered: boolean;
  outcome: string;
  peer: Provider | null;
}

/**
 * Hands one notification to the platform's local emulator when it runs, so an NH send to an
 * APNs registration shows up in the APNs emulator's inbox, and reports what that PNS would
 * answer: a handle the peer never issued, or one it marked unregistered, is invalid. A peer that
 * keeps no device list (Web Push), or none running, takes every handle, as today.
 */
export async function forwardToPeer(input: {
  platform: string;
  handle: string;
  payload: string;
  headers: Record<string, string>;
  registrationId: string | null;
  directory: PeerDirectory;
}): Promise<ForwardResult> {
  const provider = PEER_FOR_PLATFORM[input.platform] ?? null;
  const peer = provider ? input.directory.peer(provider) : undefined;
  if (!provider || !peer) return { delivered: true, outcome: OUTCOME_SENT, peer: null };
  const device = await input.directory.device(provider, input.handle);
  if (device === undefined || device?.valid === false) {
    return { delivered: false, outcome: OUTCOME_BAD_HANDLE, peer: provider };
  }
  peer.inbox.record({
    provider,
    device: device?.key ?? input.handle,
    headers: input.headers,
    payload: input.payload,
    details: { via: 'nhub', registrationId: input.registrationId, format: input.platform, handle: input.handle },
  });
  return { delivered: true, outcome: OUTCOME_SENT, peer: provider };
}
