import { credentialKindsOf, PROVIDER_LABELS } from '../ids';
import type { ProviderSpec } from '../spec';
import { APNS_BROADCAST_PAYLOAD_LIMIT } from './channels';
import { apnsTargets } from './identify';
import { utf8Length } from '../../text';
import { apnsOptionsSchema, apnsSendSchema } from './message';
import { apnsPayloadJsonSchema } from './payload-schema';
import { apnsPayloadLimit } from './push-types';
import { apnsTemplates } from './templates';

export const apnsSpec = {
  id: 'apns',
  label: PROVIDER_LABELS.apns,
  credentialKinds: credentialKindsOf('apns'),
  sendSchema: apnsSendSchema,
  optionsSchema: apnsOptionsSchema,
  payloadJsonSchema: () => apnsPayloadJsonSchema,
  payloadLanguage: () => 'json',
  templates: apnsTemplates,
  starterDraft: {
    profileId: null,
    target: '',
    options: { pushType: 'alert', priority: 10 },
    payload: JSON.stringify(
      { aps: { alert: { title: 'Hello', body: 'From Push Console' }, sound: 'default' } },
      null,
      2,
    ),
  },
  payloadSize(payload, options) {
    if (typeof options['channelId'] === 'string' && options['channelId'].trim() !== '') {
      return { bytes: utf8Length(payload), limit: APNS_BROADCAST_PAYLOAD_LIMIT, label: 'APNs broadcast limit' };
    }
    const voip = options['pushType'] === 'voip';
    const label = voip ? 'APNs VoIP limit' : 'APNs limit';
    return { bytes: utf8Length(payload), limit: apnsPayloadLimit(voip ? 'voip' : 'alert'), label };
  },
  target: { placeholder: 'Device token (hex)', multiline: false },
  devicePlatform: 'ios',
  bulkConcurrency: 200,
  targets: apnsTargets,
} as const satisfies ProviderSpec<'apns'>;
