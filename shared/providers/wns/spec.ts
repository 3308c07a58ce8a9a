import { credentialKindsOf, PROVIDER_LABELS } from '../ids';
import type { ProviderSpec } from '../spec';
import { wnsTargets } from './identify';
import { utf8Length } from '../../text';
import { WNS_MAX_PAYLOAD_BYTES, wnsOptionsSchema, wnsSendSchema } from './message';
import { wnsTemplates } from './templates';

export const wnsSpec = {
  id: 'wns',
  label: PROVIDER_LABELS.wns,
  credentialKinds: credentialKindsOf('wns'),
  sendSchema: wnsSendSchema,
  optionsSchema: wnsOptionsSchema,
  payloadJsonSchema: () => undefined,
  payloadLanguage: (options) => (options['type'] === 'raw' ? 'plaintext' : 'xml'),
  templates: wnsTemplates,
  starterDraft: {
    profileId: null,
    target: '',
    options: { type: 'toast' },
    payload:
      '<toast>\n  <visual>\n    <binding template="ToastGeneric">\n      <text>Hello</text>\n      <text>From Push Console</text>\n    </binding>\n  </visual>\n</toast>\n',
  },
  payloadSize: (payload) => ({ bytes: utf8Length(payload), limit: WNS_MAX_PAYLOAD_BYTES, label: 'WNS limit' }),
  target: { placeholder: 'Channel URI (https://…notify.windows.com/…)', multiline: false },
  devicePlatform: 'windows',
  bulkConcurrency: 16,
  targets: wnsTargets,
} as const satisfies ProviderSpec<'wns'>;
