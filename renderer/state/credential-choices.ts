import { useEffect } from 'react';
import type { CredentialKind, CredentialMeta } from '../../shared/domain/credential';
import type { Provider } from '../../shared/domain/exchange';
import { useCredentials } from './credentials';

const KINDS_FOR: Record<Provider, readonly CredentialKind[]> = {
  apns: ['apns-token', 'apns-certificate'],
  fcm: ['fcm-service-account'],
  wns: ['wns'],
  webpush: ['vapid'],
  nhub: ['nhub'],
};

/** The credentials a provider can send with, loaded on first use. */
export function useCredentialChoices(provider: Provider): CredentialMeta[] {
  const items = useCredentials((state) => state.items);
  const loaded = useCredentials((state) => state.loaded);
  const load = useCredentials((state) => state.load);
  useEffect(() => {
    if (!loaded) void load();
  }, [loaded, load]);
  return items.filter((meta) => KINDS_FOR[provider].includes(meta.kind));
}
