import { credentialKindsOf, PROVIDER_LABELS } from '../ids';
import type { ProviderSpec } from '../spec';
import { fcmTargets } from './identify';
import { fcmOptionsSchema, fcmSendSchema } from './message';
import { fcmMessageJsonSchema } from './message-schema';
import { fcmPayloadSize } from './size';
import { fcmTemplates } from './templates';

export const fcmSpec = {
  id: 'fcm',
  label: PROVIDER_LABELS.fcm,
  credentialKinds: credentialKindsOf('fcm'),
  sendSchema: fcmSendSchema,
  optionsSchema: fcmOptionsSchema,
  payloadJsonSchema: () => fcmMessageJsonSchema,
  payloadLanguage: () => 'json',
  templates: fcmTemplates,
  starterDraft: {
    profileId: null,
    target: '',
    options: {},
    payload: JSON.stringify({ notification: { title: 'Hello', body: 'From Push Console' } }, null, 2),
  },
  payloadSize: fcmPayloadSize,
  target: { placeholder: 'Registration token, /topics/name, or a condition', multiline: false },
  devicePlatform: 'android',
  bulkConcurrency: 32,
  targets: fcmTargets,
} as const satisfies ProviderSpec<'fcm'>;
