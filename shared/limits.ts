import type { Provider } from './domain/exchange';
import { utf8Length } from './preflight/types';

/** aes128gcm adds a 86-byte header (salt, rs, idlen, 65-byte key), a delimiter byte and a 16-byte tag. */
export const WEBPUSH_OVERHEAD_BYTES = 86 + 1 + 16;

export interface SizeReading {
  /** Bytes as they will go over the wire (after encryption for Web Push). */
  bytes: number;
  limit: number;
  /** What the limit is called, e.g. "APNs VoIP limit". */
  label: string;
}

/** The size meter's reading: the payload as sent against the provider's limit for this send. */
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
    case 'fcm': {
      const topic =
        options['targetKind'] === 'topic' || options['targetKind'] === 'condition' || target.startsWith('/topics/');
      return topic ? { bytes, limit: 2048, label: 'FCM topic limit' } : { bytes, limit: 4096, label: 'FCM limit' };
    }
    case 'wns':
      return { bytes, limit: 5000, label: 'WNS limit' };
    case 'webpush':
      return {
        bytes: bytes === 0 ? 0 : bytes + WEBPUSH_OVERHEAD_BYTES,
        limit: 4096,
        label: 'Web Push limit (encrypted)',
      };
    case 'nhub':
      return { bytes, limit: 4096, label: 'Notification Hubs limit' };
  }
}
