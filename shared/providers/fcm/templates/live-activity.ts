import {
  liveActivityEndTemplate,
  liveActivityStartTemplate,
  liveActivityUpdateTemplate,
} from '../../apns/templates/live-activity';
import type { ApnsTemplate } from '../../apns/templates/types';
import { json, type FcmTemplate } from './types';

/** Stands for the activity's token (hex, as ActivityKit's Data is sent); the composer's user pastes theirs. */
export const EXAMPLE_LIVE_ACTIVITY_TOKEN = '80a1b2c3d4e5f60718293a4b5c6d7e8f'.repeat(2);

/**
 * The same ActivityKit payloads as the APNs Live Activity templates, sent through FCM
 * (Firebase's "Get started with Live Activity"): to the app's FCM registration token, with the
 * activity's token in apns.live_activity_token and the APNs priority as a header.
 */
function throughFcm(template: ApnsTemplate): Record<string, unknown> {
  const { aps } = JSON.parse(template.payload) as { aps: Record<string, unknown> };
  return {
    apns: {
      live_activity_token: EXAMPLE_LIVE_ACTIVITY_TOKEN,
      headers: { 'apns-push-type': 'liveactivity', 'apns-priority': String(template.options.priority ?? 10) },
      payload: { aps },
    },
  };
}

export const fcmLiveActivityStartTemplate: FcmTemplate = {
  id: 'fcm.liveactivity-start',
  name: 'Live Activity: start via FCM',
  description:
    'Starts a Live Activity through FCM (iOS 17.2+): live_activity_token is the app’s push-to-start token, the target its FCM registration token.',
  options: { targetKind: 'token' },
  payload: json(throughFcm(liveActivityStartTemplate)),
};

export const fcmLiveActivityUpdateTemplate: FcmTemplate = {
  id: 'fcm.liveactivity-update',
  name: 'Live Activity: update via FCM',
  description:
    'Updates a Live Activity through FCM: live_activity_token is the activity’s push token. Priority 5 keeps it out of the hourly priority-10 budget.',
  options: { targetKind: 'token' },
  payload: json(throughFcm(liveActivityUpdateTemplate)),
};

export const fcmLiveActivityEndTemplate: FcmTemplate = {
  id: 'fcm.liveactivity-end',
  name: 'Live Activity: end via FCM',
  description:
    'Ends a Live Activity through FCM with its final content-state; it stays on the lock screen until dismissal-date (4 hours at most).',
  options: { targetKind: 'token' },
  payload: json(throughFcm(liveActivityEndTemplate)),
};
