import type { WebpushTemplate } from './types';

/**
 * Declarative Web Push (Safari 18.4+, W3C Push API): the browser shows it without a service worker
 * and opens `navigate` on click. `app_badge` and `mutable` sit beside `notification` as the W3C
 * draft has them; Safari's parser reads them inside it (unverified which wins, see declarative.ts).
 */
export const declarativeTemplate: WebpushTemplate = {
  id: 'webpush.declarative',
  name: 'Declarative Web Push',
  description: 'Shown by Safari 18.4+ without a service worker: title, body, the URL opened on click, a badge.',
  options: { ttl: 86_400, urgency: 'normal' },
  payload: JSON.stringify(
    {
      web_push: 8030,
      notification: {
        title: 'Your order has shipped',
        body: 'Parcel 4711 is on its way and arrives tomorrow.',
        navigate: 'https://example.com/orders/4711',
        lang: 'en-US',
        dir: 'ltr',
        tag: 'order-4711',
        icon: 'https://example.com/icons/icon-192.png',
        silent: false,
        data: { orderId: 4711 },
        actions: [{ action: 'track', title: 'Track parcel', navigate: 'https://example.com/orders/4711/track' }],
      },
      app_badge: 3,
      mutable: false,
    },
    null,
    2,
  ),
};
