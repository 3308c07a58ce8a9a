import type { CredentialKind, Provider } from '../providers/ids';

/**
 * What the token doctor makes of a pasted target: one reading per provider that could take it,
 * with the facts it rests on, so the answer can be checked rather than trusted.
 */
export interface TargetReading {
  provider: Provider;
  /** The detector's kind when there is one (`apns-token`, `fcm-topic`…), else a finer one (`webpush-endpoint`). */
  kind: string;
  label: string;
  /** `certain`: the shape decides; `likely`: the shape fits and nothing else does; `possible`: other readings fit too. */
  confidence: 'certain' | 'likely' | 'possible';
  /** The answer in one or two sentences. */
  summary: string;
  /** What the answer rests on, each a short fact about the text. */
  facts: string[];
  /** What it can be sent with: provider, push type or API field, credential kinds. */
  sendWith: string;
  credentialKinds: CredentialKind[];
  /** The target as a send takes it (spaces and brackets removed from a token, JSON kept as pasted). */
  target: string;
  /** Why it cannot be sent as it is, in sentences (an odd number of hex digits, a subscription without keys). */
  problems: string[];
  /** For Web Push: the push service its endpoint belongs to (`push-services.ts` ids). */
  service?: string;
}

/** The public facts of a credential the doctor may weigh. */
export interface CredentialFacts {
  kind: CredentialKind;
  metadata: Record<string, unknown>;
}

/** One provider's half of the token doctor, in its own folder beside `identity.ts`. */
export interface TargetIdentifier {
  /** Every reading of this provider for the trimmed, non-empty text (none when it is not one of its targets). */
  identify(value: string): TargetReading[];
  /** Why a credential of one of the reading's kinds still cannot send to it, or null. */
  credentialProblem?(reading: TargetReading, credential: CredentialFacts): string | null;
}

/** Removes what people paste around a token: spaces, the `<…>` of an old NSData description. */
export function compactToken(value: string): string {
  return value.replace(/^<|>$/g, '').replace(/\s+/g, '');
}
