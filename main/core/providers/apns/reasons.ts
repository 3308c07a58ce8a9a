/** What an APNs reason means and what to do about it (protocols.md §1.5). */
export interface ApnsReason {
  status: number;
  explanation: string;
  hint: string;
  retryable: boolean;
}

const r = (status: number, explanation: string, hint: string, retryable = false): ApnsReason => ({
  status,
  explanation,
  hint,
  retryable,
});

const KEY_ENVIRONMENT = r(
  403,
  'The signing key is not valid for this environment (a Sandbox-only key sent to production, or the reverse).',
  'Use a key enabled for this environment in the developer portal, or switch between sandbox and production.',
);

/**
 * BadDeviceToken from the local emulator: it knows only tokens registered through its admin API,
 * so "the other environment" would send people the wrong way.
 */
export const LOCAL_BAD_DEVICE_TOKEN: ApnsReason = r(
  400,
  'This token is not registered with the local emulator: add it on the Emulators screen.',
  'Add emulated devices there, or register your imported local devices with the emulator (Emulators → APNs).',
);

/** Every status/reason APNs documents for /3/device, plus the wire spelling of the key-environment one. */
export const APNS_REASONS: Record<string, ApnsReason> = {
  BadCollapseId: r(
    400,
    'The apns-collapse-id is longer than 64 bytes.',
    'Shorten the collapse id to 64 bytes or less.',
  ),
  BadDeviceToken: r(
    400,
    'This token belongs to the other environment, or is malformed.',
    'Sandbox (development builds) and production (TestFlight/App Store) tokens differ: switch environment, or copy the token again.',
  ),
  BadExpirationDate: r(
    400,
    'The apns-expiration value is not a valid UNIX time.',
    'Use whole seconds since 1970, or 0 for one attempt.',
  ),
  BadMessageId: r(
    400,
    'The apns-id is not a canonical lower-case UUID.',
    'Leave apns-id empty to let one be generated, or use 8-4-4-4-12 lower-case hex.',
  ),
  BadPriority: r(
    400,
    'The apns-priority is not 10, 5 or 1 (or not allowed for this push type).',
    'Use 10, 5 or 1; background pushes must use 5.',
  ),
  BadTopic: r(
    400,
    'The apns-topic is not valid.',
    'Use the app’s bundle id with the push type’s suffix (.voip, .push-type.liveactivity…).',
  ),
  DeviceTokenNotForTopic: r(
    400,
    'The device token belongs to a different app (topic) than apns-topic.',
    'Check the bundle id: the token was issued to another app, or the push-type suffix is wrong.',
  ),
  DuplicateHeaders: r(400, 'A header was sent more than once.', 'Send each apns-* header once.'),
  IdleTimeout: r(400, 'The connection was idle too long.', 'Send again; the client opens a new connection.', true),
  InvalidPushType: r(
    400,
    'apns-push-type is not one APNs knows.',
    'Use alert, background, voip, liveactivity, complication, fileprovider, location, mdm, pushtotalk, widgets or controls.',
  ),
  MissingDeviceToken: r(400, 'The request path has no device token.', 'Enter the device token.'),
  MissingTopic: r(
    400,
    'No apns-topic was sent and the certificate has several topics (or token auth is used).',
    'Enter the topic (bundle id).',
  ),
  PayloadEmpty: r(400, 'The body was empty.', 'Send a JSON object with an "aps" dictionary.'),
  TopicDisallowed: r(
    400,
    'Pushing to this topic is not allowed for this key or certificate.',
    'Check the topic; a topic-specific key or certificate only covers its own topics.',
  ),
  BadCertificate: r(
    403,
    'The client certificate is not valid.',
    'Import a current Apple Push Services certificate with its private key.',
  ),
  BadCertificateEnvironment: r(
    403,
    'The certificate is for the other environment.',
    'Use a Sandbox & Production certificate, or switch environment to the one the certificate was made for.',
  ),
  ExpiredProviderToken: r(
    403,
    'The provider token (JWT) is more than an hour old, or the computer’s clock is wrong.',
    'A new token is signed on the next send; check the system clock if this repeats.',
    true,
  ),
  Forbidden: r(403, 'The action is not allowed.', 'Check the key’s or certificate’s permissions for this app.'),
  InvalidProviderToken: r(
    403,
    'The provider token is not valid: wrong key id, team id, or signature.',
    'Check the Key ID and Team ID of the .p8 key, and that the key was not revoked.',
  ),
  MissingProviderToken: r(
    403,
    'No certificate and no authorization header were sent.',
    'Choose a .p8 key or a push certificate credential.',
  ),
  UnrelatedKeyIdInToken: r(
    403,
    'The key is unrelated to the key used for this connection’s first push.',
    'Open a new connection for a different key (the app keeps one connection per credential).',
  ),
  BadEnvironmentKeyIdInToken: KEY_ENVIRONMENT,
  BadEnvironmentKeyInToken: KEY_ENVIRONMENT,
  BadPath: r(404, 'The request path is not /3/device/<token>.', 'Check the device token for stray characters.'),
  MethodNotAllowed: r(405, 'Only POST is allowed.', 'Send with POST.'),
  ExpiredToken: r(410, 'The device token has expired.', 'Stop sending to this token; the app registers a new one.'),
  Unregistered: r(
    410,
    'The device token is no longer active for the topic (the app was uninstalled or notifications turned off).',
    'Stop sending to this token and delete it, unless the app re-registered it after the timestamp.',
  ),
  PayloadTooLarge: r(413, 'The payload is over 4,096 bytes (5,120 for VoIP).', 'Shorten the payload.'),
  TooManyProviderTokenUpdates: r(
    429,
    'The provider token changed more than once in 20 minutes on this connection.',
    'Wait 20 minutes, or use a new connection; tokens are reused for 40 minutes.',
    true,
  ),
  TooManyRequests: r(
    429,
    'Too many notifications were sent to this device token in a row.',
    'Wait before sending to this device again.',
    true,
  ),
  InternalServerError: r(500, 'APNs had an internal error.', 'Retry later with back-off.', true),
  ServiceUnavailable: r(
    503,
    'APNs is unavailable.',
    'Retry later with back-off (Apple suggests up to 15 minutes).',
    true,
  ),
  Shutdown: r(503, 'The APNs server is shutting down.', 'Retry; the client opens a new connection.', true),
};
