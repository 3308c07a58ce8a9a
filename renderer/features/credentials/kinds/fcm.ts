import type { CredentialKindOf } from '../../../../shared/providers/ids';
import { factText as text, type CredentialKindView } from '../kind-view';

export const fcmCredentialViews = {
  'fcm-service-account': {
    form: { file: { label: 'Service account key (.json)', accept: '.json' }, text: () => [] },
    facts: (m) => [
      ['Project', text(m['projectId'])],
      ['Client email', text(m['clientEmail'])],
      ['Key ID', text(m['keyId'])],
      ['Token URI', text(m['tokenUri'])],
    ],
  },
} satisfies Record<CredentialKindOf<'fcm'>, CredentialKindView>;
