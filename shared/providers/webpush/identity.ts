import type { ProviderIdentity, TargetDetector } from '../identity';

export const webpushIdentity = {
  label: 'Web Push',
  credentialKinds: { vapid: 'VAPID (Web Push)' },
  /** A PushSubscription's JSON: an endpoint and a p256dh key at least. */
  detector: {
    shape: 'json',
    kinds: { 'webpush-subscription': 'Web Push subscription' },
    detect: (value) => (/"endpoint"\s*:/.test(value) && /"p256dh"\s*:/.test(value) ? 'webpush-subscription' : null),
  } satisfies TargetDetector<'webpush-subscription'>,
} as const satisfies ProviderIdentity;
