import { APNS_REASONS, type ApnsReason } from './reasons';

const r = (status: number, explanation: string, hint: string, retryable = false): ApnsReason => ({
  status,
  explanation,
  hint,
  retryable,
});

/**
 * The reasons of broadcast sends and channel management (protocols.md §1.6, Apple's "Handling
 * error responses from APNs"). Where a name is shared with device pushes, the words here say what
 * it means for a channel; the rest fall back to `APNS_REASONS`.
 */
const CHANNEL_REASONS: Record<string, ApnsReason> = {
  FeatureNotEnabled: r(
    400,
    'Broadcast push is not enabled for this app.',
    'Turn on the Broadcast capability for the app id in the developer portal (Certificates, Identifiers & Profiles → Push Notifications), then try again.',
  ),
  MissingChannelId: r(
    400,
    'The request had no apns-channel-id header.',
    'Give the channel id to read, delete or broadcast to.',
  ),
  BadChannelId: r(
    400,
    'The apns-channel-id is not a valid channel id.',
    'Copy the base64 id exactly as APNs returned it when the channel was created.',
  ),
  ChannelNotRegistered: r(
    400,
    'There is no such channel for this app in this environment (it was deleted, or belongs to the other environment or app).',
    'List the channels of this app and environment; channels cannot be shared between sandbox and production.',
  ),
  BadRequestParams: r(
    400,
    'The request body has a field APNs does not accept.',
    'Create channels with only "message-storage-policy" (0 or 1) and "push-type": "LiveActivity".',
  ),
  BadRequestPayload: r(
    400,
    'The request body is not the JSON the channel call expects.',
    'Send {"message-storage-policy": 0 or 1, "push-type": "LiveActivity"}.',
  ),
  PayloadEmpty: r(
    400,
    'The body was empty.',
    'Send the channel settings, or the Live Activity payload for a broadcast.',
  ),
  BadMessageId: r(
    400,
    'The apns-request-id is not a canonical UUID.',
    'Leave the request id empty to let APNs make one, or use 8-4-4-4-12 lower-case hex.',
  ),
  MissingPushType: r(
    400,
    'No push type was given.',
    'Broadcasts and channels are for Live Activities: apns-push-type liveactivity.',
  ),
  InvalidPushType: r(
    400,
    'The push type is not LiveActivity, the only one channels carry.',
    'Use "push-type": "LiveActivity" for the channel and apns-push-type liveactivity for the broadcast.',
  ),
  CannotCreateChannelConfig: r(
    400,
    'The app already has the most channels APNs allows in this environment (10,000).',
    'Delete channels you no longer use, then create the new one.',
  ),
  BadExpirationDate: r(
    400,
    'The apns-expiration is not allowed for this channel: a channel that stores no message takes only 0.',
    'Send with expiration 0, or create the channel with storage policy 1 (most recent message stored).',
  ),
  TopicDisallowed: r(
    400,
    'A broadcast must not carry apns-topic: the app is named in the path.',
    'Send without a topic header; the bundle id goes in /4/broadcasts/apps/<bundle id>, without a push-type suffix.',
  ),
  BadPriority: r(400, 'The apns-priority is not 10, 5 or 1.', 'Use 10 (immediate), 5 or 1.'),
  TopicMismatch: r(
    403,
    'The key or certificate does not cover this bundle id.',
    'Use the credential of the app that owns the channel, or a team key that covers every app of the team.',
  ),
  BadPath: r(
    404,
    'The path is not a channel management or broadcast path.',
    'Channels are /1/apps/<bundle id>/channels and /all-channels; broadcasts /4/broadcasts/apps/<bundle id>.',
  ),
  MethodNotAllowed: r(
    405,
    'This method is not allowed on this path.',
    'Create with POST, read with GET, delete with DELETE.',
  ),
  PayloadTooLarge: r(413, 'The broadcast payload is over 5,120 bytes.', 'Shorten the payload.'),
  TooManyRequests: r(
    429,
    'Too many requests were sent for this channel or app in a row.',
    'Wait before trying again.',
    true,
  ),
  // Apple's table spells it with a space; answer either the same way.
  'Service Unavailable': r(503, 'APNs is unavailable.', 'Retry later with back-off.', true),
};

export const APNS_CHANNEL_REASONS: Record<string, ApnsReason> = { ...APNS_REASONS, ...CHANNEL_REASONS };
