import type { ProviderIdentity } from '../identity';
import { webpushTargetDetector } from './detect';

export const webpushIdentity = {
  label: 'Web Push',
  credentialKinds: {
    vapid: { label: 'VAPID (Web Push)', stdinSecret: 'privateKey' },
  },
  detector: webpushTargetDetector,
} as const satisfies ProviderIdentity;
