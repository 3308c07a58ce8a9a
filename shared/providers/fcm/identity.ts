import type { ProviderIdentity, TargetDetector } from '../identity';

type FcmTargetKind = 'fcm-token' | 'fcm-topic' | 'fcm-condition';

/** Topics, conditions and registration tokens as pasted into the target field. */
const fcmTargetDetector = {
  shape: 'text',
  kinds: { 'fcm-token': 'FCM registration token', 'fcm-topic': 'FCM topic', 'fcm-condition': 'FCM condition' },
  detect(value: string): FcmTargetKind | null {
    if (/^\/?topics\/[A-Za-z0-9\-_.~%]+$/.test(value)) return 'fcm-topic';
    if (/'[^']+'\s+in\s+topics/.test(value)) return 'fcm-condition';
    if (/^[A-Za-z0-9_-]{20,}:[A-Za-z0-9_-]{20,}$/.test(value) || /^[A-Za-z0-9_-]{100,}$/.test(value)) {
      return 'fcm-token';
    }
    return null;
  },
} satisfies TargetDetector<FcmTargetKind>;

export const fcmIdentity = {
  label: 'FCM',
  credentialKinds: {
    'fcm-service-account': 'FCM service account',
  },
  detector: fcmTargetDetector,
  targetProblem(target) {
    return fcmTargetDetector.detect(target)
      ? null
      : 'An FCM target is a registration token (long, letters, digits, - _ and one :), /topics/<name>, or a condition.';
  },
} as const satisfies ProviderIdentity;
