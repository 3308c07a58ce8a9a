import type { TargetDetector } from '../identity';

/** APNs tokens are hex; Apple says not to assume a length, but they are at least 32 bytes today. */
export const apnsTargetDetector = {
  shape: 'text',
  example: 'ab'.repeat(32),
  kinds: { 'apns-token': 'APNs device token' },
  detect: (value) => (/^[0-9a-f]{64,200}$/i.test(value) ? 'apns-token' : null),
} as const satisfies TargetDetector<'apns-token'>;
