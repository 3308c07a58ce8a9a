/**
 * JSON Schema (draft-07) of a Declarative Web Push message, for the editor's hovers and completion.
 * The rules with words (why a member is needed, what each browser does) are preflight's, in
 * declarative.ts; member names and which are required come from the sources named there.
 */
const url = (description: string) => ({ type: 'string', description });

const badge = {
  description:
    'Number shown on the web app icon (0 clears it). The W3C draft puts it beside notification; Safari reads it inside notification (unverified which wins).',
  type: 'integer',
  minimum: 0,
};
const mutable = {
  description:
    'true: a service worker (if any) gets a push event with the proposed notification and may replace it. The W3C draft puts it beside notification; Safari and Firefox read it inside (unverified).',
  type: 'boolean',
};

export const declarativeWebPushJsonSchema = {
  type: 'object',
  description:
    'A Declarative Web Push message (Safari 18.4+, W3C Push API): shown by the browser without a service worker.',
  required: ['web_push', 'notification'],
  properties: {
    web_push: { const: 8030, description: 'Must be 8030: marks the JSON as a declarative push message.' },
    notification: {
      type: 'object',
      required: ['title', 'navigate'],
      properties: {
        title: { type: 'string', minLength: 1, description: 'Notification title (required, not empty).' },
        navigate: url('URL opened when the notification is clicked (required; absolute for Safari).'),
        body: { type: 'string', description: 'Body text.' },
        lang: { type: 'string', description: 'Language tag, e.g. en-US.' },
        dir: { type: 'string', enum: ['auto', 'ltr', 'rtl'] },
        tag: { type: 'string', description: 'Replaces an earlier notification with the same tag.' },
        icon: url('URL of the icon.'),
        image: url('URL of a large image (not read by Safari).'),
        badge: url('URL of a monochrome badge image (not the app badge number).'),
        silent: { type: 'boolean', description: 'No sound or vibration.' },
        requireInteraction: {
          type: 'boolean',
          description: 'Keep it on screen until the user acts (not read by Safari).',
        },
        renotify: { type: 'boolean' },
        timestamp: { type: 'integer', minimum: 0, description: 'Milliseconds since the epoch.' },
        data: { description: 'Any JSON value, handed to a service worker.' },
        actions: {
          type: 'array',
          description: 'Buttons, each opening its own URL (Safari reads none).',
          items: {
            type: 'object',
            required: ['action', 'title', 'navigate'],
            properties: {
              action: { type: 'string', description: 'Id of the action.' },
              title: { type: 'string', description: 'Button label.' },
              navigate: url('URL this button opens.'),
              icon: url('URL of the button icon.'),
            },
          },
        },
        app_badge: badge,
        mutable,
      },
    },
    app_badge: badge,
    mutable,
  },
} as const;
