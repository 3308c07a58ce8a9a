import { compactToken, type TargetIdentifier, type TargetReading } from '../../doctor/target-reading';
import { parseFcmCondition } from './condition';
import { fcmIdentity } from './identity';
import { FCM_TOPIC_PATTERN } from './target';

const SEND_WITH = 'FCM HTTP v1 with a service account of the Firebase project the app is registered in.';

function reading(
  kind: TargetReading['kind'],
  fields: Omit<TargetReading, 'provider' | 'kind' | 'label' | 'credentialKinds' | 'sendWith'> & { sendWith?: string },
): TargetReading {
  const label = fcmIdentity.detector.kinds[kind as keyof typeof fcmIdentity.detector.kinds];
  return { provider: 'fcm', kind, label, credentialKinds: ['fcm-service-account'], sendWith: SEND_WITH, ...fields };
}

/** Registration tokens, topics (`/topics/x`, and a bare name, which could be other things too) and conditions. */
export const fcmTargets: TargetIdentifier = {
  identify(value) {
    const kind = fcmIdentity.detector.detect(value);
    if (kind === 'fcm-topic') {
      const name = value.replace(/^\/?topics\//, '');
      return [
        reading(kind, {
          confidence: 'certain',
          summary: `An FCM topic, "${name}": every device subscribed to it gets the message.`,
          facts: ['starts with /topics/', 'FCM v1 takes the name without the prefix in message.topic'],
          sendWith: `${SEND_WITH} Sent as message.topic "${name}".`,
          target: value,
          problems: [],
        }),
      ];
    }
    if (kind === 'fcm-condition') {
      const parsed = parseFcmCondition(value);
      const problems = parsed.ok ? [] : [`${parsed.message} (at character ${parsed.position + 1}).`];
      return [
        reading(kind, {
          confidence: 'certain',
          summary: parsed.ok
            ? `An FCM condition over ${parsed.topics.length} topic${parsed.topics.length === 1 ? '' : 's'} (${parsed.topics.join(', ')}).`
            : 'An FCM condition, but one FCM would refuse.',
          facts: ["'…' in topics", 'FCM allows at most 5 topics in a condition'],
          sendWith: `${SEND_WITH} Sent as message.condition.`,
          target: value,
          problems,
        }),
      ];
    }
    const token = compactToken(value);
    if (fcmIdentity.detector.detect(token) === 'fcm-token') {
      const facts = [`${token.length} characters of letters, digits, - and _`];
      const colon = token.indexOf(':');
      if (colon > 0) facts.push(`an instance id (${token.slice(0, colon)}) before the ":"`);
      if (token.slice(colon + 1).startsWith('APA91b')) facts.push('APA91b…, the prefix of tokens FCM issues');
      return [
        reading('fcm-token', {
          // Long hex is an APNs token far more often than an FCM one.
          confidence: colon > 0 ? 'certain' : /^[0-9a-f]+$/i.test(token) ? 'possible' : 'likely',
          summary:
            'An FCM registration token (Android, an iOS app using Firebase, or a web app through the Firebase SDK). ' +
            'It only works with the Firebase project whose sender id the app registered with.',
          facts,
          sendWith: `${SEND_WITH} Sent as message.token.`,
          target: token,
          problems: [],
        }),
      ];
    }
    if (FCM_TOPIC_PATTERN.test(value) && value.length <= 900) {
      return [
        reading('fcm-topic', {
          confidence: 'possible',
          summary: `Perhaps an FCM topic named "${value}" (a bare name is what FCM v1’s message.topic takes).`,
          facts: ['a bare name of letters, digits and - _ . ~ %', 'without /topics/ it could be other things too'],
          sendWith: `${SEND_WITH} Sent as message.topic "${value}".`,
          target: `/topics/${value}`,
          problems: [],
        }),
      ];
    }
    return [];
  },
};
