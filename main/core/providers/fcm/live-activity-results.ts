import { fcmLiveActivityParts } from '../../../../shared/providers/fcm/live-activity';
import type { MappedResult } from '../results';

/**
 * An answer to a message with `apns.live_activity_token` whose ApnsError is APNs' refusal of that
 * token: it is the activity's token that is bad or gone, not the app's FCM registration token, so
 * the device is not marked gone and the words say which token to change.
 */
export function forLiveActivity(mapped: MappedResult, message: Record<string, unknown>): MappedResult {
  const token = fcmLiveActivityParts(message)?.token;
  const apns = mapped.details?.['apnsError'] as { statusCode?: unknown; reason?: unknown } | undefined;
  if (mapped.outcome !== 'rejected' || typeof token !== 'string' || !apns) return mapped;
  const said = `APNs answered ${String(apns.statusCode)} ${String(apns.reason)}.`;
  if (apns.statusCode === 410) {
    return {
      ...mapped,
      explanation: `The Live Activity’s token is no longer valid: the activity ended, or its push token changed. ${said} The app’s FCM registration token is fine.`,
      hint: 'Send to the activity’s current token (ActivityKit’s pushTokenUpdates hands the app each new one); keep the FCM token.',
      deviceStateChange: null,
    };
  }
  if (apns.reason === 'BadDeviceToken' || apns.reason === 'DeviceTokenNotForTopic') {
    return {
      ...mapped,
      explanation: `APNs refused apns.live_activity_token. ${said} The app’s FCM registration token is not the problem.`,
      hint: 'Use a token ActivityKit gave this app for a Live Activity (its pushToken to update or end, pushToStartToken to start), as hex, from a build for the same APNs environment as the key uploaded to Firebase.',
    };
  }
  return mapped;
}
