import type { CredentialKind, CredentialMeta } from '../../../shared/domain/credential';

export const KIND_LABELS: Record<CredentialKind, string> = {
  'apns-token': 'APNs auth key (.p8)',
  'apns-certificate': 'APNs certificate (.p12)',
  'fcm-service-account': 'FCM service account',
  wns: 'WNS',
  vapid: 'VAPID (Web Push)',
  nhub: 'Notification Hubs',
};

export const KIND_ORDER = Object.keys(KIND_LABELS) as CredentialKind[];

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
