import { preflightApns } from '../../../../shared/preflight/apns';
import type { ProviderModule } from '../types';
import { sendApns, testApnsCredential } from './client';
import { ApnsJwtCache } from './jwt';
import { ApnsRequestBuilder } from './request';

/** APNs provider API over HTTP/2 with .p8 token auth or certificate auth; JWTs cached per credential. */
export function createApnsProvider(options: { now?: () => number } = {}): ProviderModule<'apns'> & {
  readonly jwts: ApnsJwtCache;
} {
  const jwts = new ApnsJwtCache(options.now);
  const requests = new ApnsRequestBuilder();
  return {
    id: 'apns',
    credentialKinds: ['apns-token', 'apns-certificate'],
    jwts,
    preflight: (request, credential) => preflightApns(request, credential?.meta ?? null),
    send: (request, context) => sendApns(request, context, jwts, requests),
    testCredential: (credential) => Promise.resolve(testApnsCredential(credential, jwts)),
  };
}
