import type { Provider } from '../../../shared/domain/exchange';
import { apnsPayloadJsonSchema } from '../../../shared/providers/apns/payload-schema';
import { fcmMessageJsonSchema } from '../../../shared/providers/fcm/message-schema';
import { webpushNotificationJsonSchema } from '../../../shared/providers/webpush/payload-schema';

/** The payload's JSON Schema for Monaco (validation, hovers, completion), when there is one. */
export function payloadJsonSchema(provider: Provider, options: Record<string, unknown>): object | undefined {
  if (provider === 'apns') return apnsPayloadJsonSchema;
  if (provider === 'fcm') return fcmMessageJsonSchema;
  if (provider === 'webpush') return webpushNotificationJsonSchema;
  if (provider === 'nhub') {
    if (options['format'] === 'apple') return apnsPayloadJsonSchema;
    if (options['format'] === 'browser') return webpushNotificationJsonSchema;
  }
  return undefined;
}
