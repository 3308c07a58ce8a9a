/**
 * Every provider's id and name, below the registry: the domain schemas (`providerSchema`) and
 * target detection need them without importing every provider's rules. The registry in
 * `index.ts` must have a spec for each id (it is `satisfies`-checked against `Provider`).
 */
export const PROVIDER_LABELS = {
  apns: 'APNs',
  fcm: 'FCM',
  wns: 'WNS',
  webpush: 'Web Push',
  nhub: 'Notification Hubs',
} as const;

export type Provider = keyof typeof PROVIDER_LABELS;

/** The ids in the order the UI lists them. */
export const PROVIDER_IDS = Object.keys(PROVIDER_LABELS) as [Provider, ...Provider[]];
