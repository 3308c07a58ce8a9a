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

/** One fact about a credential worth showing; a null value is left out. */
export type Fact = [name: string, value: string | null];

/** How the Credentials screen imports and describes one kind (in each provider's `PROVIDER_VIEWS` entry). */
export interface CredentialKindView {
  readonly form: KindForm;
  /** The kind's metadata as (name, value) pairs, in reading order. */
  facts(metadata: Record<string, unknown>): Fact[];
}

/** A metadata value as text, or null when there is nothing to show. */
export function factText(value: unknown): string | null {
  return value === null || value === undefined || value === '' ? null : String(value);
}

/** The date part of an ISO timestamp. */
export function factDay(value: unknown): string | null {
  return typeof value === 'string' ? value.slice(0, 10) : null;
}

/** Facts that are each one metadata value as text, named in reading order: `{ 'Key ID': 'keyId' }`. */
export function metadataFacts(metadata: Record<string, unknown>, names: Record<string, string>): Fact[] {
  return Object.entries(names).map(([name, key]) => [name, factText(metadata[key])]);
}
