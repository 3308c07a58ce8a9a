import { parseSubscription } from './subscription';
import { pushServiceForEndpoint, type PushService } from './push-services';

/**
 * Where the push services browsers subscribe with differ from one another (protocols.md §5, §7).
 * A fact marked `uncertain` is [?] there: shown with "(unverified)" and never enforced.
 */
export interface PushServiceFacts {
  id: Exclude<PushService['id'], 'loopback' | 'unknown'>;
  /** Largest encrypted body it takes, in bytes. */
  maxBodyBytes: { value: number; uncertain?: true; detail?: string };
  /** Longest TTL it keeps, in seconds; null when not published. */
  maxTtlSeconds: { value: number | null; refuses: boolean; uncertain?: true };
  /** What its VAPID `sub` must be. */
  subject: string;
  urgencyAndTopic: string;
  /** Whether the browser behind it shows a Declarative Web Push message by itself. */
  declarative: string;
}

export const PUSH_SERVICE_FACTS: Readonly<Record<PushServiceFacts['id'], PushServiceFacts>> = {
  apple: {
    id: 'apple',
    // Apple's errors name PayloadTooLarge at 4 KB (protocols.md §5.5).
    maxBodyBytes: { value: 4096 },
    maxTtlSeconds: { value: null, refuses: false, uncertain: true },
    subject: 'sub required, mailto: or https:, never localhost (BadJwtToken)',
    urgencyAndTopic: 'Urgency and Topic honoured (BadUrgency, BadWebPushTopic when malformed)',
    declarative: 'shown without a service worker in Safari 18.4+ (iOS/iPadOS Home Screen web apps, macOS)',
  },
  fcm: {
    id: 'fcm',
    maxBodyBytes: { value: 4096 },
    // [?] FCM keeps messages at most 4 weeks; a longer TTL is believed to be shortened, not refused.
    maxTtlSeconds: { value: 2_419_200, refuses: false, uncertain: true },
    subject: 'sub recommended (mailto: or https:); not known to be enforced',
    urgencyAndTopic: 'Urgency honoured; Topic replacement unverified',
    declarative: 'not shown by Chrome itself: the service worker gets it as an ordinary push',
  },
  mozilla: {
    id: 'mozilla',
    // RFC floor 4096; autopush's FCM bridge (Firefox on Android) is reported at 2,744 [?].
    maxBodyBytes: { value: 4096, detail: 'Firefox on Android reportedly 2,744 (unverified)' },
    maxTtlSeconds: { value: 2_592_000, refuses: true },
    subject: 'sub required with VAPID (mailto: or https:)',
    urgencyAndTopic: 'Urgency and Topic honoured (errno 113 for a bad Topic)',
    declarative: 'Firefox has a parser (dom/push/Declarative.cpp); whether it is on by default is unverified',
  },
  wns: {
    id: 'wns',
    maxBodyBytes: { value: 4096, uncertain: true },
    maxTtlSeconds: { value: null, refuses: false, uncertain: true },
    subject: 'sub rules unpublished (unverified)',
    urgencyAndTopic: 'Urgency and Topic support unpublished (unverified)',
    declarative: 'not shown by Edge itself: the service worker gets it as an ordinary push',
  },
};

export function pushServiceFacts(id: PushService['id']): PushServiceFacts | null {
  return id === 'loopback' || id === 'unknown' ? null : PUSH_SERVICE_FACTS[id];
}

const seconds = (value: number) => value.toLocaleString('en-US');

/** One short line for the composer: what is particular to the subscription's push service. */
export function pushServiceNote(target: string): { service: PushService; note: string } | null {
  const parsed = parseSubscription(target);
  if (!parsed.ok) return null;
  const service = pushServiceForEndpoint(parsed.subscription.endpoint);
  const facts = pushServiceFacts(service.id);
  if (!facts) return null;
  const size = `${seconds(facts.maxBodyBytes.value)} bytes${facts.maxBodyBytes.uncertain ? ' (unverified)' : ''}${
    facts.maxBodyBytes.detail ? `; ${facts.maxBodyBytes.detail}` : ''
  }`;
  const ttl =
    facts.maxTtlSeconds.value === null
      ? 'TTL limit unpublished'
      : `TTL ≤ ${seconds(facts.maxTtlSeconds.value)} s${facts.maxTtlSeconds.refuses ? ' (longer is refused)' : ' (longer is shortened)'}${
          facts.maxTtlSeconds.uncertain ? ' (unverified)' : ''
        }`;
  return {
    service,
    note: `${service.name}: ${size}; ${ttl}; ${facts.subject}; ${facts.urgencyAndTopic}; Declarative Web Push ${facts.declarative}.`,
  };
}
