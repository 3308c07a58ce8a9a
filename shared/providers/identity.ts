import type { CredentialFields } from '../domain/credential';

/** Recognizes one provider's targets in pasted text (shared/providers/detect-target.ts runs them). */
export interface TargetDetector<Kind extends string = string> {
  /** Which texts this provider's targets can be: a JSON object, an http(s) URL, or other text. */
  shape: 'json' | 'url' | 'text';
  /** Each kind of target and how it is named, e.g. `'apns-token': 'APNs device token'`. */
  kinds: Readonly<Record<Kind, string>>;
  /** The kind the trimmed, non-empty text is, or null. */
  detect(value: string): Kind | null;
  /** Kinds so loose (NH tag expressions) that matching one says nothing about the provider. */
  loose?: readonly Kind[];
  /** A well-formed target of this provider, for docs and tests (which check it is detected as such). */
  example: string;
}

/** The typed (not file) fields of an import, where a secret read from stdin can go. */
export type CredentialTextField = Exclude<
  {
    [K in keyof CredentialFields]-?: CredentialFields[K] extends string | undefined ? K : never;
  }[keyof CredentialFields],
  'fileBase64' | 'fileName' | 'keyFileBase64'
>;

/** One kind of credential a provider sends with, as every process names it. */
export interface CredentialKindInfo {
  /** How the UI and the CLI name it, e.g. "APNs auth key (.p8)". */
  readonly label: string;
  /** Where the CLI's `--secret-stdin` puts stdin; null when the secret is read from `--file`. */
  readonly stdinSecret: CredentialTextField | null;
}

/**
 * What everything else about a provider is keyed by: its name, the credential kinds it owns and
 * how its targets look. Small and free of the provider's rules, so the domain schemas
 * (`providerSchema`, `credentialKindSchema`) and target detection can sit below the registry of
 * specs (FCM's preflight asks detection whether a token is another provider's).
 */
export interface ProviderIdentity {
  readonly label: string;
  readonly credentialKinds: Readonly<Record<string, CredentialKindInfo>>;
  readonly detector: TargetDetector;
}
