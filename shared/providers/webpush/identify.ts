import type { TargetIdentifier, TargetReading } from '../../doctor/target-reading';
import { webpushIdentity } from './identity';
import { pushServiceForEndpoint, type PushService } from './push-services';

const SERVICE_NOTES: Partial<Record<PushService['id'], string>> = {
  apple: 'Apple’s service needs a VAPID subject that is a real mailto: or https: address, not localhost.',
  fcm: 'Chrome’s endpoints on fcm.googleapis.com take VAPID; no Firebase project or service account is involved.',
  wns: 'Edge’s endpoints are on WNS hosts but take VAPID like any Web Push service, not a WNS credential.',
  loopback: 'A push service on this machine: the local Web Push emulator in the local environment.',
};

function readingFor(endpoint: string, target: string, facts: string[], problems: string[]): TargetReading {
  const service = pushServiceForEndpoint(endpoint);
  const note = SERVICE_NOTES[service.id];
  return {
    provider: 'webpush',
    kind: 'webpush-subscription',
    label: webpushIdentity.detector.kinds['webpush-subscription'],
    confidence: problems.length ? 'possible' : 'certain',
    summary: `A Web Push subscription whose endpoint belongs to ${service.name}.${note ? ` ${note}` : ''}`,
    facts: [...facts, `endpoint host ${safeHost(endpoint)}`],
    sendWith: 'Web Push with a VAPID key pair (the one the page subscribed with, its applicationServerKey).',
    credentialKinds: ['vapid'],
    target,
    problems,
    service: service.id,
  };
}

function safeHost(endpoint: string): string {
  try {
    return new URL(endpoint).hostname;
  } catch {
    return 'unreadable';
  }
}

/** A PushSubscription's JSON (with or without keys) or its bare endpoint, and the push service it belongs to. */
export const webpushTargets: TargetIdentifier = {
  identify(value) {
    if (value.startsWith('{')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        return [];
      }
      const sub = (parsed ?? {}) as { endpoint?: unknown; keys?: { p256dh?: unknown; auth?: unknown } };
      if (typeof sub.endpoint !== 'string') return [];
      const problem = webpushIdentity.targetProblem(value, 'production');
      const local = pushServiceForEndpoint(sub.endpoint).id === 'loopback';
      const localProblem = local ? webpushIdentity.targetProblem(value, 'local') : problem;
      const keys = webpushIdentity.detector.detect(value) ? 'p256dh key present' : 'no p256dh key';
      const problems = localProblem ? [localProblem] : [];
      if (!webpushIdentity.detector.detect(value))
        problems.push(
          'Without keys.p256dh and keys.auth a payload cannot be encrypted to it; copy the whole PushSubscription.toJSON().',
        );
      return [readingFor(sub.endpoint, value, ['a JSON object with an endpoint', keys], [...new Set(problems)])];
    }
    if (!/^https?:\/\//i.test(value)) return [];
    const service = pushServiceForEndpoint(value);
    if (service.id === 'unknown' && !/\/(wp|fcm\/send|wpush)\//.test(value)) return [];
    const reading = readingFor(
      value,
      value,
      ['a bare endpoint URL'],
      ['An endpoint alone is not enough to send a payload: paste the whole subscription JSON with its keys.'],
    );
    // A WNS host's URL is a WNS channel as often as an Edge endpoint; the shape cannot tell.
    return [{ ...reading, confidence: service.id === 'wns' ? 'possible' : 'likely' }];
  },
  credentialProblem(reading, credential) {
    const subject = typeof credential.metadata['subject'] === 'string' ? credential.metadata['subject'] : '';
    if (reading.service === 'apple' && /^(mailto:[^@]*@|https?:\/\/)(localhost|127\.|\[::1\])/i.test(subject))
      return `Its VAPID subject ${subject} is on localhost; Apple answers BadJwtToken.`;
    return null;
  },
};
