import type { Profile } from '../domain/profile';
import { PROVIDER_LIST, providerSpec } from '../providers';
import type { CredentialFacts, TargetReading } from './target-reading';

const RANK: Record<TargetReading['confidence'], number> = { certain: 0, likely: 1, possible: 2 };

/** Every provider's readings of a pasted target, the surest first (ties keep the providers' order). */
export function identifyTarget(text: string): TargetReading[] {
  const value = text.trim();
  if (!value) return [];
  const readings = PROVIDER_LIST.flatMap((spec) => spec.targets.identify(value));
  return readings.sort((a, b) => RANK[a.confidence] - RANK[b.confidence]);
}

export interface CredentialFit {
  id: string;
  label: string;
  /** Why it still cannot send to this target, or null when it fits. */
  problem: string | null;
}

export interface ProfileFit {
  id: string;
  name: string;
  environment: Profile['environment'];
  credentialId: string;
  problem: string | null;
}

/** The credentials of a kind the reading can be sent with, and the profiles of its provider using them. */
export function fitsFor(
  reading: TargetReading,
  credentials: readonly (CredentialFacts & { id: string; label: string })[],
  profiles: readonly Profile[],
): { credentials: CredentialFit[]; profiles: ProfileFit[] } {
  const problemOf = providerSpec(reading.provider).targets.credentialProblem;
  const fits = credentials
    .filter((credential) => reading.credentialKinds.includes(credential.kind))
    .map((credential) => ({
      id: credential.id,
      label: credential.label,
      problem: problemOf?.(reading, credential) ?? null,
    }));
  const byId = new Map(fits.map((fit) => [fit.id, fit]));
  return {
    credentials: fits,
    profiles: profiles
      .filter((profile) => profile.provider === reading.provider && byId.has(profile.credentialId))
      .map((profile) => ({
        id: profile.id,
        name: profile.name,
        environment: profile.environment,
        credentialId: profile.credentialId,
        problem: byId.get(profile.credentialId)!.problem,
      })),
  };
}
