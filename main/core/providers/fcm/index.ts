import { z } from 'zod';
import { diagnoseFcm } from '../../../../shared/providers/fcm/diagnose';
import { parseFcmServiceAccount } from '../../credentials/fcm-service-account';
import { preflightFcm } from '../../../../shared/providers/fcm/preflight';
import { fcmSpec } from '../../../../shared/providers/fcm/spec';
import type { PreflightIssue } from '../../../../shared/preflight/types';
import type { ProviderModule, ProviderPackage } from '../types';
import { sendFcm, testFcmCredential } from './client';
import { FcmTokenCache } from './token-cache';
import { checkFcmCredential } from './check';

/** FCM HTTP v1 with service-account OAuth; the token cache lives as long as this object. */
export function createFcmProvider(options: { now?: () => number } = {}): ProviderModule<'fcm'> & {
  readonly tokens: FcmTokenCache;
} {
  const tokens = new FcmTokenCache(options.now);
  return {
    id: 'fcm',
    credentialKinds: fcmSpec.credentialKinds,
    tokens,
    preflight(request, credential, context) {
      const issues: PreflightIssue[] = [];
      if (credential && credential.meta.kind !== 'fcm-service-account') {
        issues.push({
          severity: 'error',
          code: 'fcm.credential.kind',
          message: `"${credential.meta.label}" is a ${credential.meta.kind} credential; FCM needs a service account JSON`,
          path: 'credential',
        });
      }
      return [...issues, ...preflightFcm(request, context)];
    },
    send: (request, context) => sendFcm(request, context, tokens),
    testCredential: (credential, context) => testFcmCredential(credential, context, tokens),
  };
}

/** FCM in the core: the client, its credential parsers, and its emulator's published endpoints. */
export const fcmPackage = {
  create: () => createFcmProvider(),
  credentials: {
    'fcm-service-account': { parse: parseFcmServiceAccount, stdinSecret: null },
  },
  diagnose: diagnoseFcm,
  check: checkFcmCredential,
  exampleTarget: 'fCm1aBcDeFgHiJkLmNoPqR:APA91bHPRgkF3JUikC4ENAHEeMrd41Zxv3hVZjC9KtT8OvPVGJ',
  localEndpoints: z.object({ baseUrl: z.string(), tokenUri: z.string() }),
} as const satisfies ProviderPackage<'fcm'>;
