/** Every `apns-push-type` APNs accepts (protocols.md §1.4). */
export const APNS_PUSH_TYPES = [
  'alert',
  'background',
  'complication',
  'controls',
  'fileprovider',
  'liveactivity',
  'location',
  'mdm',
  'pushtotalk',
  'voip',
  'widgets',
] as const;
export type ApnsPushType = (typeof APNS_PUSH_TYPES)[number];

/**
 * The `apns-topic` suffix each push type needs after the bundle id. `mdm` uses the UID from the
 * MDM certificate as-is, so it has none.
 */
export const APNS_TOPIC_SUFFIX: Record<ApnsPushType, string> = {
  alert: '',
  background: '',
  complication: '.complication',
  controls: '.push-type.controls',
  fileprovider: '.pushkit.fileprovider',
  liveactivity: '.push-type.liveactivity',
  location: '.location-query',
  mdm: '',
  pushtotalk: '.voip-ptt',
  voip: '.voip',
  widgets: '.push-type.widgets',
};

const SUFFIXES = Object.values(APNS_TOPIC_SUFFIX)
  .filter((suffix) => suffix !== '')
  .sort((a, b) => b.length - a.length);

/** The bundle id part of a topic: the topic without any known push-type suffix. */
export function bundleIdOfTopic(topic: string): string {
  const suffix = SUFFIXES.find((candidate) => topic.endsWith(candidate));
  return suffix ? topic.slice(0, -suffix.length) : topic;
}

/** The suffix a topic carries ('' for a plain bundle id). */
export function topicSuffix(topic: string): string {
  return SUFFIXES.find((candidate) => topic.endsWith(candidate)) ?? '';
}

/** The topic for a push type: `<bundle><suffix>`, adding the suffix only if it is missing. */
export function topicForPushType(bundleOrTopic: string, pushType: ApnsPushType): string {
  if (pushType === 'mdm') return bundleOrTopic;
  return bundleIdOfTopic(bundleOrTopic) + APNS_TOPIC_SUFFIX[pushType];
}

/** Payload limit in bytes: VoIP gets 5120, everything else 4096. */
export function apnsPayloadLimit(pushType: ApnsPushType): number {
  return pushType === 'voip' ? 5120 : 4096;
}

export const APNS_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const HEX_TOKEN_PATTERN = /^[0-9a-fA-F]+$/;
