import { z } from 'zod';
import { apnsSendSchema } from '../providers/apns/message';
import { fcmSendSchema } from '../providers/fcm/message';
import { wnsSendSchema } from '../providers/wns/message';
import { webpushSendSchema } from '../providers/webpush/message';
import { nhubSendSchema } from '../providers/nhub/message';

/** One send, for any provider: what the composer, the CLI and bulk sends hand to main. */
export const sendRequestSchema = z.discriminatedUnion('provider', [
  apnsSendSchema,
  fcmSendSchema,
  wnsSendSchema,
  webpushSendSchema,
  nhubSendSchema,
]);
export type SendRequest = z.infer<typeof sendRequestSchema>;
export type SendRequestOf<P extends SendRequest['provider']> = Extract<SendRequest, { provider: P }>;
