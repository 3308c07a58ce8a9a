import { createApnsProvider } from './apns';
import { createFcmProvider } from './fcm';
import { createNhubProvider } from './nhub';
import { createWebpushProvider } from './webpush';
import { createWnsProvider } from './wns';
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
