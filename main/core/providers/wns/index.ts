import { z } from 'zod';
import { diagnoseWns } from '../../../../shared/providers/wns/diagnose';
import { parseWns } from '../../credentials/wns';
import { preflightWns } from '../../../../shared/providers/wns/preflight';
import { wnsSpec } from '../../../../shared/providers/wns/spec';
import type { PreflightIssue } from '../../../../shared/preflight/types';
import type { ProviderModule, ProviderPackage } from '../types';
import { sendWns, testWnsCredential } from './client';
import { WnsTokenCache } from './token';
import { checkWnsCredential } from './check';

/** The WNS client; its access-token cache lives as long as the provider (one per Core). */
export function createWnsProvider(options: { now?: () => number } = {}): ProviderModule<'wns'> & {
  readonly tokens: WnsTokenCache;
} {
  const tokens = new WnsTokenCache(options.now);
  return {
    id: 'wns',
    credentialKinds: wnsSpec.credentialKinds,
    tokens,
    preflight(request, credential) {
      const issues: PreflightIssue[] = preflightWns(request);
      if (credential && credential.secret.kind !== 'wns') {
        issues.unshift({
          severity: 'error',
          code: 'wns.credential.kind',
          message: `"${credential.meta.label}" is a ${credential.meta.kind} credential; WNS needs a WNS credential.`,
          path: 'credential',
        });
      }
      return issues;
    },
    send: (request, context) => sendWns(request, context, tokens),
    testCredential: (credential, context) => testWnsCredential(credential, context, tokens),
    async close() {
      tokens.clear();
    },
  };
}

/** WNS in the core: the client, its credential parsers, and its emulator's published endpoints. */
export const wnsPackage = {
  create: () => createWnsProvider(),
  credentials: {
    wns: { parse: parseWns, stdinSecret: 'clientSecret' },
  },
  diagnose: diagnoseWns,
  check: checkWnsCredential,
  exampleTarget: 'https://db5p.notify.windows.com/w/?token=BQYAAA',
  localEndpoints: z.object({ baseUrl: z.string(), tokenUrl: z.string() }),
} as const satisfies ProviderPackage<'wns'>;
