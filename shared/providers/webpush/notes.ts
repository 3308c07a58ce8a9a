import { z } from 'zod';

/**
 * What a Web Push send records about itself on the exchange (`meta.notes`), so the Encryption
 * view can show each RFC 8291 step with its values. Only public values and sizes: the
 * ephemeral private key, the ECDH secret and the derived keys never leave the encrypting code.
 */
export const webpushEncryptionNoteSchema = z.object({
  contentEncoding: z.literal('aes128gcm'),
  /** base64url of the 16-byte random salt (also the first 16 bytes of the body). */
  salt: z.string(),
  /** base64url of the ephemeral ("application server") public key: the body header's keyid. */
  serverPublicKey: z.string(),
  /** base64url of the browser's p256dh the message was encrypted to. */
  userAgentPublicKey: z.string(),
  /** Sizes in bytes of the derived values; the values themselves are secret. */
  sizes: z.object({
    ecdhSecret: z.number(),
    authSecret: z.number(),
    ikm: z.number(),
    prk: z.number(),
    cek: z.number(),
    nonce: z.number(),
  }),
  recordSize: z.number(),
  /** Zero bytes after the 0x02 delimiter. */
  paddingBytes: z.number(),
  delimiter: z.number(),
  headerBytes: z.number(),
  tagBytes: z.number(),
  plaintextBytes: z.number(),
  ciphertextBytes: z.number(),
  /** The steps in order, each a formula and what came out (sizes, not secrets). */
  steps: z.array(z.object({ name: z.string(), formula: z.string(), result: z.string() })),
});
export type WebpushEncryptionNote = z.infer<typeof webpushEncryptionNoteSchema>;

export const webpushVapidNoteSchema = z.object({
  header: z.object({ typ: z.string(), alg: z.string() }),
  claims: z.object({ aud: z.string(), exp: z.number(), sub: z.string().optional() }),
  /** ISO time the JWT expires and how long it was valid for when made. */
  expiresAt: z.string(),
  lifetimeSeconds: z.number(),
  /** base64url public key sent as `k=`. */
  publicKey: z.string(),
  /** Whether this JWT came from the cache rather than being signed for this send. */
  reused: z.boolean(),
});
export type WebpushVapidNote = z.infer<typeof webpushVapidNoteSchema>;

export const webpushNotesSchema = z.object({
  encryption: webpushEncryptionNoteSchema.nullable(),
  vapid: webpushVapidNoteSchema,
  pushService: z.string(),
});
export type WebpushNotes = z.infer<typeof webpushNotesSchema>;

/** The Web Push notes of an exchange, or null when it has none (another provider, an auth call). */
export function readWebpushNotes(notes: unknown): WebpushNotes | null {
  const parsed = webpushNotesSchema.safeParse(notes);
  return parsed.success ? parsed.data : null;
}
