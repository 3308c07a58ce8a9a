import { z } from 'zod';
import { credentialCheckSchema } from '../domain/credential-check';
import { credentialFieldsSchema, credentialImportSchema, credentialMetaSchema } from '../domain/credential';
import { call, empty } from './call';

/** Credentials: secrets go in, only CredentialMeta comes out. */
export const credentialsCalls = {
  'credentials.list': call(
    empty,
    // Whether the secret is still there, never the secret: one keychain look-up per credential in main.
    z.array(credentialMetaSchema.extend({ secretMissing: z.boolean() })),
    'Every credential’s metadata (never secrets), and whether its secret is missing from the store.',
  ),
  'credentials.import': call(
    credentialImportSchema,
    credentialMetaSchema,
    'Parse a credential, store its secret in the keychain, and keep its metadata in the workspace.',
  ),
  'credentials.rename': call(
    z.object({ id: z.string(), label: z.string().max(120) }).strict(),
    credentialMetaSchema,
    'Give a credential another label.',
  ),
  'credentials.replaceSecret': call(
    credentialFieldsSchema.extend({ id: z.string() }).strict(),
    credentialMetaSchema,
    'Load a new secret (e.g. a renewed certificate) into an existing credential of the same kind.',
  ),
  'credentials.remove': call(
    z.object({ id: z.string() }).strict(),
    z.object({ removed: z.literal(true) }),
    'Delete a credential and its keychain entry.',
  ),
  'credentials.test': call(
    z.object({ id: z.string(), environment: z.enum(['live', 'local']).optional() }).strict(),
    z.object({ ok: z.boolean(), message: z.string() }),
    'Prove a credential works: JWT built, TLS identity loads, SAS built, VAPID signs, OAuth token obtained.',
  ),
  'credentials.check': call(
    z.object({ id: z.string() }).strict(),
    credentialCheckSchema,
    'Check a credential beyond Test: findings (ok, warning, problem), each with the fact it rests on and what to do.',
  ),
  'credentials.generateVapid': call(
    z.object({ subject: z.string().max(500), label: z.string().max(120).optional() }).strict(),
    credentialMetaSchema,
    'Make a new VAPID key pair in main and store it; the public key is in the metadata.',
  ),
} as const;
