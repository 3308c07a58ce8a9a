import type { Header } from '../../../../shared/domain/exchange';
import { headerValue } from '../../transport/types';
import { acceptedResult, goneState, parseRetryAfter, rejectedResult, type MappedResult } from '../results';

export { parseRetryAfter, type MappedResult } from '../results';

interface Meaning {
  /** The HOMEPOT-style code shown as the reason (WNS itself sends only the status). */
  reason: string;
  explanation: string;
  hint: string;
  retryable: boolean;
  gone?: boolean;
}

/** protocols.md §3.4 response codes, named like the HOMEPOT guide's error table. */
export const WNS_STATUS_MEANINGS: Record<number, Meaning> = {
  400: {
    reason: 'BAD_REQUEST',
    explanation: 'WNS found one or more headers wrong or conflicting (type, content type, TTL, priority, tag…).',
    hint: 'Compare the X-WNS headers with the preflight notes; X-WNS-Error-Description says which one.',
    retryable: false,
  },
  401: {
    reason: 'UNAUTHORIZED',
    explanation: 'WNS refused the access token: it is invalid or has expired.',
    hint: 'Check the Package SID and client secret; a fresh token is fetched automatically once per send.',
    retryable: false,
  },
  403: {
    reason: 'FORBIDDEN',
    explanation: 'The token is valid but not allowed to send to this channel: it belongs to another app or package.',
    hint: 'Use the credentials of the app that created this channel URI (same Package SID / app registration).',
    retryable: false,
  },
  404: {
    reason: 'CHANNEL_EXPIRED',
    explanation: 'WNS does not know this channel URI: it expired or was never valid.',
    hint: 'Stop sending to it; the app must request a new channel and register it again.',
    retryable: false,
    gone: true,
  },
  405: {
    reason: 'METHOD_NOT_ALLOWED',
    explanation: 'WNS only accepts POST (and DELETE with X-WNS-Match) on a channel URI.',
    hint: 'Send with POST.',
    retryable: false,
  },
  406: {
    reason: 'THROTTLED',
    explanation: 'Your cloud service exceeded its WNS throttle limit.',
    hint: 'Wait for Retry-After, then send less often (broadcast updates at most every 30 minutes).',
    retryable: true,
  },
  410: {
    reason: 'CHANNEL_GONE',
    explanation: 'The channel URI has expired and is permanently gone.',
    hint: 'Remove this channel; the app must request a new one.',
    retryable: false,
    gone: true,
  },
  413: {
    reason: 'PAYLOAD_TOO_LARGE',
    explanation: 'The payload is over the 5000-byte WNS limit.',
    hint: 'Shorten the payload; send a URL for large data.',
    retryable: false,
  },
  500: {
    reason: 'INTERNAL_SERVER_ERROR',
    explanation: 'WNS had an internal failure.',
    hint: 'Retry later; report it to Microsoft if it persists (include X-WNS-Debug-Trace and MS-CV).',
    retryable: true,
  },
  503: {
    reason: 'SERVICE_UNAVAILABLE',
    explanation: 'WNS is temporarily unavailable.',
    hint: 'Retry later, honouring Retry-After if present.',
    retryable: true,
  },
};

const DOMAIN_BLOCKED: Meaning = {
  reason: 'DOMAIN_BLOCKED',
  explanation: 'WNS blocked the sending domain for abuse ("Domain Blocked").',
  hint: 'Stop sending from this domain and contact Microsoft; the channel itself may be fine.',
  retryable: false,
};

const STATUS_TEXT: Record<string, string> = {
  received: 'WNS accepted the notification for delivery.',
  dropped: 'WNS dropped the notification (an error, an offline device for a toast, or a policy).',
  channelthrottled: 'WNS dropped the notification because this channel is throttled.',
};

/** The X-WNS-* answer headers as named fields, for the result view. */
export function decodeWnsHeaders(headers: Header[]): Record<string, string> {
  const fields: Record<string, string> = {};
  const put = (field: string, header: string) => {
    const value = headerValue(headers, header);
    if (value !== undefined) fields[field] = value;
  };
  // Older Azure docs name the status header X-WNS-NotificationStatus [?]; parse both.
  put('notificationStatus', 'x-wns-status');
  if (!('notificationStatus' in fields)) put('notificationStatus', 'x-wns-notificationstatus');
  put('deviceConnectionStatus', 'x-wns-deviceconnectionstatus');
  put('msgId', 'x-wns-msg-id');
  put('debugTrace', 'x-wns-debug-trace');
  put('errorDescription', 'x-wns-error-description');
  put('msCv', 'ms-cv');
  put('wwwAuthenticate', 'www-authenticate');
  return fields;
}

/** What WNS's answer means for this send. */
export function mapWnsResponse(input: { status: number; headers: Header[]; now?: Date }): MappedResult {
  const { status, headers } = input;
  const fields = decodeWnsHeaders(headers);
  const messageIds: Record<string, string> = {};
  if (fields['msgId']) messageIds['X-WNS-Msg-ID'] = fields['msgId'];
  const details: Record<string, unknown> = { ...fields };
  const retryAfter = parseRetryAfter(headerValue(headers, 'retry-after'), input.now?.getTime());

  if (status >= 200 && status < 300) {
    const state = fields['notificationStatus']?.toLowerCase();
    return acceptedResult({
      status,
      reason: fields['notificationStatus'] ?? null,
      explanation:
        state && STATUS_TEXT[state] ? STATUS_TEXT[state] : 'WNS accepted the notification (not proof of delivery).',
      hint:
        state === 'dropped' || state === 'channelthrottled'
          ? 'A dropped toast usually means the device is offline; check X-WNS-DeviceConnectionStatus (send with RequestForStatus).'
          : null,
      messageIds,
      details,
    });
  }

  const blocked = status === 410 && /domain\s*blocked/i.test(fields['errorDescription'] ?? '');
  const meaning: Meaning = blocked
    ? DOMAIN_BLOCKED
    : (WNS_STATUS_MEANINGS[status] ?? {
        reason: `HTTP_${status}`,
        explanation: `WNS answered ${status}, which its documentation does not list.`,
        hint: status >= 500 ? 'Retry later.' : 'Check X-WNS-Error-Description and the request headers.',
        retryable: status >= 500,
      });
  const description = fields['errorDescription'];
  return rejectedResult({
    status,
    reason: meaning.reason,
    explanation: description ? `${meaning.explanation} WNS says: ${description}` : meaning.explanation,
    hint: meaning.hint,
    messageIds,
    retryable: meaning.retryable,
    retryAfterSeconds: retryAfter,
    deviceStateChange: meaning.gone ? goneState(meaning.reason, input.now) : null,
    details,
  });
}
