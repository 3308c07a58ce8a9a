import type { ProviderIdentity } from '../identity';
import { wnsTargetDetector } from './detect';

export const wnsIdentity = {
  label: 'WNS',
  credentialKinds: {
    wns: { label: 'WNS', stdinSecret: 'clientSecret' },
  },
  detector: wnsTargetDetector,
} as const satisfies ProviderIdentity;
