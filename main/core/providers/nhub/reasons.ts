/**
 * What each Notification Hubs answer means. The service puts a reason word before the detail
 * (`ExpiredToken: The token is expired. TrackingId:…`); our emulator uses the same words.
 * Unknown details fall back to the status entry.
 */
export interface ReasonInfo {
  explanation: string;
  hint: string;
  retryable: boolean;
}

export const NHUB_REASONS: Record<string, ReasonInfo> = {
  InvalidFormat: {
    explanation: 'ServiceBusNotification-Format is missing or not a format the hub knows.',
    hint: 'Use apple, fcmv1, windows, template, browser, adm, baidu or xiaomi.',
    retryable: false,
  },
  InvalidTags: {
    explanation: 'The tag expression in ServiceBusNotification-Tags is malformed or has too many tags.',
    hint: 'Tags use letters, digits and _ @ # . : -; at most 20 tags joined by || only, or 6 with && or !.',
    retryable: false,
  },
  InvalidPayload: {
    explanation: 'The body does not match the format (JSON for apple/fcmv1/template…, XML for windows).',
    hint: 'Check the payload against the format; template properties must all be strings.',
    retryable: false,
  },
  InvalidContentType: {
    explanation: 'The Content-Type does not fit the format.',
    hint: 'Send application/json for JSON formats, application/xml for windows (octet-stream for wns/raw).',
    retryable: false,
  },
  InvalidAudience: {
    explanation:
      'The Token obtained from the Token Provider is wrong: the SAS token was signed for another namespace or hub.',
    hint: 'The connection string belongs to a different namespace than the hub you are sending to.',
    retryable: false,
  },
  MissingDeviceHandle: {
    explanation: 'A direct send has no ServiceBusNotification-DeviceHandle.',
    hint: 'Give the device handle (APNs token, FCM token, channel URI or endpoint).',
    retryable: false,
  },
  MissingToken: {
    explanation: 'The request had no Authorization header.',
    hint: 'Every request needs a SharedAccessSignature token.',
    retryable: false,
  },
  MalformedToken: {
    explanation: 'The Authorization header is not a SharedAccessSignature with sr, sig, se and skn.',
    hint: 'Check that the connection string was imported whole.',
    retryable: false,
  },
  ExpiredToken: {
    explanation: "The SAS token's expiry (se) is in the past for the service.",
    hint: "Check this computer's clock; a fresh token is made on the next send.",
    retryable: true,
  },
  InvalidSignature: {
    explanation: "The SAS signature does not verify: the key does not match the key name's key in the hub.",
    hint: 'The key was regenerated or mistyped; copy the connection string again from Access Policies.',
    retryable: false,
  },
  UnknownKeyName: {
    explanation: 'The hub has no access policy with this SharedAccessKeyName (skn).',
    hint: 'The policy was deleted or renamed; use a connection string with an existing policy name.',
    retryable: false,
  },
  InsufficientRights: {
    explanation: 'The access policy does not have the Send claim.',
    hint: 'Use DefaultFullSharedAccessSignature or a policy with Send rights, not the Listen-only one.',
    retryable: false,
  },
  QuotaExceeded: {
    explanation: 'The namespace used up its message quota for the tier (or the message was too large).',
    hint: 'Wait for the daily quota to reset or move the namespace to a higher tier.',
    retryable: true,
  },
  HubNotFound: {
    explanation: 'There is no hub with this name in the namespace.',
    hint: "Check the hub name (case matters) and that the connection string's namespace holds it.",
    retryable: false,
  },
  PayloadTooLarge: {
    explanation: 'The notification body is larger than the platform behind the format takes (or than 64 KB).',
    hint: 'Keep it within the platform: 4,096 bytes for APNs (5,120 for VoIP) and FCM, 5,000 for WNS, 3,993 for Web Push.',
    retryable: false,
  },
  Throttled: {
    explanation: 'The hub is throttling this namespace.',
    hint: 'Wait for Retry-After before sending again.',
    retryable: true,
  },
};

export const STATUS_REASONS: Record<number, { reason: string } & ReasonInfo> = {
  400: {
    reason: 'BadRequest',
    explanation: 'The hub refused the request as malformed (routing headers, content type, size or format).',
    hint: 'Read the detail; check format, tags and payload.',
    retryable: false,
  },
  401: {
    reason: 'Unauthorized',
    explanation: 'The SAS token was refused (wrong key, expired token or unknown key name).',
    hint: "Check the connection string and this computer's clock.",
    retryable: false,
  },
  403: {
    reason: 'QuotaExceeded',
    explanation: NHUB_REASONS['QuotaExceeded']!.explanation,
    hint: NHUB_REASONS['QuotaExceeded']!.hint,
    retryable: true,
  },
  404: {
    reason: 'HubNotFound',
    explanation: NHUB_REASONS['HubNotFound']!.explanation,
    hint: NHUB_REASONS['HubNotFound']!.hint,
    retryable: false,
  },
  408: {
    reason: 'Timeout',
    explanation: 'The hub timed out handling the request.',
    hint: 'Send again.',
    retryable: true,
  },
  413: {
    reason: 'PayloadTooLarge',
    explanation: NHUB_REASONS['PayloadTooLarge']!.explanation,
    hint: NHUB_REASONS['PayloadTooLarge']!.hint,
    retryable: false,
  },
  429: {
    reason: 'Throttled',
    explanation: NHUB_REASONS['Throttled']!.explanation,
    hint: NHUB_REASONS['Throttled']!.hint,
    retryable: true,
  },
  500: {
    reason: 'InternalServerError',
    explanation: 'The hub failed internally.',
    hint: 'Send again after a short wait.',
    retryable: true,
  },
  503: {
    reason: 'ServiceUnavailable',
    explanation: 'The hub is unavailable for the moment.',
    hint: 'Send again after Retry-After or a short wait.',
    retryable: true,
  },
  504: {
    reason: 'GatewayTimeout',
    explanation: 'A gateway in front of the hub timed out.',
    hint: 'Send again.',
    retryable: true,
  },
};
