import { EXAMPLE_TOPIC, json, type ApnsTemplate } from './types';

const alert = { pushType: 'alert', topic: EXAMPLE_TOPIC, priority: 10 } as const;

export const alertTemplate: ApnsTemplate = {
  id: 'apns.alert',
  name: 'Alert',
  description: 'Title, subtitle and body shown on the lock screen and as a banner.',
  options: alert,
  payload: json({ aps: { alert: { title: 'Hello', subtitle: 'From Push Console', body: 'Your order has shipped.' } } }),
};

export const localizedAlertTemplate: ApnsTemplate = {
  id: 'apns.localized-alert',
  name: 'Localized alert',
  description: 'Keys from the app’s Localizable.strings with arguments, so the device shows its own language.',
  options: alert,
  payload: json({
    aps: {
      alert: {
        'title-loc-key': 'ORDER_SHIPPED_TITLE',
        'loc-key': 'ORDER_SHIPPED_BODY',
        'loc-args': ['#1024', 'Tuesday'],
      },
    },
  }),
};

export const badgeTemplate: ApnsTemplate = {
  id: 'apns.badge',
  name: 'Badge only',
  description: 'Sets the app icon badge to 3 without showing anything; 0 clears it.',
  options: alert,
  payload: json({ aps: { badge: 3 } }),
};

export const soundTemplate: ApnsTemplate = {
  id: 'apns.sound',
  name: 'Alert with sound',
  description: 'An alert that plays the default sound (or a sound file bundled with the app).',
  options: alert,
  payload: json({ aps: { alert: 'Ding!', sound: 'default' } }),
};

export const criticalAlertTemplate: ApnsTemplate = {
  id: 'apns.critical',
  name: 'Critical alert',
  description: 'Plays even when muted or in Focus; needs Apple’s critical-alerts entitlement.',
  options: alert,
  payload: json({
    aps: {
      alert: { title: 'Water leak detected', body: 'Basement sensor' },
      sound: { critical: 1, name: 'default', volume: 1.0 },
      'interruption-level': 'critical',
    },
  }),
};

export const richMediaTemplate: ApnsTemplate = {
  id: 'apns.rich-media',
  name: 'Rich media (mutable-content)',
  description: 'mutable-content lets the app’s notification service extension download and attach an image.',
  options: alert,
  payload: json({
    aps: { alert: { title: 'New photo', body: 'Ada shared a photo' }, 'mutable-content': 1 },
    'media-url': 'https://example.com/photo.jpg',
  }),
};

export const categoryTemplate: ApnsTemplate = {
  id: 'apns.category',
  name: 'Category with actions',
  description: 'Names a UNNotificationCategory the app registered, whose buttons appear on long press.',
  options: alert,
  payload: json({
    aps: { alert: { title: 'Meeting invite', body: 'Design review at 3 pm' }, category: 'MEETING_INVITATION' },
    meetingId: 'm-42',
  }),
};

export const threadTemplate: ApnsTemplate = {
  id: 'apns.thread',
  name: 'Thread (grouped)',
  description: 'Notifications with the same thread-id are grouped together in Notification Center.',
  options: alert,
  payload: json({ aps: { alert: { title: 'Ada', body: 'Are we still on for lunch?' }, 'thread-id': 'chat-ada' } }),
};
