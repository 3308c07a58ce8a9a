import type { CredentialKindOf } from '../../../../shared/providers/ids';
import { factDay, factText as text, metadataFacts, type CredentialKindView } from '../kind-view';

export const apnsCredentialViews = {
  'apns-token': {
    form: { file: { label: 'Key file (.p8)', accept: '.p8,.pem' }, text: () => ['keyId', 'teamId'] },
    facts: (m) => metadataFacts(m, { 'Key ID': 'keyId', 'Team ID': 'teamId' }),
  },
  'apns-certificate': {
    form: {
      file: { label: 'Certificate (.p12, .pfx or PEM)', accept: '.p12,.pfx,.pem,.crt,.cer' },
      keyFile: { label: 'Private key PEM (only with a PEM certificate)', accept: '.pem,.key' },
      text: () => ['passphrase'],
    },
    facts: (m) => [
      ['Subject', text(m['subjectCn'])],
      ['Bundle ID', text(m['bundleId'])],
      ['Environment', text(m['environment']) ?? 'none (not an APNs certificate)'],
      ['Topics', Array.isArray(m['topics']) && m['topics'].length > 0 ? m['topics'].join(', ') : null],
      ['Valid', `${factDay(m['notBefore']) ?? '?'} → ${factDay(m['notAfter']) ?? '?'}`],
      ['SHA-256', text(m['fingerprintSha256'])],
    ],
  },
} satisfies Record<CredentialKindOf<'apns'>, CredentialKindView>;
