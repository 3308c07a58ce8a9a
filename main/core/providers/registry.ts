import type { CredentialKind } from '../../../shared/domain/credential';
import type { Diagnosis } from '../../../shared/domain/diagnosis';
import { diagnose } from '../../../shared/doctor/diagnose';
import type { DiagnosisInput } from '../../../shared/doctor/input';
import { credentialKindInfo, PROVIDER_IDS, type Provider } from '../../../shared/providers/ids';
import type { ImportFields, ParsedCredential } from '../credentials/parsed';
import type { CredentialSecret } from '../credentials/types';
import { apnsPackage } from './apns';
import { fcmPackage } from './fcm';
import { nhubPackage } from './nhub';
import type { CredentialChecker } from './check';
import type { CredentialKindPackage, ProviderModules, ProviderPackage } from './types';
import { webpushPackage } from './webpush';
import { wnsPackage } from './wns';

/**
 * Every provider's Node half, once: a provider missing here (or one whose package lacks a parser
 * for one of its credential kinds) is a compile error.
 */
export const PROVIDER_PACKAGES = {
  apns: apnsPackage,
  fcm: fcmPackage,
  wns: wnsPackage,
  webpush: webpushPackage,
  nhub: nhubPackage,
} as const satisfies { [P in Provider]: ProviderPackage<P> };

export type ProviderPackages = typeof PROVIDER_PACKAGES;

/** One client per provider per Core, so token caches live as long as the app. */
export function createProviders(): ProviderModules {
  // Each package's `create` is checked against its own id above; the loop only assembles them.
  const modules: Partial<Record<Provider, unknown>> = {};
  for (const id of PROVIDER_IDS) modules[id] = PROVIDER_PACKAGES[id].create();
  return modules as ProviderModules;
}

/** A failed send's diagnosis, by its provider's rules (null for an accepted one). */
export function diagnoseSend(input: DiagnosisInput): Diagnosis | null {
  return diagnose(input, PROVIDER_PACKAGES[input.result.provider].diagnose);
}

/** The credential check of the provider that owns a kind. */
export function credentialChecker(kind: CredentialKind): CredentialChecker {
  return PROVIDER_PACKAGES[providerOf(kind)].check;
}

/** The provider that owns a credential kind (its identity in `shared/providers/<p>/identity.ts` lists it). */
export function providerOf(kind: CredentialKind): Provider {
  return credentialKindInfo(kind).provider;
}

/** How the core imports a credential kind, from the package of the provider that owns it. */
export function credentialKindPackage(kind: CredentialKind): CredentialKindPackage<CredentialKind> {
  const kinds: Readonly<Record<string, CredentialKindPackage<CredentialKind>>> =
    PROVIDER_PACKAGES[credentialKindInfo(kind).provider].credentials;
  return kinds[kind]!;
}

/** The parser for a credential kind. */
export function credentialParser(kind: CredentialKind): (fields: ImportFields) => ParsedCredential<CredentialSecret> {
  return (fields) => credentialKindPackage(kind).parse(fields) as ParsedCredential<CredentialSecret>;
}
