import type { CredentialKindOf } from '../../../../shared/providers/ids';
import { factText as text, type CredentialKindView } from '../kind-view';

export const webpushCredentialViews = {
  vapid: {
    form: { text: () => ['privateKey', 'subject'] },
    facts: (m) => [
      ['Subject', text(m['subject'])],
      ['Public key', text(m['publicKey'])],
    ],
  },
} satisfies Record<CredentialKindOf<'webpush'>, CredentialKindView>;
