import type { ProviderIdentity, TargetDetector } from '../identity';
import { targetUrlProblem } from '../target-url';

export const webpushIdentity = {
  label: 'Web Push',
  credentialKinds: { vapid: 'VAPID (Web Push)' },
  /** A PushSubscription's JSON: an endpoint and a p256dh key at least. */
  detector: {
    shape: 'json',
    kinds: { 'webpush-subscription': 'Web Push subscription' },
    detect: (value) => (/"endpoint"\s*:/.test(value) && /"p256dh"\s*:/.test(value) ? 'webpush-subscription' : null),
  } satisfies TargetDetector<'webpush-subscription'>,
  targetProblem(target, environment) {
    let value: unknown;
    try {
      value = JSON.parse(target);
    } catch {
      return 'A Web Push subscription is JSON: {"endpoint": "https://…", "keys": {"p256dh": "…", "auth": "…"}}.';
    }
    const sub = (value ?? {}) as { endpoint?: unknown; keys?: { p256dh?: unknown; auth?: unknown } };
    const missing = [
      typeof sub.endpoint === 'string' && sub.endpoint ? null : 'endpoint',
      typeof sub.keys?.p256dh === 'string' && sub.keys.p256dh ? null : 'keys.p256dh',
      typeof sub.keys?.auth === 'string' && sub.keys.auth ? null : 'keys.auth',
    ].filter(Boolean);
    if (missing.length) return `This Web Push subscription lacks ${missing.join(', ')}.`;
    return targetUrlProblem(sub.endpoint as string, environment, 'The subscription endpoint');
  },
} as const satisfies ProviderIdentity;
