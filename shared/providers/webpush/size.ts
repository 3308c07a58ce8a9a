import type { SizeReading } from '../spec';
import { utf8Length } from '../../text';

/** RFC 8030 §7.2: a push service must accept bodies up to 4096 bytes. */
export const WEBPUSH_MAX_BODY_BYTES = 4096;

/** aes128gcm adds a 86-byte header (salt, rs, idlen, 65-byte key), a delimiter byte and a 16-byte tag. */
export const WEBPUSH_OVERHEAD_BYTES = 86 + 1 + 16;

/** The encrypted body size for a payload: header, delimiter and tag on top; empty stays empty. */
export function webpushEncryptedSize(payload: string, padding = 0): number {
  const bytes = utf8Length(payload);
  return bytes === 0 && padding === 0 ? 0 : bytes + padding + WEBPUSH_OVERHEAD_BYTES;
}

/** Padding bytes the send will add (an invalid value is preflight's error, and counts as none). */
export function webpushPadding(options: Record<string, unknown>): number {
  const padding = options['padding'];
  return typeof padding === 'number' && padding > 0 ? padding : 0;
}

/** The size meter's reading: the encrypted body with padding, as preflight counts it. */
export function webpushPayloadSize(payload: string, options: Record<string, unknown>): SizeReading {
  return {
    bytes: webpushEncryptedSize(payload, webpushPadding(options)),
    limit: WEBPUSH_MAX_BODY_BYTES,
    label: 'Web Push limit (encrypted)',
  };
}
