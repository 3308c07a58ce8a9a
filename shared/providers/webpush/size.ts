import type { Provider } from '../../domain/exchange';
import { buildFcmMessage, fcmMessageSize, fcmSizeLimit } from '../fcm/build';
import { utf8Length } from '../../preflight/types';

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

export interface SizeReading {
  /** Bytes as they will go over the wire (after encryption for Web Push). */
  bytes: number;
  limit: number;
  /** What the limit is called, e.g. "APNs VoIP limit". */
  label: string;
}

/**
 * The size meter's reading: the payload as sent against the provider's limit for this send. It
 * counts exactly what preflight counts, so the meter and the size error never disagree: FCM's
 * compact message without the target, Web Push's encrypted body with padding, the text otherwise.
 */
export function payloadSize(
  provider: Provider,
  payload: string,
  options: Record<string, unknown>,
  target: string,
): SizeReading {
  const bytes = utf8Length(payload);
  switch (provider) {
    case 'apns':
      return options['pushType'] === 'voip'
        ? { bytes, limit: 5120, label: 'APNs VoIP limit' }
        : { bytes, limit: 4096, label: 'APNs limit' };
    case 'fcm':
      return fcmSize(payload, options, target);
    case 'wns':
      return { bytes, limit: 5000, label: 'WNS limit' };
    case 'webpush': {
      return {
        bytes: webpushEncryptedSize(payload, webpushPadding(options)),
        limit: 4096,
        label: 'Web Push limit (encrypted)',
      };
    }
    case 'nhub':
      return { bytes, limit: 4096, label: 'Notification Hubs limit' };
  }
}

function fcmSize(payload: string, options: Record<string, unknown>, target: string): SizeReading {
  const built = buildFcmMessage({ target, options: options as never, payload });
  if (built.ok) {
    const limit = fcmSizeLimit(built.target);
    const label = built.target.field === 'token' ? 'FCM limit' : 'FCM topic limit';
    return { bytes: fcmMessageSize(built.message), limit, label };
  }
  // Not buildable yet (bad JSON, no target): the compact text is the best estimate of what goes out.
  const topic =
    options['targetKind'] === 'topic' || options['targetKind'] === 'condition' || target.startsWith('/topics/');
  const bytes = utf8Length(compact(payload));
  return topic ? { bytes, limit: 2048, label: 'FCM topic limit' } : { bytes, limit: 4096, label: 'FCM limit' };
}

function compact(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}
