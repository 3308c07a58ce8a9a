import { createHash } from 'node:crypto';
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

/** The service's id shape (`{19 digits}-{n}-{n}`), the same for an installation's registration on every list. */
function derivedId(record: InstallationRecord, templateName: string | null): string {
  const hash = createHash('sha256')
    .update(`${record.hub.toLowerCase()}\0${record.installation.installationId}\0${templateName ?? ''}`)
    .digest();
  const digits = hash.readBigUInt64BE(0).toString().padStart(20, '0').slice(0, 19);
  return `${digits}-${hash.readUInt16BE(8)}-${hash.readUInt16BE(10)}`;
}

/**
 * The registrations a hub makes of its installations, as Get Registrations lists them: one of the
 * installation's platform (tags and `$InstallationId:{id}`), and one template registration per
 * template carrying the template's tags too. `installationId` is set on each.
 */
export function installationRegistrations(store: NhubStore, namespace: string, hub: string): RegistrationRecord[] {
  const out: RegistrationRecord[] = [];
  for (const record of store.installations(namespace, hub)) {
    const { installation } = record;
    const platform = INSTALLATION_PLATFORMS[installation.platform.toLowerCase()];
    if (!platform) continue;
    const channel = installation.pushChannel;
    const tags = [...(installation.tags ?? []), `$InstallationId:{${installation.installationId}}`];
    const base = {
      namespace: record.namespace,
      hub: record.hub,
      platform,
      handle: installationHandle(record),
      installationId: installation.installationId,
      createdAt: installation.lastUpdate ?? new Date(0).toISOString(),
      ...(installation.expirationTime ? { expirationTime: installation.expirationTime } : {}),
      ...(installation.pushVariables ? { pushVariables: installation.pushVariables } : {}),
      ...(typeof channel === 'string' ? {} : { extra: { P256DH: channel.p256dh, Auth: channel.auth } }),
    };
    out.push({ ...base, registrationId: derivedId(record, null), tags });
    for (const [name, template] of Object.entries(installation.templates ?? {})) {
      out.push({
        ...base,
        registrationId: derivedId(record, name),
        tags: [...tags, ...(template.tags ?? [])],
        template: template.body,
        templateName: name,
        ...(template.headers ? { headers: template.headers } : {}),
      });
    }
  }
  return out;
}

/**
 * Every target of a hub: its registrations, and the registrations its installations make (whose
 * `&test` outcome names the installation id, as the service reports it).
 */
export function sendTargets(store: NhubStore, namespace: string, hub: string): SendTarget[] {
  const target = (r: RegistrationRecord, registrationId: string): SendTarget => ({
    registrationId,
    platform: r.platform,
    handle: r.handle,
    tags: new Set(r.tags),
    ...(r.template !== undefined ? { template: r.template } : {}),
  });
  return [
    ...store.registrations(namespace, hub).map((r) => target(r, r.registrationId)),
    ...installationRegistrations(store, namespace, hub).map((r) => target(r, r.installationId!)),
  ];
}
