/**
 * What a Web Push send records about itself on the exchange (`meta.notes`), so the Encryption
 * view can show each RFC 8291 step with its values. Only public values and sizes: the
 * ephemeral private key, the ECDH secret and the derived keys never leave the encrypting code.
 */
export interface WebpushEncryptionNote {
  contentEncoding: 'aes128gcm';
  /** base64url of the 16-byte random salt (also the first 16 bytes of the body). */
  salt: string;
  /** base64url of the ephemeral ("application server") public key: the body header's keyid. */
  serverPublicKey: string;
  /** base64url of the browser's p256dh the message was encrypted to. */
  userAgentPublicKey: string;
  /** Sizes in bytes of the derived values; the values themselves are secret. */
  sizes: { ecdhSecret: number; authSecret: number; ikm: number; prk: number; cek: number; nonce: number };
  recordSize: number;
  /** Zero bytes after the 0x02 delimiter. */
  paddingBytes: number;
  delimiter: number;
  headerBytes: number;
  tagBytes: number;
  plaintextBytes: number;
  ciphertextBytes: number;
  /** The steps in order, each a formula and what came out (sizes, not secrets). */
  steps: Array<{ name: string; formula: string; result: string }>;
}

export interface WebpushVapidNote {
  header: { typ: string; alg: string };
  claims: { aud: string; exp: number; sub?: string };
  /** ISO time the JWT expires and how long it was valid for when made. */
  expiresAt: string;
  lifetimeSeconds: number;
  /** base64url public key sent as `k=`. */
  publicKey: string;
  /** Whether this JWT came from the cache rather than being signed for this send. */
  reused: boolean;
}

export interface WebpushNotes {
  encryption: WebpushEncryptionNote | null;
  vapid: WebpushVapidNote;
  pushService: string;
}
