import type { CredentialFinding } from '../../../shared/domain/credential-check';
import type { Profile } from '../../../shared/domain/profile';
import type { ResolvedCredential } from '../credentials/types';
import type { LocalEnvironment } from '../local/local-env';
import type { Transport } from '../transport/types';

/** What a provider's credential check gets: where its profiles send, and the transport to ask there. */
export interface CheckContext {
  transport: Transport;
  /** Endpoints and CA of the local emulators; set exactly when `environment` is `local`. */
  local: LocalEnvironment | null;
  environment: 'live' | 'local';
  /** The profiles that send with this credential. */
  profiles: readonly Profile[];
  now: number;
}

/**
 * A provider's credential check (`main/core/providers/<p>/check.ts`): findings from the key, the
 * certificate and, where a harmless call can tell, the service's answer. Findings carry facts
 * (ids, names, dates, the service's error words), never secret material.
 */
export type CredentialChecker = (credential: ResolvedCredential, context: CheckContext) => Promise<CredentialFinding[]>;

export const ok = (title: string, fact: string): CredentialFinding => ({ severity: 'ok', title, fact, todo: '' });
export const warning = (title: string, fact: string, todo = ''): CredentialFinding => ({
  severity: 'warning',
  title,
  fact,
  todo,
});
export const problem = (title: string, fact: string, todo = ''): CredentialFinding => ({
  severity: 'problem',
  title,
  fact,
  todo,
});

/** An error's first line, short, for a finding's fact (AppErrors are sentences already). */
export function errorFact(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.slice(0, 300);
}
