import { z } from 'zod';
import { parseApnsP8 } from '../../credentials/apns-p8';
import { parseApnsCertificate } from '../../credentials/apns-p12';
import { preflightApns } from '../../../../shared/providers/apns/preflight';
import { broadcastIssues } from '../../../../shared/providers/apns/broadcast';
import { diagnoseApns } from '../../../../shared/providers/apns/diagnose';
import { apnsSpec } from '../../../../shared/providers/apns/spec';
import type { ProviderModule, ProviderPackage } from '../types';
import { sendApns } from './client';
import { checkApnsCredential } from './check';
import { testApnsCredential } from './credential-test';
import { ApnsJwtCache } from './jwt';
import { ApnsRequestBuilder } from './request';

/** APNs provider API over HTTP/2 with .p8 token auth or certificate auth; JWTs cached per credential. */
export function createApnsProvider(options: { now?: () => number } = {}): ProviderModule<'apns'> & {
  readonly jwts: ApnsJwtCache;
} {
  const now = options.now ?? (() => Date.now());
  const jwts = new ApnsJwtCache(now);
  const requests = new ApnsRequestBuilder();
  return {
    id: 'apns',
    credentialKinds: apnsSpec.credentialKinds,
    jwts,
    preflight: (request, credential, context) =>
      broadcastIssues(request, preflightApns(request, credential?.meta ?? null, context)),
    send: (request, context) => sendApns(request, context, jwts, requests),
    testCredential: async (credential) => testApnsCredential(credential, now()),
  };
}

/** APNs in the core: the client, its credential parsers, and its emulator's published endpoints. */
export const apnsPackage = {
  create: () => createApnsProvider(),
  credentials: {
    'apns-token': { parse: parseApnsP8, stdinSecret: null },
    'apns-certificate': { parse: parseApnsCertificate, stdinSecret: null },
  },
  exampleTarget: 'ab'.repeat(32),
  diagnose: diagnoseApns,
  check: checkApnsCredential,
  localEndpoints: z.string(),
} as const satisfies ProviderPackage<'apns'>;
