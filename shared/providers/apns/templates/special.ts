import { EXAMPLE_TOPIC, json, type ApnsTemplate } from './types';

export const backgroundTemplate: ApnsTemplate = {
  id: 'apns.background',
  name: 'Silent background',
  description: 'Wakes the app to fetch content; nothing is shown. Must be priority 5 and is throttled by iOS.',
  options: { pushType: 'background', topic: EXAMPLE_TOPIC, priority: 5 },
  payload: json({ aps: { 'content-available': 1 }, sync: 'inbox' }),
};

export const voipTemplate: ApnsTemplate = {
  id: 'apns.voip',
  name: 'VoIP call (PushKit)',
  description:
    'An incoming call for PushKit; the app must report it to CallKit. Topic gets ".voip"; up to 5,120 bytes.',
  options: { pushType: 'voip', topic: `${EXAMPLE_TOPIC}.voip`, priority: 10, expiration: 0 },
  payload: json({ aps: {}, caller: { name: 'Ada Lovelace', handle: '+15555550100' }, callId: 'c-7' }),
};

// A fixed example time; the composer shows it as editable and the device only compares them.
const TIMESTAMP = 1_767_225_600;
const liveActivity = {
  pushType: 'liveactivity',
  topic: `${EXAMPLE_TOPIC}.push-type.liveactivity`,
  priority: 10,
} as const;

export const liveActivityStartTemplate: ApnsTemplate = {
  id: 'apns.liveactivity-start',
  name: 'Live Activity: start',
  description: 'Starts a Live Activity remotely (iOS 17.2+), sent to the push-to-start token.',
  options: liveActivity,
  payload: json({
    aps: {
      timestamp: TIMESTAMP,
      event: 'start',
      'content-state': { status: 'Preparing', eta: 15 },
      'attributes-type': 'DeliveryAttributes',
      attributes: { orderId: '1024' },
      alert: { title: 'Order 1024', body: 'Your order is being prepared' },
    },
  }),
};

export const liveActivityUpdateTemplate: ApnsTemplate = {
  id: 'apns.liveactivity-update',
  name: 'Live Activity: update',
  description: 'Updates the activity’s content-state; sent to the activity’s own push token.',
  options: liveActivity,
  payload: json({
    aps: {
      timestamp: TIMESTAMP + 600,
      event: 'update',
      'content-state': { status: 'On the way', eta: 5 },
      'stale-date': TIMESTAMP + 3600,
    },
  }),
};

export const liveActivityEndTemplate: ApnsTemplate = {
  id: 'apns.liveactivity-end',
  name: 'Live Activity: end',
  description: 'Ends the activity; it stays on the lock screen until dismissal-date.',
  options: liveActivity,
  payload: json({
    aps: {
      timestamp: TIMESTAMP + 1200,
      event: 'end',
      'content-state': { status: 'Delivered', eta: 0 },
      'dismissal-date': TIMESTAMP + 4800,
    },
  }),
};

export const locationQueryTemplate: ApnsTemplate = {
  id: 'apns.location',
  name: 'Location query',
  description: 'Asks the app’s Location Push Service Extension for the device location. Token auth only.',
  options: { pushType: 'location', topic: `${EXAMPLE_TOPIC}.location-query`, priority: 10 },
  payload: json({ aps: {} }),
};
