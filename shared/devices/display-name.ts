import type { Device } from '../domain/device';
import type { Profile } from '../domain/profile';
import { canonicalTarget, deviceKey } from '../domain/device';

/** What the lists know to name a target with: the saved devices and profiles. */
export interface NameSources {
  devices: ReadonlyArray<
    Pick<Device, 'provider' | 'target' | 'label' | 'environment'> & Partial<Pick<Device, 'previousTargets'>>
  >;
  profiles: ReadonlyArray<Pick<Profile, 'provider' | 'name' | 'credentialId' | 'environment'>>;
}

/** How a send went out, when the list knows it (history holds the request). */
export interface SentVia {
  credentialId?: string | null;
  environment?: string | null;
}

export interface TargetName {
  /** The device's label ("QA phone 017"), or null when no saved device has this target. */
  device: string | null;
  /** The profile's name, or null when none (or more than one) fits. */
  profile: string | null;
  /** The target as a list shows it: a Web Push subscription as its endpoint host and a short id. */
  target: string;
}

const SHORT_ID_CHARS = 8;

/**
 * A target as one line: a Web Push subscription (JSON or endpoint URL) becomes `host · id…`, so
 * its keys never reach a list and its endpoint does not fill the row; other targets stay as they are.
 */
export function shortTarget(target: string, provider?: string): string {
  const trimmed = target.trim();
  const isJson = trimmed.startsWith('{');
  if (!isJson && provider !== 'webpush') return trimmed;
  const endpoint = canonicalTarget(trimmed);
  let url: URL | null = null;
  try {
    url = isJson && endpoint === trimmed ? null : new URL(endpoint);
  } catch {
    url = null;
  }
  if (!url) return isJson ? 'Web Push subscription (unreadable)' : trimmed;
  const last = url.pathname.split('/').filter(Boolean).pop() ?? '';
  const id = last.length > SHORT_ID_CHARS ? `${last.slice(0, SHORT_ID_CHARS)}…` : last;
  return id ? `${url.host} · ${id}` : url.host;
}

/**
 * A namer for many rows: devices and profiles are indexed once. A device is found by its target
 * (as `deviceKey` compares them); for an emulator inbox that names a device by the id in its URL,
 * by the last path segment or a query value of the device's channel or endpoint; for an exchange,
 * whose target is recorded shortened (`a1b2c3d4...9f8e`), by the two ends.
 */
export function targetNamer(sources: NameSources): (provider: string, target: string, via?: SentVia) => TargetName {
  const byKey = new Map<string, NameSources['devices'][number]>();
  const byUrlId = new Map<string, NameSources['devices'][number]>();
  for (const device of sources.devices) {
    const key = deviceKey(device.provider, device.target);
    if (!byKey.has(key)) byKey.set(key, device);
    for (const id of urlIds(canonicalTarget(device.target))) {
      const idKey = `${device.provider}\u0000${id}`;
      if (!byUrlId.has(idKey)) byUrlId.set(idKey, device);
    }
  }
  // A rotated update token's earlier tokens are still this device in history (after every current one).
  for (const device of sources.devices) {
    for (const earlier of device.previousTargets ?? []) {
      const earlierKey = deviceKey(device.provider, earlier);
      if (!byKey.has(earlierKey)) byKey.set(earlierKey, device);
    }
  }
  const profileFor = (provider: string, via: SentVia | undefined, environment: string | null): string | null => {
    const fits = sources.profiles.filter(
      (p) =>
        p.provider === provider &&
        (via?.credentialId ? p.credentialId === via.credentialId : true) &&
        ((via?.environment ?? environment) ? p.environment === (via?.environment ?? environment) : true),
    );
    // Nothing known about the send and no device: any guess could name the wrong profile.
    if (!via?.credentialId && environment === null && !via?.environment) return null;
    return fits.length === 1 ? fits[0]!.name : null;
  };
  const abbreviated = new Map<string, NameSources['devices'][number] | null>();
  /** Exchanges name their target shortened, `head...tail` (a token's ends, a host and an id's end). */
  const byAbbreviation = (provider: string, target: string) => {
    const at = target.indexOf('...');
    if (at <= 0 || at + 3 >= target.length) return null;
    const key = `${provider}\u0000${target}`;
    if (abbreviated.has(key)) return abbreviated.get(key)!;
    const head = target.slice(0, at).toLowerCase();
    const tail = target.slice(at + 3).toLowerCase();
    const found =
      sources.devices.find((device) => {
        if (device.provider !== provider) return false;
        const full = canonicalTarget(device.target)
          .replace(/^https?:\/\//, '')
          .toLowerCase();
        return full.length >= head.length + tail.length && full.startsWith(head) && full.endsWith(tail);
      }) ?? null;
    abbreviated.set(key, found);
    return found;
  };
  return (provider, target, via) => {
    const device =
      byKey.get(deviceKey(provider, target)) ??
      byUrlId.get(`${provider}\u0000${target}`) ??
      byAbbreviation(provider, target);
    return {
      device: device?.label ?? null,
      profile: profileFor(provider, via, device?.environment ?? null),
      target: shortTarget(target, provider),
    };
  };
}

/** One line for a terminal or a title: `QA phone 017 · local · <target>`. */
export function targetNameText(name: TargetName): string {
  return [name.device, name.profile, name.target].filter((part) => part !== null && part !== '').join(' · ');
}

function urlIds(target: string): string[] {
  if (!/^https?:\/\//.test(target)) return [];
  try {
    const url = new URL(target);
    const last = url.pathname.split('/').filter(Boolean).pop();
    const ids = last ? [last] : [];
    url.searchParams.forEach((value) => {
      if (value) ids.push(value);
    });
    return ids;
  } catch {
    return [];
  }
}
