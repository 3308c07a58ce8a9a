import type { Provider } from '../domain/exchange';

export type TargetKind =
  | 'apns-token'
  | 'fcm-token'
  | 'fcm-topic'
  | 'fcm-condition'
  | 'wns-channel'
  | 'webpush-subscription'
  | 'nhub-tags'
  | 'empty'
  | 'unknown';

export interface TargetGuess {
  kind: TargetKind;
  /** The provider this kind of target belongs to, when there is exactly one. */
  provider: Provider | null;
  label: string;
}

const LABELS: Record<TargetKind, string> = {
  'apns-token': 'APNs device token',
  'fcm-token': 'FCM registration token',
  'fcm-topic': 'FCM topic',
  'fcm-condition': 'FCM condition',
  'wns-channel': 'WNS channel URI',
  'webpush-subscription': 'Web Push subscription',
  'nhub-tags': 'Notification Hubs tag expression',
  empty: 'Nothing yet',
  unknown: 'Not recognized',
};

function guess(kind: TargetKind, provider: Provider | null): TargetGuess {
  return { kind, provider, label: LABELS[kind] };
}

/**
 * Recognizes what was pasted into the target field, so a token for the wrong provider is
 * flagged before a send rather than after a rejection.
 */
export function detectTarget(text: string): TargetGuess {
  const value = text.trim();
  if (!value) return guess('empty', null);
  if (value.startsWith('{')) {
    return /"endpoint"\s*:/.test(value) && /"p256dh"\s*:/.test(value)
      ? guess('webpush-subscription', 'webpush')
      : guess('unknown', null);
  }
  if (/^https?:\/\//i.test(value)) {
    if (/notify\.windows\.com/i.test(value) || /\/w\/\?token=/i.test(value)) return guess('wns-channel', 'wns');
    return guess('unknown', null);
  }
  // APNs tokens are hex; Apple says not to assume a length, but they are at least 32 bytes today.
  if (/^[0-9a-f]{64,200}$/i.test(value)) return guess('apns-token', 'apns');
  if (/^\/?topics\/[A-Za-z0-9\-_.~%]+$/.test(value)) return guess('fcm-topic', 'fcm');
  if (/'[^']+'\s+in\s+topics/.test(value)) return guess('fcm-condition', 'fcm');
  if (/^[A-Za-z0-9_-]{20,}:[A-Za-z0-9_-]{20,}$/.test(value) || /^[A-Za-z0-9_-]{100,}$/.test(value)) {
    return guess('fcm-token', 'fcm');
  }
  if (/^[A-Za-z0-9_@#.:\-$!&|() ]+$/.test(value) && value.length <= 1024) return guess('nhub-tags', 'nhub');
  return guess('unknown', null);
}

/** A sentence when the target plainly belongs to another provider; null when it fits or is unclear. */
export function targetMismatch(provider: Provider, text: string): string | null {
  const found = detectTarget(text);
  if (found.provider === null || found.provider === provider) return null;
  // Tag expressions are loose enough to match many things; only flag the distinctive kinds.
  if (found.kind === 'nhub-tags') return null;
  const article = /^[AEFIOU]/.test(found.label) ? 'an' : 'a';
  return `This looks like ${article} ${found.label}, not a target for ${PROVIDER_NAMES[provider]}.`;
}

const PROVIDER_NAMES: Record<Provider, string> = {
  apns: 'APNs',
  fcm: 'FCM',
  wns: 'WNS',
  webpush: 'Web Push',
  nhub: 'Notification Hubs',
};
