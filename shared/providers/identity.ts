import type { Environment } from '../domain/environment';

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
}

/**
 * What everything else about a provider is keyed by: its name, the credential kinds it owns and
 * how its targets look. Small and free of the provider's rules, so the domain schemas
 * (`providerSchema`, `credentialKindSchema`) and target detection can sit below the registry of
 * specs (FCM's preflight asks detection whether a token is another provider's).
 */
export interface ProviderIdentity {
  readonly label: string;
  /** Each credential kind the provider owns, and how the UI and the CLI name it ("APNs auth key (.p8)"). */
  readonly credentialKinds: Readonly<Record<string, string>>;
  readonly detector: TargetDetector;
  /**
   * Why this trimmed, non-empty text cannot be one of the provider's targets, in words for the
   * device editor and imports, or null (a provider that takes anything returns null).
   */
  targetProblem(target: string, environment: Environment): string | null;
}
