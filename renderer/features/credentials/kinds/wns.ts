import type { CredentialKindOf } from '../../../../shared/providers/ids';
import { factText as text, type CredentialKindView } from '../kind-view';

export const wnsCredentialViews = {
  wns: {
    form: {
      wnsFlavor: true,
      text: (v) => [
        ...(v.wnsFlavor === 'package-sid' ? (['packageSid'] as const) : (['tenantId', 'clientId'] as const)),
        'clientSecret',
      ],
    },
    facts: (m) =>
      m['flavor'] === 'entra'
        ? [
            ['Flavor', 'Entra ID'],
            ['Tenant', text(m['tenantId'])],
            ['Client ID', text(m['clientId'])],
          ]
        : [
            ['Flavor', 'Package SID'],
            ['Package SID', text(m['packageSid'])],
          ],
  },
} satisfies Record<CredentialKindOf<'wns'>, CredentialKindView>;
