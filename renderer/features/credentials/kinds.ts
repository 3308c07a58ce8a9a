import type { CredentialFields, CredentialKind, CredentialMeta } from '../../../shared/domain/credential';

export const KIND_LABELS: Record<CredentialKind, string> = {
  'apns-token': 'APNs auth key (.p8)',
  'apns-certificate': 'APNs certificate (.p12)',
  'fcm-service-account': 'FCM service account',
  wns: 'WNS',
  vapid: 'VAPID (Web Push)',
  nhub: 'Notification Hubs',
};

export const KIND_ORDER = Object.keys(KIND_LABELS) as CredentialKind[];

/** The import dialog's inputs, as typed or picked (files are read only on submit). */
export interface FieldValues {
  file: File | null;
  keyFile: File | null;
  keyId: string;
  teamId: string;
  passphrase: string;
  wnsFlavor: 'package-sid' | 'entra';
  packageSid: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  privateKey: string;
  subject: string;
  connectionString: string;
  hubName: string;
}

export const EMPTY_FIELDS: FieldValues = {
  file: null,
  keyFile: null,
  keyId: '',
  teamId: '',
  passphrase: '',
  wnsFlavor: 'package-sid',
  packageSid: '',
  tenantId: '',
  clientId: '',
  clientSecret: '',
  privateKey: '',
  subject: '',
  connectionString: '',
  hubName: '',
};

/** The free-text fields (everything but the files and the WNS flavor). */
export type TextName = { [K in keyof FieldValues]: string extends FieldValues[K] ? K : never }[keyof FieldValues];

/** What one kind's import form shows and, from the same entry, sends. */
export interface KindForm {
  /** The main file (key, certificate, service account), sent as `fileBase64`. */
  file?: { label: string; accept: string };
  /** A second file: the PEM key next to a PEM certificate. */
  keyFile?: { label: string; accept: string };
  /** WNS's two ways to authenticate, picked with radios above the fields. */
  wnsFlavor?: true;
  /** The text inputs in order (WNS's depend on the flavor); empty ones are not sent. */
  text(values: FieldValues): readonly TextName[];
}

/** Every kind's form: a kind without one is a compile error, not a dialog with no fields. */
export const KIND_FORMS: Record<CredentialKind, KindForm> = {
  'apns-token': { file: { label: 'Key file (.p8)', accept: '.p8,.pem' }, text: () => ['keyId', 'teamId'] },
  'apns-certificate': {
    file: { label: 'Certificate (.p12, .pfx or PEM)', accept: '.p12,.pfx,.pem,.crt,.cer' },
    keyFile: { label: 'Private key PEM (only with a PEM certificate)', accept: '.pem,.key' },
    text: () => ['passphrase'],
  },
  'fcm-service-account': { file: { label: 'Service account key (.json)', accept: '.json' }, text: () => [] },
  wns: {
    wnsFlavor: true,
    text: (v) => [
      ...(v.wnsFlavor === 'package-sid' ? (['packageSid'] as const) : (['tenantId', 'clientId'] as const)),
      'clientSecret',
    ],
  },
  vapid: { text: () => ['privateKey', 'subject'] },
  nhub: { text: () => ['connectionString', 'hubName'] },
};

/** Only the fields the kind's form uses, with files as base64; empty strings are left out. */
export async function toContractFields(kind: CredentialKind, v: FieldValues): Promise<CredentialFields> {
  const form = KIND_FORMS[kind];
  const fields: CredentialFields = {};
  if (v.file) {
    fields.fileBase64 = await fileToBase64(v.file);
    fields.fileName = v.file.name;
  }
  if (form.keyFile && v.keyFile) fields.keyFileBase64 = await fileToBase64(v.keyFile);
  for (const name of form.text(v)) {
    // A passphrase is sent as typed: spaces can be part of it.
    if (name === 'passphrase' ? v[name] !== '' : v[name].trim() !== '') fields[name] = v[name];
  }
  return fields;
}

/** Pairs of (name, value) worth showing for a credential, in reading order. */
export function credentialFacts(meta: CredentialMeta): Array<[string, string]> {
  const m = meta.metadata;
  const text = (value: unknown) => (value === null || value === undefined || value === '' ? null : String(value));
  const day = (value: unknown) => (typeof value === 'string' ? value.slice(0, 10) : null);
  const pairs: Array<[string, string | null]> = (() => {
    switch (meta.kind) {
      case 'apns-token':
        return [
          ['Key ID', text(m['keyId'])],
          ['Team ID', text(m['teamId'])],
        ];
      case 'apns-certificate':
        return [
          ['Subject', text(m['subjectCn'])],
          ['Bundle ID', text(m['bundleId'])],
          ['Environment', text(m['environment']) ?? 'none (not an APNs certificate)'],
          ['Topics', Array.isArray(m['topics']) && m['topics'].length > 0 ? m['topics'].join(', ') : null],
          ['Valid', `${day(m['notBefore']) ?? '?'} → ${day(m['notAfter']) ?? '?'}`],
          ['SHA-256', text(m['fingerprintSha256'])],
        ];
      case 'fcm-service-account':
        return [
          ['Project', text(m['projectId'])],
          ['Client email', text(m['clientEmail'])],
          ['Key ID', text(m['keyId'])],
          ['Token URI', text(m['tokenUri'])],
        ];
      case 'wns':
        return m['flavor'] === 'entra'
          ? [
              ['Flavor', 'Entra ID'],
              ['Tenant', text(m['tenantId'])],
              ['Client ID', text(m['clientId'])],
            ]
          : [
              ['Flavor', 'Package SID'],
              ['Package SID', text(m['packageSid'])],
            ];
      case 'vapid':
        return [
          ['Subject', text(m['subject'])],
          ['Public key', text(m['publicKey'])],
        ];
      case 'nhub':
        return [
          ['Namespace', text(m['namespace'])],
          ['Hub', text(m['hubName'])],
          ['Key name', text(m['keyName'])],
          ['Rights', text(m['rights'])],
        ];
    }
  })();
  return pairs.filter((pair): pair is [string, string] => pair[1] !== null);
}

/** Badges derived from the warnings main computed (expiry is recomputed on every list). */
export function badges(meta: CredentialMeta): Array<{ text: string; tone: 'danger' | 'warn' }> {
  return meta.warnings.map((warning) =>
    warning.startsWith('Expired')
      ? { text: 'Expired', tone: 'danger' as const }
      : warning.startsWith('Expires in')
        ? { text: 'Expiring soon', tone: 'warn' as const }
        : { text: 'Warning', tone: 'warn' as const },
  );
}

/** Reads a picked file as base64 so its bytes can cross the bridge in both modes. */
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
