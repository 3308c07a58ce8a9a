import type { ProviderIdentity } from '../identity';
import { nhubTargetDetector } from './detect';

export const nhubIdentity = {
  label: 'Notification Hubs',
  credentialKinds: {
    nhub: { label: 'Notification Hubs', stdinSecret: 'connectionString' },
  },
  detector: nhubTargetDetector,
} as const satisfies ProviderIdentity;
