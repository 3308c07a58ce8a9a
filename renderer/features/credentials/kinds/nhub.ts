import type { CredentialKindOf } from '../../../../shared/providers/ids';
import { factText as text, type CredentialKindView } from '../kind-view';

export const nhubCredentialViews = {
  nhub: {
    form: { text: () => ['connectionString', 'hubName'] },
    facts: (m) => [
      ['Namespace', text(m['namespace'])],
      ['Hub', text(m['hubName'])],
      ['Key name', text(m['keyName'])],
      ['Rights', text(m['rights'])],
    ],
  },
} satisfies Record<CredentialKindOf<'nhub'>, CredentialKindView>;
