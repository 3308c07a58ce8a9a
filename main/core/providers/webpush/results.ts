import type { Header } from '../../../../shared/domain/exchange';
import { pushServiceForEndpoint } from '../../../../shared/providers/webpush/push-services';
import { headerValue } from '../../transport/types';
import { acceptedResult, goneState, parseRetryAfter, rejectedResult, type MappedResult } from '../results';

export { parseRetryAfter, type MappedResult } from '../results';

interface Meaning {
  explanation: string;
  hint: string;
}

/** Apple's `{"reason": …}` bodies (protocols.md §5.5). */
export const APPLE_REASONS: Record<string, Meaning> = {
  BadTtl: {
    explanation: 'Apple found the TTL header missing or not a number.',
    hint: 'Send TTL as whole seconds, 0 or more.',
  },
  BadUrgency: {
    explanation: 'Apple did not accept the Urgency header.',
    hint: 'Use very-low, low, normal or high, once.',
  },
  BadWebPushRequest: {
    explanation: 'Apple could not read the Web Push request (headers or encrypted body).',
    hint: 'Check Content-Encoding: aes128gcm and the body layout in the Encryption view.',
  },
  BadWebPushTopic: {
    explanation: 'Apple did not accept the Topic header.',
    hint: 'Use at most 32 URL-safe base64 characters.',
  },
  VapidPkHashMismatch: {
    explanation: 'The VAPID public key (k=) is not the applicationServerKey this subscription was made with.',
    hint: 'Send with the VAPID key pair your site subscribed with.',
  },
  IdleTimeout: { explanation: 'Apple closed the idle connection.', hint: 'Retry; a new connection is opened.' },
  BadAuthorizationHeader: {
    explanation: 'Apple could not parse the Authorization header.',
    hint: 'It must read "vapid t=<jwt>, k=<public key>".',
  },
  BadJwtToken: {
    explanation: 'Apple rejected the VAPID JWT: bad signature, aud, exp, or a missing or localhost subject.',
    hint: 'Check the decoded claims: aud must be https://web.push.apple.com, exp within 24 h, sub a real mailto: or https: contact.',
  },
  BadVapidPublicKey: {
    explanation: 'Apple could not read the VAPID public key (k=).',
    hint: 'k must be the 65-byte uncompressed P-256 public key in base64url.',
  },
  BadPath: {
    explanation: 'Apple does not know this push endpoint.',
    hint: 'The subscription is gone; remove it and subscribe again in the browser.',
  },
  MethodNotAllowed: { explanation: 'Apple only accepts POST on a push endpoint.', hint: 'Send with POST.' },
  PayloadTooLarge: {
    explanation: 'The encrypted body is larger than Apple allows (4 KB).',
    hint: 'Shorten the payload; at most 3,993 bytes of text fit.',
  },
  TooManyRequests: {
    explanation: 'Apple is rate-limiting pushes to this subscription.',
    hint: 'Wait for Retry-After, then send less often.',
  },
  InternalServerError: { explanation: 'Apple had an internal error.', hint: 'Retry later.' },
  ServiceUnavailable: { explanation: 'Apple push is temporarily unavailable.', hint: 'Retry later with backoff.' },
  Shutdown: { explanation: 'The Apple push server is shutting down.', hint: 'Retry; another server will answer.' },
};

/** Mozilla autopush `errno` values (autopush docs, protocols.md §5.5). */
export const AUTOPUSH_ERRNOS: Record<number, Meaning> = {
  101: {
    explanation: 'Mozilla says crypto headers or keys are missing.',
    hint: 'Send the body with Content-Encoding: aes128gcm.',
  },
  102: {
    explanation: 'Mozilla says the endpoint URL is invalid.',
    hint: 'Remove this subscription; the browser must subscribe again.',
  },
  103: {
    explanation: 'Mozilla says the endpoint has expired.',
    hint: 'Remove this subscription; the browser must subscribe again.',
  },
  104: { explanation: 'Mozilla says the data payload is too large.', hint: 'Shorten the payload.' },
  105: {
    explanation: 'Mozilla says the endpoint became unavailable during the request.',
    hint: 'Remove this subscription.',
  },
  106: {
    explanation: 'Mozilla says the subscription is invalid.',
    hint: 'Remove this subscription; the browser must subscribe again.',
  },
  108: { explanation: 'Mozilla says the router type is invalid.', hint: 'The endpoint is damaged; subscribe again.' },
  109: {
    explanation: 'Mozilla rejected the VAPID authentication.',
    hint: 'Check the VAPID key pair, aud, exp and sub in the decoded claims.',
  },
  110: {
    explanation: 'Mozilla says the crypto headers are invalid.',
    hint: 'Use Content-Encoding: aes128gcm with the salt and key in the body.',
  },
  111: { explanation: 'Mozilla says a required header is missing (usually TTL).', hint: 'Add the TTL header.' },
  112: {
    explanation: 'Mozilla says the TTL header is invalid or too large (max 2,592,000).',
    hint: 'Send TTL as whole seconds up to 30 days.',
  },
  113: { explanation: 'Mozilla says the Topic header is invalid.', hint: 'Use at most 32 URL-safe base64 characters.' },
  201: { explanation: 'Mozilla asks for exponential back-off.', hint: 'Wait for Retry-After, then retry less often.' },
  202: { explanation: 'Mozilla says an immediate retry is fine.', hint: 'Retry now.' },
  999: { explanation: 'Mozilla had an unknown error.', hint: 'Retry later.' },
};

