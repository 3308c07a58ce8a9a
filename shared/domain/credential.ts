import { z } from 'zod';
import { CREDENTIAL_KINDS, type CredentialKind } from '../providers/ids';

/** Every provider's kinds, from `shared/providers/ids.ts`: a kind is declared once, by its provider. */
export const credentialKindSchema = z.enum(CREDENTIAL_KINDS);
export type { CredentialKind };

/** What the renderer and the workspace may know about a credential: never secret material. */
export const credentialMetaSchema = z.object({
  id: z.string(),
  kind: credentialKindSchema,
  label: z.string(),
  createdAt: z.string(),
  /** Non-secret facts: key id, team id, subject, topics, environment, expiry, project id, public key… */
  metadata: z.record(z.string(), z.unknown()),
  warnings: z.array(z.string()).default([]),
});
export type CredentialMeta = z.infer<typeof credentialMetaSchema>;

/**
 * The fields an import (or a secret replacement) may carry. Secret ones (passphrase, client
 * secret, private key, connection string, file bytes) travel into main only and are never echoed.
 */
export const credentialFieldsSchema = z
  .object({
    /** The chosen file's bytes as base64: .p8, .p12/.pfx, PEM, service-account JSON. */
    fileBase64: z.string().max(2_000_000).optional(),
    fileName: z.string().max(260).optional(),
    /** The private key PEM next to a PEM certificate. */
    keyFileBase64: z.string().max(2_000_000).optional(),
    keyId: z.string().max(100).optional(),
    teamId: z.string().max(100).optional(),
    passphrase: z.string().max(1000).optional(),
    packageSid: z.string().max(300).optional(),
    tenantId: z.string().max(300).optional(),
    clientId: z.string().max(300).optional(),
    clientSecret: z.string().max(2000).optional(),
    publicKey: z.string().max(2000).optional(),
    privateKey: z.string().max(10_000).optional(),
    subject: z.string().max(500).optional(),
    connectionString: z.string().max(2000).optional(),
    hubName: z.string().max(300).optional(),
  })
  .strict();
export type CredentialFields = z.infer<typeof credentialFieldsSchema>;

export const credentialImportSchema = credentialFieldsSchema
  .extend({ kind: credentialKindSchema, label: z.string().max(120).optional() })
  .strict();
export type CredentialImport = z.infer<typeof credentialImportSchema>;
