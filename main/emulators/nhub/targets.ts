import type { InstallationRecord, NhubStore, RegistrationRecord } from './store';

/** An installation's `platform` as the send path names it (the registration platforms). */
export const INSTALLATION_PLATFORMS: Record<string, RegistrationRecord['platform']> = {
  apns: 'apple',
  wns: 'windows',
  fcmv1: 'fcmv1',
  gcm: 'gcm',
  browser: 'browser',
  adm: 'adm',
  baidu: 'baidu',
  xiaomi: 'xiaomi',
};

/** One thing a tag or template send can reach: a registration, or an installation (natively or by one template). */
export interface SendTarget {
  /** The registration id, or the installation id for an installation. */
  registrationId: string;
  platform: RegistrationRecord['platform'];
  handle: string;
  tags: Set<string>;
  template?: string;
}

export function installationHandle(record: InstallationRecord): string {
  const channel = record.installation.pushChannel;
  return typeof channel === 'string' ? channel : channel.endpoint;
}

/**
 * Every target of a hub. An installation carries `$InstallationId:{id}` beside its tags, and each
 * of its templates is a target of its own carrying the template's tags too, as the service
 * expands an installation into registrations.
 */
export function sendTargets(store: NhubStore, namespace: string, hub: string): SendTarget[] {
  const targets: SendTarget[] = store.registrations(namespace, hub).map((r) => ({
    registrationId: r.registrationId,
    platform: r.platform,
    handle: r.handle,
    tags: new Set(r.tags),
    ...(r.template !== undefined ? { template: r.template } : {}),
  }));
  for (const record of store.installations(namespace, hub)) {
    const { installation } = record;
    const platform = INSTALLATION_PLATFORMS[installation.platform.toLowerCase()];
    if (!platform) continue;
    const tags = [...(installation.tags ?? []), `$InstallationId:{${installation.installationId}}`];
    const base = { registrationId: installation.installationId, platform, handle: installationHandle(record) };
    targets.push({ ...base, tags: new Set(tags) });
    for (const template of Object.values(installation.templates ?? {})) {
      targets.push({ ...base, tags: new Set([...tags, ...(template.tags ?? [])]), template: template.body });
    }
  }
  return targets;
}
