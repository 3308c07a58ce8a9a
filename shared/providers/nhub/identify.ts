import type { TargetIdentifier } from '../../doctor/target-reading';
import { nhubIdentity } from './identity';

const SEND_WITH = 'Notification Hubs with a connection string whose key has Send rights.';
const INSTALLATION = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REGISTRATION = /^\d{10,25}-\d{10,25}-\d{1,3}$/;

/**
 * Any word is a tag expression, so these readings are `possible` unless the text has a tag
 * operator; installation and registration ids are told by their shape. A PNS handle (a token, a
 * channel, an endpoint) is read by its own provider, and a hub can send to it directly too.
 */
export const nhubTargets: TargetIdentifier = {
  identify(value) {
    const base = { provider: 'nhub' as const, credentialKinds: ['nhub' as const], target: value, problems: [] };
    if (INSTALLATION.test(value))
      return [
        {
          ...base,
          kind: 'nhub-installation',
          label: 'Notification Hubs installation id',
          confidence: 'likely',
          summary: 'Likely a Notification Hubs installation id (a GUID); send to it with the tag $InstallationId:{…}.',
          facts: ['a GUID, the shape the NH SDKs give installation ids'],
          sendWith: SEND_WITH,
          target: `$InstallationId:{${value}}`,
        },
      ];
    if (REGISTRATION.test(value))
      return [
        {
          ...base,
          kind: 'nhub-registration',
          label: 'Notification Hubs registration id',
          confidence: 'likely',
          summary: 'A Notification Hubs registration id; list it with Registrations… on the Credentials screen.',
          facts: ['digits-digits-digit, the shape of the ids a hub assigns'],
          sendWith: SEND_WITH,
        },
      ];
    if (nhubIdentity.detector.detect(value) !== 'nhub-tags') return [];
    const operator = /&&|\|\||!|\(/.test(value);
    return [
      {
        ...base,
        kind: 'nhub-tags',
        label: nhubIdentity.detector.kinds['nhub-tags'],
        confidence: operator ? 'likely' : 'possible',
        summary: operator
          ? 'A Notification Hubs tag expression: every registration whose tags match gets it.'
          : `Perhaps a Notification Hubs tag, "${value}": every registration tagged with it gets it.`,
        facts: operator ? ['tags joined by && || !'] : ['a single word, which a hub reads as one tag'],
        sendWith: SEND_WITH,
      },
    ];
  },
};
