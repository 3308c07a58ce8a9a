import type { CredentialFields, CredentialKind, CredentialMeta } from '../../../shared/domain/credential';
import { CREDENTIAL_KINDS, credentialKindInfo, PROVIDER_IDS } from '../../../shared/providers/ids';
import { PROVIDER_VIEWS } from '../provider-views';
import type { CredentialKindView, FieldValues } from './kind-view';

export { EMPTY_FIELDS, type FieldValues, type KindForm, type TextName } from './kind-view';

/** The kinds in the import dialog's order. */
export const KIND_ORDER: readonly CredentialKind[] = CREDENTIAL_KINDS;

/** How a kind is named, e.g. "APNs auth key (.p8)". */
export function kindLabel(kind: CredentialKind): string {
  return credentialKindInfo(kind).label;
}

/** Every kind's import form and facts, from its provider's views (a kind without them does not compile). */
export const KIND_VIEWS = Object.assign({}, ...PROVIDER_IDS.map((id) => PROVIDER_VIEWS[id].credentials)) as Record<
  CredentialKind,
  CredentialKindView
>;

/** Only the fields the kind's form uses, with files as base64; empty strings are left out. */
export async function toContractFields(kind: CredentialKind, v: FieldValues): Promise<CredentialFields> {
  const { form } = KIND_VIEWS[kind];
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
  return KIND_VIEWS[meta.kind].facts(meta.metadata).filter((pair): pair is [string, string] => pair[1] !== null);
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
