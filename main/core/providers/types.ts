import type { z } from 'zod';
import type { CredentialKind } from '../../../shared/domain/credential';
import type { DiagnosisRules } from '../../../shared/doctor/input';
import type { CredentialKindOf, Provider } from '../../../shared/providers/ids';
import type { SendResult } from '../../../shared/domain/send-result';
import type { SendRequestOf } from '../../../shared/domain/send-request';
import type { PreflightIssue } from '../../../shared/preflight/types';
import type { PreflightContext } from '../../../shared/live-activity/context';
import type { ImportFields, ParsedCredential } from '../credentials/parsed';
import type { ResolvedCredential } from '../credentials/types';
import type { LocalEnvironment } from '../local/local-env';
import type { Transport } from '../transport/types';
import type { CredentialChecker } from './check';

export interface ProviderSendContext {
  transport: Transport;
  credential: ResolvedCredential;
  /** Endpoints and CA of the local emulators; set exactly when the environment is `local`. */
  local: LocalEnvironment | null;
  signal?: AbortSignal;
  /** false: do not record this send's exchanges (a bulk run with recording off). Default on. */
  record?: boolean;
}

/**
 * One provider's client, created once per Core so its token caches (APNs JWT, OAuth access
 * tokens, SAS) live as long as the app does. Providers never import each other.
 */
export interface ProviderModule<P extends Provider = Provider> {
  readonly id: P;
  /** Credential kinds this provider can send with. */
  readonly credentialKinds: readonly CredentialKind[];
  /**
   * The shared preflight for this provider (no network); `context` is what main looked up for it
   * (a Live Activity's contracts and history).
   */
  preflight(
    request: SendRequestOf<P>,
    credential: ResolvedCredential | null,
    context?: PreflightContext,
  ): PreflightIssue[];
  /** Sends once, never throws for provider answers: rejections and failures are SendResults. */
  send(request: SendRequestOf<P>, context: ProviderSendContext): Promise<SendResult>;
  /**
   * Proves a credential of one of `credentialKinds` works (JWT signed and verified, TLS identity
   * loaded, OAuth token obtained, SAS accepted by the local hub…); resolves to a short human
   * summary, throws an AppError saying what is wrong. The only credential test there is:
   * `credentials.test` and the CLI both come here.
   */
  testCredential(credential: ResolvedCredential, context: ProviderSendContext): Promise<string>;
  close?(): Promise<void>;
}

export type ProviderModules = { [P in Provider]: ProviderModule<P> };

/**
 * One provider in the core, listed once in `registry.ts`: its client, a parser per credential
 * kind it sends with (each returns that kind's secret shape, which `SecretOf` reads), and the
 * endpoints its local emulator publishes in `<dataDir>/emulators/local.json`.
 */
export interface ProviderPackage<P extends Provider> {
  create(): ProviderModule<P>;
  readonly credentials: { readonly [K in CredentialKindOf<P>]: CredentialKindPackage<K> };
  readonly localEndpoints: z.ZodType;
  /** A well-formed target (tests check the provider's detector and preflight accept it). */
  readonly exampleTarget: string;
  /** The provider's diagnosis rules (`shared/providers/<p>/diagnose.ts`), which `diagnoseSend` runs. */
  readonly diagnose: DiagnosisRules;
  /** The credential doctor's rules for its kinds (`<p>/check.ts`), which `credentials.check` runs. */
  readonly check: CredentialChecker;
}

/** How the core imports one credential kind. */
export interface CredentialKindPackage<K extends CredentialKind> {
  /** Throws AppError CREDENTIAL_INVALID with a human message. */
  parse(fields: ImportFields): ParsedCredential<{ kind: K }>;
  /** Where the CLI's `--secret-stdin` puts stdin; null when the secret is read from `--file`. */
  readonly stdinSecret: ImportTextField | null;
}

/** The typed (not file) fields of an import. */
export type ImportTextField = {
  [F in keyof ImportFields]-?: ImportFields[F] extends string | undefined ? F : never;
}[keyof ImportFields];
