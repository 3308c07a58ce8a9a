import type { ProviderIdentity } from '../identity';
import { apnsTargetDetector } from './detect';

export const apnsIdentity = {
  label: 'APNs',
  credentialKinds: {
    'apns-token': { label: 'APNs auth key (.p8)', stdinSecret: null },
    'apns-certificate': { label: 'APNs certificate (.p12)', stdinSecret: null },
  },
  detector: apnsTargetDetector,
} as const satisfies ProviderIdentity;
