import { z } from 'zod';
import { apnsChannelSchema, apnsStoragePolicySchema, APNS_CHANNEL_LIMIT } from '../providers/apns/channels';
import { call } from './call';

/**
 * An APNs credential's broadcast channels, managed on the channel management host of one
 * environment. The renderer names the credential by id; the key or certificate stays in main.
 */
const credentialId = z.string().min(1).max(200);
/** Unset: where the credential's profiles send (local when all are local, else their APNs environment, else sandbox). */
const environment = z.enum(['sandbox', 'production', 'local']).optional();
/** The app the channels belong to; unset: the credential's bundle id, else its profiles' topic. */
const bundleId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9.\-_]+$/, 'a bundle id like com.example.app')
  .max(200)
  .optional();
const channelId = z.string().trim().min(1).max(512);
const where = z.object({
  environment: z.enum(['sandbox', 'production', 'local']),
  bundleId: z.string(),
});

export const apnsChannelsCalls = {
  'apns.channels.list': call(
    z.object({ credentialId, environment, bundleId }).strict(),
    where.extend({
      channels: z.array(z.string()),
      /** Apple's limit per environment, for the count shown beside the list. */
      limit: z.literal(APNS_CHANNEL_LIMIT),
    }),
    'Every channel id of the app in one environment (GET /1/apps/<bundle>/all-channels).',
  ),
  'apns.channels.create': call(
    z.object({ credentialId, environment, bundleId, storagePolicy: apnsStoragePolicySchema }).strict(),
    where.extend({ channel: apnsChannelSchema, requestId: z.string().nullable() }),
    'Create a Live Activity channel with a message storage policy (POST /1/apps/<bundle>/channels).',
  ),
  'apns.channels.get': call(
    z.object({ credentialId, environment, bundleId, channelId }).strict(),
    where.extend({ channel: apnsChannelSchema }),
    "One channel's storage policy and push type.",
  ),
  'apns.channels.delete': call(
    z.object({ credentialId, environment, bundleId, channelId }).strict(),
    where.extend({ done: z.literal(true) }),
    'Delete a channel; broadcasts to it fail from then on.',
  ),
} as const;
