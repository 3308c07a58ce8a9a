import { randomUUID } from 'node:crypto';
import type { Agent } from 'node:https';
import { z } from 'zod';
import type { Provider } from '../../../shared/domain/exchange';
import { fcmLiveActivityParts } from '../../../shared/providers/fcm/live-activity';
import { fetchPeerJson } from '../common/peer-admin';
import type { RunningEmulator } from '../common/types';
import { fcmError, type RpcAnswer } from './rpc';

/** How FCM reaches the APNs emulator: the running emulators (`peers()`), the CA they share, one kept-alive agent. */
export interface LiveActivityPeers {
  peers: () => Partial<Record<Provider, RunningEmulator>>;
  ca: string;
  agent: Agent;
}

/** What the APNs emulator's `GET /__admin/devices` says of a token (only what FCM needs). */
const apnsDeviceSchema = z.object({
  token: z.string(),
  bundleId: z.string(),
  environment: z.string(),
  tokenFor: z.string().optional(),
  activityId: z.string().optional(),
  unregisteredAt: z.number().optional(),
  expiredAt: z.number().optional(),
});
type ApnsDevice = z.infer<typeof apnsDeviceSchema>;

/** APNs' refusal carried through, the way FCM's v1 API reports one (protocols.md §2.4, `ApnsError`). */
function apnsRefusal(status: number, errorCode: string, apnsStatus: number, reason: string): RpcAnswer {
  return fcmError(status, errorCode, undefined, [
    { '@type': 'type.googleapis.com/google.firebase.fcm.v1.ApnsError', statusCode: apnsStatus, reason },
  ]);
}

export type LiveActivityRoute =
  /** Hand it to this APNs device (an emulated activity, or any token when the check is off). */
  | { kind: 'forward'; apns: RunningEmulator; device: ApnsDevice | null; token: string }
  /** No APNs emulator runs here: FCM delivers to its own inbox, as before. */
  | { kind: 'local' }
  | { kind: 'refused'; answer: RpcAnswer };

/**
 * Where FCM sends a message whose `apns.live_activity_token` is `token`: to the APNs emulator's
 * device with that token. What FCM answers for a token APNs refuses is not documented (protocols.md
 * §7), so the emulator says what APNs would and FCM's nearest code: a token APNs never issued is
 * 400 INVALID_ARGUMENT with ApnsError BadDeviceToken; one it unregistered or expired (an ended or
 * rotated activity) is 404 UNREGISTERED with ApnsError 410; a token made for another push type is
 * DeviceTokenNotForTopic. `checkTokens` off takes any token (check `liveActivityTokens`).
 */
export async function routeLiveActivity(
  token: string,
  peers: LiveActivityPeers,
  checkTokens: boolean,
): Promise<LiveActivityRoute> {
  const apns = peers.peers().apns;
  if (!apns) return { kind: 'local' };
  const key = token.trim().toLowerCase();
  let devices: ApnsDevice[];
  try {
    devices = z
      .array(apnsDeviceSchema)
      .parse(await fetchPeerJson(`${apns.adminUrl}/__admin/devices`, peers.ca, peers.agent));
  } catch {
    // The APNs emulator could not be asked: FCM's answer for APNs being unreachable.
    return { kind: 'refused', answer: fcmError(503, 'UNAVAILABLE') };
  }
  const device = devices.find((d) => d.token.toLowerCase() === key) ?? null;
  if (!device) {
    if (!checkTokens) return { kind: 'forward', apns, device: null, token: key };
    return { kind: 'refused', answer: apnsRefusal(400, 'INVALID_ARGUMENT', 400, 'BadDeviceToken') };
  }
  if (device.tokenFor !== undefined && device.tokenFor !== 'liveactivity')
    return { kind: 'refused', answer: apnsRefusal(400, 'INVALID_ARGUMENT', 400, 'DeviceTokenNotForTopic') };
  if (device.unregisteredAt !== undefined)
    return { kind: 'refused', answer: apnsRefusal(404, 'UNREGISTERED', 410, 'Unregistered') };
  if (device.expiredAt !== undefined)
    return { kind: 'refused', answer: apnsRefusal(404, 'UNREGISTERED', 410, 'ExpiredToken') };
  return { kind: 'forward', apns, device, token: key };
}

/** The APNs headers FCM would send: the message's own, with the Live Activity push type and topic filled in. */
function apnsHeaders(message: Record<string, unknown>, device: ApnsDevice | null): Record<string, string> {
  const parts = fcmLiveActivityParts(message);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(parts?.headers ?? {}))
    if (typeof value === 'string') headers[name.toLowerCase()] = value;
  headers['apns-push-type'] = 'liveactivity';
  // FCM's backend uses priority 10 when none is set (ApnsConfig.headers).
  headers['apns-priority'] ??= '10';
  if (!headers['apns-topic'] && device) headers['apns-topic'] = `${device.bundleId}.push-type.liveactivity`;
  return headers;
}

/**
 * Hands the push to the APNs emulator's device under the activity's token, saying it came through
 * FCM: its admin API applies what the device does with it (a start makes an activity, a stale or
 * late update is dropped) and files it in its inbox. False when the APNs emulator could not be told.
 */
export async function deliverLiveActivity(
  route: Extract<LiveActivityRoute, { kind: 'forward' }>,
  message: Record<string, unknown>,
  via: { name: string; fcmToken: string },
  peers: LiveActivityPeers,
): Promise<boolean> {
  const apnsPart = message['apns'] as Record<string, unknown>;
  const handed = {
    token: route.token,
    headers: apnsHeaders(message, route.device),
    payload: JSON.stringify(apnsPart['payload'] ?? {}),
    details: {
      via: 'fcm',
      apnsId: randomUUID(),
      name: via.name,
      fcmToken: via.fcmToken,
      ...(route.device ? { environment: route.device.environment } : {}),
      ...(route.device?.activityId ? { activityId: route.device.activityId } : {}),
    },
  };
  try {
    await fetchPeerJson(`${route.apns.adminUrl}/__admin/live-activity-pushes`, peers.ca, peers.agent, handed);
    return true;
  } catch {
    return false;
  }
}
