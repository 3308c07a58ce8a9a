import { z } from 'zod';

/**
 * Broadcast channels (iOS 18, protocols.md §1.6): the facts both sides share. Channels live on
 * the channel management host of one environment; a broadcast goes to every Live Activity
 * subscribed to the channel.
 */

/** Apple's limit per environment ("Sending channel management requests to APNs"). */
export const APNS_CHANNEL_LIMIT = 10_000;

/** A broadcast body is larger than a device push's 4,096 bytes. */
export const APNS_BROADCAST_PAYLOAD_LIMIT = 5_120;

/** 0: no message stored (a broadcast must then carry `apns-expiration: 0`); 1: the most recent kept up to 8 hours. */
export const APNS_STORAGE_POLICIES = [0, 1] as const;
export const apnsStoragePolicySchema = z.union([z.literal(0), z.literal(1)]);
export type ApnsStoragePolicy = z.infer<typeof apnsStoragePolicySchema>;

export const STORAGE_POLICY_WORDS: Record<ApnsStoragePolicy, string> = {
  0: 'No message stored',
  1: 'Most recent message stored (up to 8 hours)',
};

/**
 * Apple says the id is base64 and not to assume its size. Standard alphabet with padding, or the
 * URL-safe one; nothing else.
 */
export const APNS_CHANNEL_ID_PATTERN = /^(?:[A-Za-z0-9+/]+={0,2}|[A-Za-z0-9_-]+={0,2})$/;

export function isChannelId(value: string): boolean {
  return value.length > 0 && value.length <= 512 && APNS_CHANNEL_ID_PATTERN.test(value);
}

export const apnsChannelSchema = z.object({
  channelId: z.string(),
  storagePolicy: apnsStoragePolicySchema,
  /** As the management API answers it: `LiveActivity`. */
  pushType: z.string(),
});
export type ApnsChannel = z.infer<typeof apnsChannelSchema>;
