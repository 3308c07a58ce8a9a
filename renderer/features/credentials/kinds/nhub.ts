import type { CredentialKindOf } from '../../../../shared/providers/ids';
import { metadataFacts, type CredentialKindView } from '../kind-view';

export const nhubCredentialViews = {
  nhub: {
    form: { text: () => ['connectionString', 'hubName'] },
    facts: (m) => metadataFacts(m, { Namespace: 'namespace', Hub: 'hubName', 'Key name': 'keyName', Rights: 'rights' }),
  },
} satisfies Record<CredentialKindOf<'nhub'>, CredentialKindView>;
