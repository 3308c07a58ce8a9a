import type { z } from 'zod';
import type { Device } from '../domain/device';
import type { Draft } from '../domain/profile';
import type { TargetIdentifier } from '../doctor/target-reading';
import type { CredentialKindOf, Provider } from './ids';

/** What every provider's templates have in common: the composer's template gallery reads these. */
export interface PayloadTemplate {
  id: string;
  name: string;
  description: string;
  options: Record<string, unknown>;
  payload: string;
  /** Some templates (FCM topic/condition) carry an example target. */
  target?: string;
}

export interface SizeReading {
  /** Bytes as they will go over the wire (after encryption for Web Push). */
  bytes: number;
  limit: number;
  /** What the limit is called, e.g. "APNs VoIP limit". */
  label: string;
}

/**
 * One provider's pure knowledge, in shared/ so the renderer, the core and the CLI read the same
 * facts. Listed once in `shared/providers/index.ts`; every per-provider table derives from it.
 * The provider's preflight (`shared/providers/<p>/preflight.ts`) is not a field: the renderer
 * reads this registry and never runs preflight itself (it asks main), and holding it here would
 * put every provider's rules into the renderer's first bundle (+39 kB measured).
 */
export interface ProviderSpec<P extends Provider> {
  readonly id: P;
  readonly label: string;
  /** Credential kinds this provider can send with (checked when a profile is saved). */
  readonly credentialKinds: readonly CredentialKindOf<P>[];
  /** The send request (`provider: P`, credential, target, options, payload). */
  readonly sendSchema: z.ZodObject<{ provider: z.ZodLiteral<P> } & z.ZodRawShape>;
  readonly optionsSchema: z.ZodObject;
  /** The payload's JSON Schema for Monaco (validation, hovers, completion), when there is one. */
  payloadJsonSchema(options: Record<string, unknown>): object | undefined;
  payloadLanguage(options: Record<string, unknown>): 'json' | 'xml' | 'plaintext';
  readonly templates: readonly PayloadTemplate[];
  /** A first payload, so an empty composer is one key away from a valid send. */
  readonly starterDraft: Draft;
  /** The size meter's reading; counts exactly what preflight counts. */
  payloadSize(payload: string, options: Record<string, unknown>, target: string): SizeReading;
  /** The target field's placeholder, and whether the target spans lines (a JSON subscription). */
  readonly target: { placeholder: string; multiline: boolean };
  readonly devicePlatform: Device['platform'];
  /** Parallel sends in a bulk run unless the user picks another number. */
  readonly bulkConcurrency: number;
  /** The token doctor's reading of a pasted target (`<p>/identify.ts`, beside the identity's detector). */
  readonly targets: TargetIdentifier;
}
