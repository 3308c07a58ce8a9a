import type { DeviceKind } from '../domain/device';
import type { Environment } from '../domain/environment';
import type { Provider } from '../domain/exchange';
import { apnsKindProblem, channelIdProblem, type KindFields, type KindProblem } from '../providers/apns/device-kinds';
import { PROVIDER_IDENTITIES } from '../providers/ids';

/**
 * Why this text cannot be a target of that provider, in words for the target field, or null.
 * Each provider's rule is its identity's `targetProblem` (Notification Hubs accepts anything); an
 * APNs broadcast channel is base64, not a hex token.
 */
export function targetProblem(
  provider: Provider,
  environment: Environment,
  target: string,
  kind?: DeviceKind,
): string | null {
  const trimmed = target.trim();
  if (!trimmed) return null; // The schema says a target is needed.
  if (provider === 'apns' && kind === 'channel') return channelIdProblem(trimmed);
  return PROVIDER_IDENTITIES[provider].targetProblem(trimmed, environment);
}

/** Why a device's kind and its attributes type and activity id do not fit together, or null. */
export function deviceKindProblem(device: KindFields & { provider: Provider }): KindProblem | null {
  if (device.provider === 'apns') return apnsKindProblem(device);
  if ((device.kind ?? 'token') !== 'token')
    return { field: 'kind', reason: 'Only APNs devices have a Live Activity kind; this one is a device token.' };
  if (device.attributesType?.trim())
    return { field: 'attributesType', reason: 'Only APNs Live Activity devices have an attributes type.' };
  if (device.activityId?.trim())
    return { field: 'activityId', reason: 'Only APNs Live Activity update tokens have an activity id.' };
  return null;
}
