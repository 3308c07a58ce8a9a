import { json, type FcmTemplate } from './types';

export const androidHighPriorityDataTemplate: FcmTemplate = {
  id: 'fcm.android-high-priority-data',
  name: 'Android high-priority data',
  description: 'Wakes the app right away even in Doze; keep it for time-critical messages the user will see.',
  options: { targetKind: 'auto' },
  payload: json({
    data: { type: 'incoming_call', callId: 'call-7' },
    android: { priority: 'HIGH', ttl: '30s', collapse_key: 'call', direct_boot_ok: true },
  }),
};

export const apnsOverrideTemplate: FcmTemplate = {
  id: 'fcm.apns-override',
  name: 'APNs override',
  description: 'A notification whose iOS form is set through apns headers (push type, priority) and the aps payload.',
  options: { targetKind: 'auto' },
  payload: json({
    notification: { title: 'Order shipped', body: 'Your parcel is on its way' },
    apns: {
      headers: { 'apns-push-type': 'alert', 'apns-priority': '10', 'apns-collapse-id': 'order-1001' },
      payload: { aps: { sound: 'default', badge: 1, 'thread-id': 'orders' } },
    },
  }),
};

export const webpushLinkTemplate: FcmTemplate = {
  id: 'fcm.webpush-link',
  name: 'Web Push with link',
  description: 'A browser notification that opens a page when clicked (webpush.fcm_options.link must be HTTPS).',
  options: { targetKind: 'auto' },
  payload: json({
    webpush: {
      headers: { TTL: '3600', Urgency: 'normal' },
      notification: { title: 'Release notes', body: 'Version 2.0 is out', icon: 'https://example.com/icon.png' },
      fcm_options: { link: 'https://example.com/releases/2.0' },
    },
  }),
};

export const topicTemplate: FcmTemplate = {
  id: 'fcm.topic',
  name: 'Topic message',
  description: 'Sent to every device subscribed to a topic. Topic messages are limited to 2,048 bytes.',
  options: { targetKind: 'topic' },
  target: 'news',
  payload: json({ notification: { title: 'Breaking', body: 'Something happened' }, data: { story: 's-881' } }),
};

export const conditionTemplate: FcmTemplate = {
  id: 'fcm.condition',
  name: 'Condition message',
  description: 'Sent to devices whose topic subscriptions satisfy a condition of up to five topics.',
  options: { targetKind: 'condition' },
  target: "'sports' in topics && ('football' in topics || 'tennis' in topics)",
  payload: json({ notification: { title: 'Match day', body: 'Kick-off in 10 minutes' } }),
};
