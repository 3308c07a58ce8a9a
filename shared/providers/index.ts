import { apnsSpec } from './apns/spec';
import { fcmSpec } from './fcm/spec';
import { PROVIDER_IDS, type Provider } from './ids';
import { nhubSpec } from './nhub/spec';
import type { ProviderSpec } from './spec';
import { webpushSpec } from './webpush/spec';
import { wnsSpec } from './wns/spec';

export { PROVIDER_IDS, PROVIDER_LABELS, type Provider } from './ids';

/**
 * Every provider, once. Tables in the renderer, the core and the CLI are lookups into this, so a
 * provider missing here (or a spec for an id `ids.ts` lacks) is a compile error.
 */
export const PROVIDER_SPECS = {
  apns: apnsSpec,
  fcm: fcmSpec,
  wns: wnsSpec,
  webpush: webpushSpec,
  nhub: nhubSpec,
} as const satisfies { [P in Provider]: ProviderSpec<P> };

export type ProviderSpecs = typeof PROVIDER_SPECS;

/** The specs in the order the UI lists them. */
export const PROVIDER_LIST: readonly ProviderSpec<Provider>[] = PROVIDER_IDS.map((id) => PROVIDER_SPECS[id]);

/** A provider's spec, typed for any provider (`PROVIDER_SPECS[p]` keeps each spec's own types). */
export function providerSpec(provider: Provider): ProviderSpec<Provider> {
  return PROVIDER_SPECS[provider];
}
