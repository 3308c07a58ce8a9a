import type { ProviderIdentity, TargetDetector } from '../identity';

export const webpushIdentity = {
  label: 'Web Push',
  credentialKinds: { vapid: { label: 'VAPID (Web Push)', stdinSecret: 'privateKey' } },
  /** A PushSubscription's JSON: an endpoint and a p256dh key at least. */
  detector: {
    shape: 'json',
    example: JSON.stringify({
      endpoint: 'https://fcm.googleapis.com/wp/abc123',
      keys: {
        p256dh: 'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4',
        auth: 'BTBZMqHH6r4Tts7J_aSIgg',
      },
    }),
    kinds: { 'webpush-subscription': 'Web Push subscription' },
    detect: (value) => (/"endpoint"\s*:/.test(value) && /"p256dh"\s*:/.test(value) ? 'webpush-subscription' : null),
  } satisfies TargetDetector<'webpush-subscription'>,
} as const satisfies ProviderIdentity;
