import type { CredentialKindOf } from '../../../../shared/providers/ids';
import { metadataFacts, type CredentialKindView } from '../kind-view';

export const fcmCredentialViews = {
  'fcm-service-account': {
    form: { file: { label: 'Service account key (.json)', accept: '.json' }, text: () => [] },
    facts: (m) =>
      metadataFacts(m, {
        Project: 'projectId',
        'Client email': 'clientEmail',
        'Key ID': 'keyId',
        'Token URI': 'tokenUri',
      }),
  },
} satisfies Record<CredentialKindOf<'fcm'>, CredentialKindView>;
