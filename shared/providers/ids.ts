import { apnsIdentity } from './apns/identity';
import { fcmIdentity } from './fcm/identity';
import type { ProviderIdentity } from './identity';
import { nhubIdentity } from './nhub/identity';
import { webpushIdentity } from './webpush/identity';
import { wnsIdentity } from './wns/identity';

/**
 * Every provider's id, name, credential kinds and target detector, below the registry of specs:
 * the domain schemas (`providerSchema`, `credentialKindSchema`) and target detection need them
 * without importing every provider's rules. The registry in `index.ts` must have a spec for each
 * id (it is `satisfies`-checked against `Provider`). The order is the UI's.
 */
export const PROVIDER_IDENTITIES = {
  apns: apnsIdentity,
  fcm: fcmIdentity,
  wns: wnsIdentity,
  webpush: webpushIdentity,
  nhub: nhubIdentity,
} as const satisfies Record<string, ProviderIdentity>;

type Identities = typeof PROVIDER_IDENTITIES;
export type Provider = keyof Identities;

/** The ids in the order the UI lists them. */
export const PROVIDER_IDS = Object.keys(PROVIDER_IDENTITIES) as [Provider, ...Provider[]];

export const PROVIDER_LABELS = Object.fromEntries(PROVIDER_IDS.map((id) => [id, PROVIDER_IDENTITIES[id].label])) as {
  readonly [P in Provider]: Identities[P]['label'];
};

/** The credential kinds a provider sends with (for a union of providers, all of theirs). */
export type CredentialKindOf<P extends Provider> = P extends Provider
  ? keyof Identities[P]['credentialKinds'] & string
  : never;
export type CredentialKind = CredentialKindOf<Provider>;

export function credentialKindsOf<P extends Provider>(provider: P): readonly CredentialKindOf<P>[] {
  return Object.keys(PROVIDER_IDENTITIES[provider].credentialKinds) as CredentialKindOf<P>[];
}

type KindInfo = { label: string; provider: Provider };

const KIND_INFO = Object.fromEntries(
  PROVIDER_IDS.flatMap((provider) =>
    Object.entries(PROVIDER_IDENTITIES[provider].credentialKinds).map(([kind, label]) => [kind, { label, provider }]),
  ),
) as Record<CredentialKind, KindInfo>;

/** Every kind, grouped by provider in the ids' order (the import dialog's order). */
export const CREDENTIAL_KINDS = Object.keys(KIND_INFO) as [CredentialKind, ...CredentialKind[]];

/** A kind's name and the provider that owns it. */
export function credentialKindInfo(kind: CredentialKind): KindInfo {
  return KIND_INFO[kind];
}
