import type { WebpushTemplate } from './types';

/**
 * The shape most service workers read in their `push` handler and pass straight to
 * `registration.showNotification(title, { body, icon, actions, data })`, opening `data.url` on click.
 */
export const notificationTemplate: WebpushTemplate = {
  id: 'webpush.notification',
  name: 'Notification',
  description: 'Title, body, icon, two actions and a URL to open, as typical service workers expect.',
  options: { ttl: 86_400, urgency: 'normal' },
  payload: JSON.stringify(
    {
      title: 'Your order has shipped',
      body: 'Parcel 4711 is on its way and arrives tomorrow.',
      icon: '/icons/icon-192.png',
      badge: '/icons/badge-72.png',
      tag: 'order-4711',
      actions: [
        { action: 'track', title: 'Track parcel' },
        { action: 'dismiss', title: 'Dismiss' },
      ],
      data: { url: 'https://example.com/orders/4711' },
    },
    null,
    2,
  ),
};