/** Fallback meanings by status (RFC 8030 / 8292). */
export const STATUS_MEANINGS: Record<number, Meaning> = {
  400: {
    explanation:
      'The push service rejected the request: a missing or bad TTL, Urgency or Topic header, or bad encryption.',
    hint: 'Compare the headers with the preflight notes and check the Encryption view.',
  },
  401: {
    explanation: 'The push service found no usable VAPID authorization.',
    hint: 'Send Authorization: vapid t=<jwt>, k=<public key>.',
  },
  403: {
    explanation: 'The push service rejected the VAPID JWT or its key.',
    hint: 'Check that the key pair is the one the browser subscribed with (applicationServerKey) and that aud, exp and sub are right.',
  },
  404: {
    explanation: 'The push service does not know this subscription.',
    hint: 'Delete the subscription; the browser must subscribe again.',
  },
  405: { explanation: 'The push service only accepts POST here.', hint: 'Send with POST.' },
  410: {
    explanation: 'The subscription has expired or was unsubscribed.',
    hint: 'Delete the subscription; the browser must subscribe again.',
  },
  413: {
    explanation: 'The encrypted body is larger than the push service accepts.',
    hint: 'Shorten the payload; 4,096 bytes encrypted (3,993 of text) always fit.',
  },
  429: {
    explanation: 'The push service is rate-limiting this sender or subscription.',
    hint: 'Wait for Retry-After, then send less often.',
  },
  500: { explanation: 'The push service had an internal error.', hint: 'Retry later with backoff.' },
  502: { explanation: 'The push service could not reach its backend.', hint: 'Retry later with backoff.' },
  503: {
    explanation: 'The push service is temporarily unavailable.',
    hint: 'Retry later with backoff, honouring Retry-After.',
  },
};

const GONE_STATUSES = new Set([404, 410]);
const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);

interface ErrorBody {
  appleReason: string | null;
  errno: number | null;
  message: string | null;
}

function readErrorBody(body: Buffer): ErrorBody {
  const empty: ErrorBody = { appleReason: null, errno: null, message: null };
  const text = body.toString('utf8').trim();
  if (!text) return empty;
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    return {
      appleReason: typeof json['reason'] === 'string' ? json['reason'] : null,
      errno: typeof json['errno'] === 'number' ? json['errno'] : null,
      message:
        typeof json['message'] === 'string'
          ? json['message']
          : typeof json['error'] === 'string'
            ? json['error']
            : null,
    };
  } catch {
    return { ...empty, message: text.slice(0, 500) };
  }
}

/** What the push service's answer means for this send. */
export function mapWebpushResponse(input: {
  status: number;
  headers: Header[];
  body: Buffer;
  endpoint: string;
  now?: Date;
}): MappedResult {
  const { status, headers, body } = input;
  const service = pushServiceForEndpoint(input.endpoint);
  const messageIds: Record<string, string> = {};
  const location = headerValue(headers, 'location');
  if (location) messageIds['location'] = location;
  const appleId = headerValue(headers, 'apns-id');
  if (appleId) messageIds['apns-id'] = appleId;
  const details: Record<string, unknown> = { pushService: service.name };
  const ttl = headerValue(headers, 'ttl');
  if (ttl !== undefined) details['ttl'] = Number(ttl);

  if (status >= 200 && status < 300) {
    const text = body.toString('utf8').trim();
    if (text.startsWith('{')) {
      try {
        const id = (JSON.parse(text) as Record<string, unknown>)['message-id'];
        if (typeof id === 'string') messageIds['message-id'] = id;
      } catch {
        // A success body that is not JSON carries nothing we need.
      }
    }
    return acceptedResult({
      status,
      explanation: `${service.name} accepted the message${status === 201 ? '' : ` (status ${status})`}; the browser decrypts it when it is delivered.`,
      messageIds,
      details,
    });
  }

  const error = readErrorBody(body);
  if (error.errno !== null) details['errno'] = error.errno;
  if (error.message !== null) details['message'] = error.message;
  const reason = error.appleReason ?? (error.errno !== null ? `errno ${error.errno}` : null);
  const meaning = (error.appleReason ? APPLE_REASONS[error.appleReason] : undefined) ??
    (error.errno !== null ? AUTOPUSH_ERRNOS[error.errno] : undefined) ??
    STATUS_MEANINGS[status] ?? {
      explanation: `${service.name} answered ${status}${error.message ? `: ${error.message}` : ''}.`,
      hint: status >= 500 ? 'Retry later with backoff.' : 'Check the request against the push service documentation.',
    };
  const retryAfter = parseRetryAfter(headerValue(headers, 'retry-after'), input.now?.getTime());
  const gone = GONE_STATUSES.has(status);
  return rejectedResult({
    status,
    reason,
    explanation: meaning.explanation,
    hint: meaning.hint,
    messageIds,
    retryable: RETRYABLE_STATUSES.has(status) || error.errno === 202,
    retryAfterSeconds: retryAfter,
    deviceStateChange: gone ? goneState(reason ?? `HTTP ${status}`, input.now) : null,
    details,
  });
}
