import { declarativeWebPushJsonSchema } from './declarative-schema';

/**
 * JSON Schema of the notification payload most service workers expect (they pass it to
 * `showNotification(title, options)`). Web Push itself carries any bytes; this only guides
 * editing when the payload is JSON.
 */
const serviceWorkerNotification = {
  type: 'object',
  description: 'A notification for a typical service worker: title plus showNotification options.',
  properties: {
    title: { type: 'string', description: 'Notification title.' },
    body: { type: 'string', description: 'Body text.' },
    icon: { type: 'string', description: 'URL of the icon.' },
    badge: { type: 'string', description: 'URL of the monochrome badge (Android).' },
    image: { type: 'string', description: 'URL of a large image.' },
    tag: { type: 'string', description: 'Replaces an earlier notification with the same tag.' },
    renotify: { type: 'boolean', description: 'Alert again when replacing a tagged notification.' },
    requireInteraction: { type: 'boolean', description: 'Keep it on screen until the user acts.' },
    silent: { type: 'boolean', description: 'No sound or vibration.' },
    lang: { type: 'string' },
    dir: { type: 'string', enum: ['auto', 'ltr', 'rtl'] },
    timestamp: { type: 'number', description: 'Milliseconds since the epoch.' },
    actions: {
      type: 'array',
      description: 'Buttons (most browsers show two at most).',
      items: {
        type: 'object',
        required: ['action', 'title'],
        properties: {
          action: { type: 'string', description: 'Id passed to notificationclick as event.action.' },
          title: { type: 'string', description: 'Button label.' },
          icon: { type: 'string' },
        },
      },
    },
    data: {
      type: 'object',
      description: 'Anything the service worker needs on click; `url` is the common convention for where to navigate.',
      properties: { url: { type: 'string', description: 'Page to open on click.' } },
    },
  },
};

/**
 * The payload's schema for the editor: a declarative message when it carries `web_push` (Monaco
 * reads draft-07 if/then/else), else the service-worker shape above.
 */
export const webpushNotificationJsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  if: { type: 'object', required: ['web_push'] },
  then: declarativeWebPushJsonSchema,
  else: serviceWorkerNotification,
} as const;
