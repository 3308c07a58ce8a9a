import type { ProviderIdentity, TargetDetector } from '../identity';

type FcmTargetKind = 'fcm-token' | 'fcm-topic' | 'fcm-condition';

export const fcmIdentity = {
  label: 'FCM',
  credentialKinds: {
    'fcm-service-account': 'FCM service account',
  },
  /** Topics, conditions and registration tokens as pasted into the target field. */
  detector: {
    shape: 'text',
    kinds: { 'fcm-token': 'FCM registration token', 'fcm-topic': 'FCM topic', 'fcm-condition': 'FCM condition' },
    detect(value): FcmTargetKind | null {
      if (/^\/?topics\/[A-Za-z0-9\-_.~%]+$/.test(value)) return 'fcm-topic';
      if (/'[^']+'\s+in\s+topics/.test(value)) return 'fcm-condition';
      if (/^[A-Za-z0-9_-]{20,}:[A-Za-z0-9_-]{20,}$/.test(value) || /^[A-Za-z0-9_-]{100,}$/.test(value)) {
        return 'fcm-token';
      }
      return null;
    },
  } satisfies TargetDetector<FcmTargetKind>,
} as const satisfies ProviderIdentity;
