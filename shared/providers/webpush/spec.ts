import { credentialKindsOf, PROVIDER_LABELS } from '../ids';
import type { ProviderSpec } from '../spec';
import { webpushTargets } from './identify';
import { webpushOptionsSchema, webpushSendSchema } from './message';
import { webpushNotificationJsonSchema } from './payload-schema';
import { webpushPayloadSize } from './size';
import { webpushTemplates } from './templates';

export const webpushSpec = {
  id: 'webpush',
  label: PROVIDER_LABELS.webpush,
  credentialKinds: credentialKindsOf('webpush'),
  sendSchema: webpushSendSchema,
  optionsSchema: webpushOptionsSchema,
  payloadJsonSchema: () => webpushNotificationJsonSchema,
  payloadLanguage: () => 'json',
  templates: webpushTemplates,
  starterDraft: {
    profileId: null,
    target: '',
    options: { ttl: 60 },
    payload: JSON.stringify({ title: 'Hello', body: 'From Push Console' }, null, 2),
  },
  payloadSize: webpushPayloadSize,
  target: {
    placeholder: 'PushSubscription JSON: {"endpoint": …, "keys": {"p256dh": …, "auth": …}}',
    multiline: true,
  },
  devicePlatform: 'web',
  bulkConcurrency: 32,
  targets: webpushTargets,
} as const satisfies ProviderSpec<'webpush'>;
