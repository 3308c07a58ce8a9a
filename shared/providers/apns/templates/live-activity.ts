import { EXAMPLE_TOPIC, json, type ApnsTemplate } from './types';

// A fixed example time; the composer shows it as editable and the device only compares them.
const TIMESTAMP = 1_767_225_600;
/** The same moment as a Swift Date in JSON: seconds since 2001-01-01 (JSONDecoder's default). */
const SWIFT_DATE = TIMESTAMP - 978_307_200;

const liveActivity = {
  pushType: 'liveactivity',
  topic: `${EXAMPLE_TOPIC}.push-type.liveactivity`,
  priority: 10,
} as const;

/** The example's ContentState: `struct ContentState: Codable, Hashable { var status: String; var eta: Date }`. */
const state = (status: string, minutes: number) => ({ status, eta: SWIFT_DATE + minutes * 60 });

export const liveActivityStartTemplate: ApnsTemplate = {
  id: 'apns.liveactivity-start',
  name: 'Live Activity: start',
  description:
    'Starts a Live Activity remotely (iOS 17.2+), sent to the push-to-start token; input-push-token asks for the new activity’s update token (iOS 18).',
  options: liveActivity,
  payload: json({
    aps: {
      timestamp: TIMESTAMP,
      event: 'start',
      'content-state': state('Preparing', 30),
      'attributes-type': 'DeliveryAttributes',
      attributes: { orderId: '1024' },
      alert: { title: 'Order 1024', body: 'Your order is being prepared' },
      'input-push-token': 1,
    },
  }),
};

export const liveActivityChannelStartTemplate: ApnsTemplate = {
  id: 'apns.liveactivity-start-channel',
  name: 'Live Activity: start on a channel',
  description:
    'Starts a Live Activity that listens to a broadcast channel (iOS 18): later updates go to the channel, not to a token.',
  options: liveActivity,
  payload: json({
    aps: {
      timestamp: TIMESTAMP,
      event: 'start',
      'content-state': state('Kick-off', 90),
      'attributes-type': 'DeliveryAttributes',
      attributes: { orderId: 'match-7' },
      alert: { title: 'Match 7', body: 'Follow the score live' },
      'input-push-channel': 'dHN0LXNydnItY2hubA==',
    },
  }),
};

export const liveActivityUpdateTemplate: ApnsTemplate = {
  id: 'apns.liveactivity-update',
  name: 'Live Activity: update',
  description:
    'Updates the activity’s content-state; sent to the activity’s own push token. Priority 5 keeps it out of the hourly priority-10 budget.',
  options: { ...liveActivity, priority: 5 },
  payload: json({
    aps: {
      timestamp: TIMESTAMP + 600,
      event: 'update',
      'content-state': state('On the way', 20),
      'stale-date': TIMESTAMP + 3600,
    },
  }),
};

export const liveActivityAlertUpdateTemplate: ApnsTemplate = {
  id: 'apns.liveactivity-alert-update',
  name: 'Live Activity: alerting update',
  description:
    'An update that also lights the screen and plays a sound: priority 10, with an alert. Use it for what needs attention now.',
  options: liveActivity,
  payload: json({
    aps: {
      timestamp: TIMESTAMP + 900,
      event: 'update',
      'content-state': state('Arriving', 2),
      alert: { title: 'Order 1024', body: 'Your courier is two minutes away', sound: 'default' },
      'relevance-score': 100,
      'stale-date': TIMESTAMP + 3600,
    },
  }),
};

export const liveActivityEndTemplate: ApnsTemplate = {
  id: 'apns.liveactivity-end',
  name: 'Live Activity: end',
  description:
    'Ends the activity with its final content-state; it stays on the lock screen until dismissal-date (4 hours at most).',
  options: liveActivity,
  payload: json({
    aps: {
      timestamp: TIMESTAMP + 1200,
      event: 'end',
      'content-state': state('Delivered', 0),
      'dismissal-date': TIMESTAMP + 4800,
    },
  }),
};
