import type { CredentialKind, CredentialMeta } from '../../../shared/domain/credential';
import type { Provider } from '../../../shared/providers/ids';
import type { ProviderPackages } from '../providers/registry';
import type { ParsedCredential } from './parsed';

/**
 * Secret material per credential kind (each declared beside its parser, e.g. `ApnsTokenSecret` in
 * `apns-p8.ts`), as held in the keychain (JSON-serialised) and handed to
 * provider clients inside main. Never sent to the renderer, written to disk or logged.
 */
export type SecretOf<K extends CredentialKind> = {
  [P in Provider]: K extends keyof KindParsers<P>
    ? KindParsers<P>[K] extends { parse(fields: never): ParsedCredential<infer S> }
      ? S
      : never
    : never;
}[Provider];

export type CredentialSecret = SecretOf<CredentialKind>;

/** Each provider's parsers (`main/core/providers/registry.ts`): a kind's secret is what its parser returns. */
type KindParsers<P extends Provider> = ProviderPackages[P]['credentials'];

export interface ResolvedCredential<K extends CredentialKind = CredentialKind> {
  meta: CredentialMeta & { kind: K };
  secret: SecretOf<K>;
}

export interface ResolveOptions {
  /** Set by the sender: an expired certificate is refused with a human error instead of sent. */
  forSend?: boolean;
}

/** What providers and the sender need from the credential service. */
export interface CredentialResolver {
  /** By id or label; throws AppError NOT_FOUND / KEYCHAIN_UNAVAILABLE with a human message. */
  resolve(idOrLabel: string, options?: ResolveOptions): Promise<ResolvedCredential>;
}
