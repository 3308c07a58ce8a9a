import type { ProviderIdentity, TargetDetector } from '../identity';

export const apnsIdentity = {
  label: 'APNs',
  credentialKinds: {
    'apns-token': 'APNs auth key (.p8)',
    'apns-certificate': 'APNs certificate (.p12)',
  },
  /** APNs tokens are hex; Apple says not to assume a length, but they are at least 32 bytes today. */
  detector: {
    shape: 'text',
    kinds: { 'apns-token': 'APNs device token' },
    detect: (value) => (/^[0-9a-f]{64,200}$/i.test(value) ? 'apns-token' : null),
  } satisfies TargetDetector<'apns-token'>,
} as const satisfies ProviderIdentity;
