import { formatBytes, type PreflightIssue } from '../../preflight/types';
import { utf8Length } from '../../text';
import { APNS_BROADCAST_PAYLOAD_LIMIT, isChannelId } from './channels';
import type { ApnsSendRequest } from './message';

/** The channel a send broadcasts to, or null for an ordinary device push. */
export function broadcastChannel(request: Pick<ApnsSendRequest, 'options'>): string | null {
  const channel = request.options.channelId?.trim();
  return channel ? channel : null;
}

/**
 * Device-push findings a broadcast does not share: it has no device token, sends no topic (so no
 * suffix), and its body may be 5,120 bytes (protocols.md §1.6).
 */
const NOT_FOR_BROADCAST = /^apns\.(token\.|topic\.suffix|payload\.too-large$)/;

/**
 * A broadcast's own rules on top of the device push's: a channel id in base64, the Live Activity
 * push type, and the 5,120-byte body. Whether `apns-expiration` must be 0 depends on the
 * channel's storage policy, which only the channel management host knows; a missing one is sent
 * as 0, which every channel takes.
 */
export function broadcastIssues(request: ApnsSendRequest, deviceIssues: PreflightIssue[]): PreflightIssue[] {
  const channel = broadcastChannel(request);
  if (channel === null) return deviceIssues;
  const issues = deviceIssues.filter((issue) => !NOT_FOR_BROADCAST.test(issue.code));
  if (!isChannelId(channel)) {
    issues.push({
      severity: 'error',
      code: 'apns.broadcast.channel-id',
      message: 'The channel id must be the base64 text APNs returned when the channel was created',
      path: 'options.channelId',
    });
  }
  if (request.options.pushType !== 'liveactivity') {
    issues.push({
      severity: 'error',
      code: 'apns.broadcast.push-type',
      message: `A broadcast goes to Live Activities only: set the push type to liveactivity, not ${request.options.pushType}`,
      path: 'options.pushType',
    });
  }
  const bytes = utf8Length(request.payload);
  if (bytes > APNS_BROADCAST_PAYLOAD_LIMIT) {
    issues.push({
      severity: 'error',
      code: 'apns.broadcast.too-large',
      message: `Payload is ${formatBytes(bytes)} bytes; a broadcast allows ${formatBytes(APNS_BROADCAST_PAYLOAD_LIMIT)}`,
    });
  }
  return issues;
}
