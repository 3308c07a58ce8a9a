import { useEffect } from 'react';
import type { CredentialMeta } from '../../shared/domain/credential';
import type { Provider } from '../../shared/domain/exchange';
import { providerSpec } from '../../shared/providers';
import { useCredentials } from './credentials';

/** The credentials a provider can send with, loaded on first use. */
export function useCredentialChoices(provider: Provider): CredentialMeta[] {
  const items = useCredentials((state) => state.items);
  const loaded = useCredentials((state) => state.loaded);
  const load = useCredentials((state) => state.load);
  useEffect(() => {
    if (!loaded) void load();
  }, [loaded, load]);
  return items.filter((meta) => providerSpec(provider).credentialKinds.includes(meta.kind));
}
