import { z } from 'zod';
import { diagnoseNhub } from '../../../../shared/providers/nhub/diagnose';
import { parseNhub } from '../../credentials/nhub-connection-string';
import { AppError } from '../../../../shared/errors';
import { nhubSpec } from '../../../../shared/providers/nhub/spec';
import { preflightNhub } from '../../../../shared/providers/nhub/preflight';
import type { ProviderModule, ProviderPackage } from '../types';
import { requireNhub, sendNhub } from './client';
import { SasTokenCache } from './sas';
import { checkNhubCredential, PROBE_TAG } from './check';

/** A tag no registration carries: a test send to it proves the SAS token without notifying anyone. */
export const CREDENTIAL_PROBE_TAG = PROBE_TAG;

/** Azure Notification Hubs over REST with SAS; the token cache lives as long as the provider. */
export function createNhubProvider(options: { now?: () => number } = {}): ProviderModule<'nhub'> {
  const cache = new SasTokenCache(options.now);
  return {
    id: 'nhub',
    credentialKinds: nhubSpec.credentialKinds,
    preflight: (request) => preflightNhub(request),
    send: (request, context) => sendNhub(request, context, cache),
    async testCredential(credential, context) {
      const secret = requireNhub(credential);
      const sas = cache.get(`${credential.meta.id}#test`, secret);
      const summary = `SAS token signed for ${decodeURIComponent(sas.resource)} with key "${secret.keyName}"`;
      // Live has no call that checks a key without sending, so the summary says so.
      if (!context.local) {
        const until = new Date(sas.expiresAt * 1000).toISOString();
        return `${summary}, valid until ${until}. Whether the key is right shows on the first send.`;
      }
      // Locally the emulator can check it for real: a test send to a tag nobody has.
      const result = await sendNhub(
        {
          provider: 'nhub',
          credential: credential.meta.id,
          environment: 'local',
          target: CREDENTIAL_PROBE_TAG,
          options: { format: 'template', targetKind: 'tags', test: true, headers: {}, apiVersion: '2020-06' },
          payload: '{}',
        },
        context,
        cache,
        { hubSample: false },
      );
      if (result.outcome !== 'accepted') {
        throw new AppError(
          'CREDENTIAL_INVALID',
          `The emulator refused the SAS token: ${result.reason ?? result.status ?? 'no answer'}. ${result.explanation ?? ''}`.trim(),
          result.hint ?? undefined,
        );
      }
      return `${summary}; the local hub accepted it.`;
    },
    async close() {
      cache.clear();
    },
  };
}

/** Notification Hubs in the core: the client, its credential parsers, and its emulator's published endpoints. */
export const nhubPackage = {
  create: () => createNhubProvider(),
  credentials: {
    nhub: { parse: parseNhub, stdinSecret: 'connectionString' },
  },
  diagnose: diagnoseNhub,
  check: checkNhubCredential,
  exampleTarget: 'sports',
  localEndpoints: z.object({ baseUrl: z.string() }),
} as const satisfies ProviderPackage<'nhub'>;
