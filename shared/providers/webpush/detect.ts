import type { TargetDetector } from '../identity';

/** A PushSubscription's JSON: an endpoint and a p256dh key at least. */
export const webpushTargetDetector = {
  shape: 'json',
  kinds: { 'webpush-subscription': 'Web Push subscription' },
  detect: (value) => (/"endpoint"\s*:/.test(value) && /"p256dh"\s*:/.test(value) ? 'webpush-subscription' : null),
} as const satisfies TargetDetector<'webpush-subscription'>;
