import type { CredentialMeta } from '../../shared/domain/credential';
import type { Provider } from '../../shared/domain/exchange';

// Filled in once the credentials slice exists; until then profiles take an id or label typed in.
export function useCredentialChoices(_provider: Provider): CredentialMeta[] {
  return [];
}
