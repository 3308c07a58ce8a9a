import { apnsPayloadJsonSchema } from '../apns/payload-schema';
import { credentialKindsOf, PROVIDER_LABELS } from '../ids';
import type { ProviderSpec } from '../spec';
import { nhubTargets } from './identify';
import { utf8Length } from '../../text';
import { webpushNotificationJsonSchema } from '../webpush/payload-schema';
import { nhubPayloadLimit } from './limits';
import { nhubOptionsSchema, nhubSendSchema } from './message';
import { nhubTemplates } from './templates';

export const nhubSpec = {
  id: 'nhub',
  label: PROVIDER_LABELS.nhub,
  credentialKinds: credentialKindsOf('nhub'),
  sendSchema: nhubSendSchema,
  optionsSchema: nhubOptionsSchema,
  // The hub forwards the payload as is: Apple and browser formats are those services' payloads.
  payloadJsonSchema(options) {
    if (options['format'] === 'apple') return apnsPayloadJsonSchema;
    if (options['format'] === 'browser') return webpushNotificationJsonSchema;
    return undefined;
  },
  payloadLanguage: (options) => (options['format'] === 'windows' ? 'xml' : 'json'),
  templates: nhubTemplates,
  starterDraft: {
    profileId: null,
    target: '',
    options: { format: 'apple' },
    payload: JSON.stringify({ aps: { alert: 'Hello from Push Console' } }, null, 2),
  },
  payloadSize: (payload, options) => ({
    bytes: utf8Length(payload),
    limit: nhubPayloadLimit(options),
    label: 'Notification Hubs limit',
  }),
  target: { placeholder: 'Tag expression (sports && !news), or empty for a broadcast', multiline: false },
  devicePlatform: 'other',
  bulkConcurrency: 16,
  targets: nhubTargets,
} as const satisfies ProviderSpec<'nhub'>;
