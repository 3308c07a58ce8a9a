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
  targetProblem(target) {
    // Apple says not to assume a length; today's tokens are 32 bytes, so any whole bytes from 32 up.
    if (!/^[0-9a-f]+$/i.test(target)) return 'An APNs device token is hexadecimal (0-9, a-f) only.';
    if (target.length < 64 || target.length % 2 !== 0)
      return `An APNs device token is at least 64 hex characters in whole bytes; this one has ${target.length}.`;
    return target.length > 200 ? 'This is too long to be an APNs device token.' : null;
  },
} as const satisfies ProviderIdentity;
