import type { ProviderIdentity } from '../identity';
import { fcmTargetDetector } from './detect';

export const fcmIdentity = {
  label: 'FCM',
  credentialKinds: {
    'fcm-service-account': { label: 'FCM service account', stdinSecret: null },
  },
  detector: fcmTargetDetector,
} as const satisfies ProviderIdentity;
