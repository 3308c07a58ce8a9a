import type { CredentialKindOf } from '../../../../shared/providers/ids';
import { metadataFacts, type CredentialKindView } from '../kind-view';

export const webpushCredentialViews = {
  vapid: {
    form: { text: () => ['privateKey', 'subject'] },
    facts: (m) => metadataFacts(m, { Subject: 'subject', 'Public key': 'publicKey' }),
  },
} satisfies Record<CredentialKindOf<'webpush'>, CredentialKindView>;
