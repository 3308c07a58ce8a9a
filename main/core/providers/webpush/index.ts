import { z } from 'zod';
import { diagnoseWebpush } from '../../../../shared/providers/webpush/diagnose';
import { parseVapid } from '../../credentials/vapid';
import { preflightWebpush } from '../../../../shared/providers/webpush/preflight';
import { webpushSpec } from '../../../../shared/providers/webpush/spec';
import type { ProviderModule, ProviderPackage } from '../types';
import { requireVapid, sendWebpush } from './client';
import { decodeJwt, verifyEs256, vapidPublicKeyObject } from './vapid';
import { VapidTokenCache } from './vapid-cache';
import { checkVapidCredential } from './check';
import { AppError } from '../../../../shared/errors';

/** Web Push (RFC 8030/8291/8292) with VAPID; the JWT cache lives as long as the provider. */
export function createWebpushProvider(options: { now?: () => number } = {}): ProviderModule<'webpush'> {
  const cache = new VapidTokenCache(options.now);
  return {
    id: 'webpush',
    credentialKinds: webpushSpec.credentialKinds,
    preflight(request, credential) {
      const subject = credential?.secret.kind === 'vapid' ? credential.secret.subject : undefined;
      return preflightWebpush(request, credential ? { subject } : null);
    },
    send: (request, context) => sendWebpush(request, context, cache),
    async testCredential(credential) {
      const secret = requireVapid(credential);
      const audience = 'https://push-console.test';
      const token = cache.get(`${credential.meta.id}#test`, secret, audience, 300);
      const decoded = decodeJwt(token.token);
      const publicKey = vapidPublicKeyObject(Buffer.from(secret.publicKey, 'base64url'));
      if (!decoded || !verifyEs256(decoded, publicKey)) {
        throw new AppError(
          'CREDENTIAL_INVALID',
          'A VAPID JWT signed with this key pair did not verify with its public key.',
        );
      }
      const subject = secret.subject ? `sub ${secret.subject}` : 'no subject';
      return `VAPID key pair works: signed an ES256 JWT and verified it with k=${secret.publicKey.slice(0, 12)}… (${subject}).`;
    },
    async close() {
      cache.clear();
    },
  };
}

/** Web Push in the core: the client, its credential parsers, and its emulator's published endpoints. */
export const webpushPackage = {
  create: () => createWebpushProvider(),
  credentials: {
    vapid: { parse: parseVapid, stdinSecret: 'privateKey' },
  },
  diagnose: diagnoseWebpush,
  check: checkVapidCredential,
  exampleTarget: JSON.stringify({
    endpoint: 'https://fcm.googleapis.com/wp/abc123',
    keys: {
      p256dh: 'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4',
      auth: 'BTBZMqHH6r4Tts7J_aSIgg',
    },
  }),
  localEndpoints: z.object({ baseUrl: z.string() }),
} as const satisfies ProviderPackage<'webpush'>;
