import { createApnsProvider } from './apns';
import { createFcmProvider } from './fcm';
import { createNhubProvider } from './nhub';
import { createWebpushProvider } from './webpush';
import { createWnsProvider } from './wns';
import type { CredentialKind } from '../../../shared/domain/credential';
import type { Provider } from '../../../shared/domain/exchange';
import { AppError } from '../../../shared/errors';
import type { ProviderModules } from './types';

/** One client per provider per Core, so token caches live as long as the app. */
export function createProviders(): ProviderModules {
  return {
    apns: createApnsProvider(),
    fcm: createFcmProvider(),
    wns: createWnsProvider(),
    webpush: createWebpushProvider(),
    nhub: createNhubProvider(),
  };
}

/** The provider that owns a credential kind: the one whose `credentialKinds` lists it. */
export function providerOf(providers: ProviderModules, kind: CredentialKind): Provider {
  const owner = Object.values(providers).find((provider) => provider.credentialKinds.includes(kind));
  if (!owner) throw new AppError('INTERNAL', `No provider sends with ${kind} credentials.`);
  return owner.id;
}
