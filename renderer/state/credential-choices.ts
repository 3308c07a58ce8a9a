import { useEffect, useMemo, useState } from 'react';
import type { CredentialMeta } from '../../shared/domain/credential';
import type { Provider } from '../../shared/domain/exchange';
import { call } from '../bridge';

const KINDS: Record<Provider, readonly CredentialMeta['kind'][]> = {
  apns: ['apns-token', 'apns-certificate'],
  fcm: ['fcm-service-account'],
  wns: ['wns'],
  webpush: ['vapid'],
  nhub: ['nhub'],
};

/** The credentials a profile for this provider can use (metadata only), fetched when asked. */
export function useCredentialChoices(provider: Provider): CredentialMeta[] {
  const [all, setAll] = useState<CredentialMeta[]>([]);
  useEffect(() => {
    let live = true;
    void call('credentials.list', {}).then(
      (list) => live && setAll(list),
      () => live && setAll([]),
    );
    return () => {
      live = false;
    };
  }, []);
  return useMemo(() => all.filter((meta) => KINDS[provider].includes(meta.kind)), [all, provider]);
}
