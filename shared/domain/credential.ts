import { z } from 'zod';

export const credentialKindSchema = z.enum([
  'apns-token',
  'apns-certificate',
  'fcm-service-account',
  'wns',
  'vapid',
  'nhub',
]);
export type CredentialKind = z.infer<typeof credentialKindSchema>;

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
