import { json, type FcmTemplate } from './types';

export const notificationTemplate: FcmTemplate = {
  id: 'fcm.notification',
  name: 'Notification message',
  description: 'Title and body, shown by the system on Android, iOS and the web while the app is in the background.',
  options: { targetKind: 'auto' },
  payload: json({ notification: { title: 'Hello', body: 'From Push Console' } }),
};

export const dataOnlyTemplate: FcmTemplate = {
  id: 'fcm.data-only',
  name: 'Data-only message',
  description: 'Key/value pairs handed to the app (onMessageReceived); nothing is displayed. Values must be strings.',
  options: { targetKind: 'auto' },
  payload: json({ data: { type: 'sync', id: '42' } }),
};

export const notificationAndDataTemplate: FcmTemplate = {
  id: 'fcm.notification-data',
  name: 'Notification with data',
  description: 'A visible notification that also carries data the app reads when the user opens it.',
  options: { targetKind: 'auto' },
  payload: json({
    notification: { title: 'New message', body: 'Ada: are we still on for lunch?' },
    data: { conversationId: 'c-1024', sender: 'ada' },
  }),
};
