import { apnsPayloadJsonSchema } from '../apns/payload-schema';

/**
 * JSON Schema (draft-07) of the FCM HTTP v1 `message` object as the composer edits it: the
 * target (`token`/`topic`/`condition`) normally comes from the target field, so none is required
 * here. Drives Monaco validation, hovers and completion; the server-side rules live in preflight.
 */
const stringMap = (description: string) => ({
  type: 'object',
  description,
  additionalProperties: {
    type: 'string',
    description: 'Values must be strings: FCM rejects numbers, booleans and objects.',
  },
});

const ttl = {
  type: 'string',
  pattern: '^\\d+(\\.\\d{1,9})?s$',
  description:
    'How long FCM keeps the message for an offline device, as a Duration string like "3600s" or "3.5s" (0 to 2419200s; default 4 weeks).',
};

const androidNotification = {
  type: 'object',
  description: 'Android notification fields; override the common `notification` on Android.',
  properties: {
    title: { type: 'string', description: 'Notification title.' },
    body: { type: 'string', description: 'Notification body text.' },
    icon: { type: 'string', description: 'Drawable resource name of the small icon.' },
    color: { type: 'string', pattern: '^#[0-9a-fA-F]{6}$', description: 'Icon color as #RRGGBB.' },
    sound: { type: 'string', description: '"default" or the name of a sound resource in res/raw.' },
    tag: { type: 'string', description: 'Notifications with the same tag replace each other in the drawer.' },
    click_action: { type: 'string', description: 'Intent action started when the user taps the notification.' },
    channel_id: { type: 'string', description: 'Notification channel id (Android 8+); the app must have created it.' },
    image: { type: 'string', description: 'HTTPS URL of an image shown in the notification.' },
    title_loc_key: { type: 'string', description: 'String resource key for a localized title.' },
    title_loc_args: { type: 'array', items: { type: 'string' }, description: 'Format arguments for title_loc_key.' },
    body_loc_key: { type: 'string', description: 'String resource key for a localized body.' },
    body_loc_args: { type: 'array', items: { type: 'string' }, description: 'Format arguments for body_loc_key.' },
    ticker: { type: 'string', description: 'Accessibility ticker text.' },
    sticky: { type: 'boolean', description: 'Keep the notification after the user taps it.' },
    event_time: { type: 'string', description: 'RFC 3339 time the event happened, e.g. "2024-01-01T12:00:00Z".' },
    local_only: { type: 'boolean', description: 'Do not bridge to wearables.' },
    notification_priority: {
      enum: [
        'PRIORITY_UNSPECIFIED',
        'PRIORITY_MIN',
        'PRIORITY_LOW',
        'PRIORITY_DEFAULT',
        'PRIORITY_HIGH',
        'PRIORITY_MAX',
      ],
      description: 'Display priority in the drawer (not delivery priority).',
    },
    default_sound: { type: 'boolean', description: 'Use the system default sound.' },
    default_vibrate_timings: { type: 'boolean', description: 'Use the system default vibration.' },
    default_light_settings: { type: 'boolean', description: 'Use the system default LED light.' },
    visibility: {
      enum: ['VISIBILITY_UNSPECIFIED', 'PRIVATE', 'PUBLIC', 'SECRET'],
      description: 'Lock-screen visibility.',
    },
    vibrate_timings: {
      type: 'array',
      items: { type: 'string', pattern: '^\\d+(\\.\\d{1,9})?s$' },
      description: 'Vibration pattern as durations, e.g. ["0.1s", "0.2s"].',
    },
    light_settings: {
      type: 'object',
      description:
        'LED color and blink rate: {color: {red, green, blue, alpha}, light_on_duration, light_off_duration}.',
    },
    proxy: {
      enum: ['PROXY_UNSPECIFIED', 'ALLOW', 'DENY', 'IF_PRIORITY_LOWERED'],
      description: 'Whether the notification may be proxied.',
    },
    bypass_proxy_notification: { type: 'boolean', description: 'Deliver directly, bypassing any proxy.' },
    notification_count: { type: 'integer', minimum: 0, description: 'Badge count shown on the launcher.' },
  },
  additionalProperties: false,
};

const webNotification = {
  type: 'object',
  description: 'Web Notification options (title, body, icon, actions…), passed to showNotification.',
  properties: {
    title: { type: 'string', description: 'Notification title.' },
    body: { type: 'string', description: 'Notification body.' },
    icon: { type: 'string', description: 'URL of the icon.' },
    image: { type: 'string', description: 'URL of a large image.' },
    badge: { type: 'string', description: 'URL of the monochrome badge.' },
    tag: { type: 'string', description: 'Notifications with the same tag replace each other.' },
    requireInteraction: { type: 'boolean', description: 'Stay until the user dismisses it.' },
    silent: { type: 'boolean', description: 'No sound or vibration.' },
    actions: { type: 'array', items: { type: 'object' }, description: 'Action buttons: {action, title, icon}.' },
  },
};

const APS = apnsPayloadJsonSchema.properties.aps.properties;
/** ActivityKit's aps keys, described once in the APNs payload schema. */
const liveActivityApsKeys = {
  event: APS.event,
  timestamp: APS.timestamp,
  'content-state': APS['content-state'],
  'stale-date': APS['stale-date'],
  'dismissal-date': APS['dismissal-date'],
  'relevance-score': APS['relevance-score'],
  'attributes-type': APS['attributes-type'],
  attributes: APS.attributes,
  'input-push-token': APS['input-push-token'],
  'input-push-channel': APS['input-push-channel'],
};

const snakeCaseSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'FCM HTTP v1 message',
  description: 'The `message` of POST /v1/projects/{project}/messages:send. The target comes from the target field.',
  type: 'object',
  properties: {
    token: {
      type: 'string',
      description: 'Registration token of one app instance. Usually set from the target field.',
    },
    topic: { type: 'string', pattern: '^[a-zA-Z0-9\\-_.~%]+$', description: 'Topic name without "/topics/".' },
    condition: {
      type: 'string',
      description: "Topic condition, e.g. \"'dogs' in topics && 'cats' in topics\" (up to 5 topics).",
    },
    notification: {
      type: 'object',
      description: 'Basic notification shown by every platform.',
      properties: {
        title: { type: 'string', description: 'Notification title.' },
        body: { type: 'string', description: 'Notification body text.' },
        image: { type: 'string', description: 'HTTPS URL of an image (max 1 MB) shown in the notification.' },
      },
      additionalProperties: false,
    },
    data: stringMap(
      'Custom key/value pairs handed to the app. Keys must not be "from", "message_type", or start with "google" or "gcm".',
    ),
    android: {
      type: 'object',
      description: 'Android-specific options.',
      properties: {
        collapse_key: {
          type: 'string',
          description: 'Only the last message per collapse key is kept for an offline device (up to 4 keys).',
        },
        priority: {
          enum: ['NORMAL', 'HIGH', 'normal', 'high'],
          description: 'Delivery priority. HIGH wakes the device; use it for user-visible, time-critical messages.',
        },
        ttl,
        restricted_package_name: { type: 'string', description: 'Only deliver to this application package.' },
        data: stringMap('Android data; replaces the common `data` on Android.'),
        notification: androidNotification,
        fcm_options: {
          type: 'object',
          properties: { analytics_label: { type: 'string', description: 'Label for Android analytics.' } },
          additionalProperties: false,
        },
        bandwidth_constrained_ok: {
          type: 'boolean',
          description: 'May be delivered on a bandwidth-constrained network.',
        },
        restricted_satellite_ok: {
          type: 'boolean',
          description: 'May be delivered over a restricted satellite network.',
        },
        direct_boot_ok: {
          type: 'boolean',
          description: 'Deliver while the device is in direct boot mode (before unlock).',
        },
      },
      additionalProperties: false,
    },
    apns: {
      type: 'object',
      description: 'APNs options, passed through to Apple.',
      properties: {
        headers: {
          type: 'object',
          description: 'APNs request headers such as apns-priority, apns-push-type, apns-expiration, apns-collapse-id.',
          properties: {
            'apns-priority': {
              enum: ['5', '10', '1'],
              description: '"10" immediate, "5" power-considerate (required for data-only pushes).',
            },
            'apns-push-type': {
              enum: [
                'alert',
                'background',
                'voip',
                'complication',
                'fileprovider',
                'mdm',
                'liveactivity',
                'location',
                'pushtotalk',
                'widgets',
                'controls',
              ],
              description: 'APNs push type; must match the payload (background for content-available only).',
            },
            'apns-expiration': { type: 'string', description: 'UNIX epoch seconds after which Apple stops trying.' },
            'apns-collapse-id': {
              type: 'string',
              description: 'Replaces a displayed notification with the same id (≤ 64 bytes).',
            },
          },
          additionalProperties: { type: 'string' },
        },
        payload: {
          type: 'object',
          description: 'The APNs JSON payload; `aps` holds Apple keys, other keys go to the app.',
          properties: {
            aps: {
              type: 'object',
              description: 'Apple-defined keys: alert, badge, sound, content-available, mutable-content, category…',
              properties: {
                alert: {
                  description: 'A string, or {title, subtitle, body, …}.',
                  anyOf: [{ type: 'string' }, { type: 'object' }],
                },
                badge: { type: 'integer', minimum: 0, description: 'Badge number; 0 clears it.' },
                sound: {
                  description: '"default", a sound file name, or a critical-sound dictionary.',
                  anyOf: [{ type: 'string' }, { type: 'object' }],
                },
                'content-available': { enum: [1], description: '1 wakes the app in the background.' },
                'mutable-content': { enum: [1], description: '1 lets a notification service extension modify it.' },
                category: { type: 'string', description: 'Notification category for actions.' },
                'thread-id': { type: 'string', description: 'Groups notifications.' },
                ...liveActivityApsKeys,
              },
            },
          },
        },
        fcm_options: {
          type: 'object',
          properties: {
            analytics_label: { type: 'string', description: 'Label for iOS analytics.' },
            image: { type: 'string', description: 'URL of an image (needs a notification service extension).' },
          },
          additionalProperties: false,
        },
        live_activity_token: {
          type: 'string',
          description:
            'A Live Activity’s APNs token, as hex: its push token to update or end it, or the app’s push-to-start token to start one (iOS 17.2+). The message still goes to the app’s FCM registration token; apns.payload.aps carries event, timestamp and content-state.',
        },
      },
      additionalProperties: false,
    },
    webpush: {
      type: 'object',
      description: 'Web Push options for browsers.',
      properties: {
        headers: {
          type: 'object',
          description: 'Web Push headers such as TTL and Urgency.',
          properties: {
            TTL: { type: 'string', pattern: '^\\d+$', description: 'Seconds the push service keeps the message.' },
            Urgency: { enum: ['very-low', 'low', 'normal', 'high'], description: 'Delivery urgency.' },
            Topic: { type: 'string', description: 'Replaces a pending message with the same topic.' },
          },
          additionalProperties: { type: 'string' },
        },
        data: stringMap('Web data; replaces the common `data` on the web.'),
        notification: webNotification,
        fcm_options: {
          type: 'object',
          properties: {
            link: {
              type: 'string',
              pattern: '^https://',
              description: 'HTTPS page opened when the user clicks the notification.',
            },
            analytics_label: { type: 'string', description: 'Label for web analytics.' },
          },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
    fcm_options: {
      type: 'object',
      description: 'Options for every platform.',
      properties: {
        analytics_label: {
          type: 'string',
          pattern: '^[a-zA-Z0-9-_.~%]{1,50}$',
          description: 'Label for analytics (up to 50 characters).',
        },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
} as const;

type SchemaNode = { [key: string]: unknown };

/**
 * Proto3 JSON accepts lowerCamel names too (`collapseKey`), and firebase-admin sends some that
 * way (`webpush.fcmOptions`), so each snake_case field gets a camelCase twin that validates the
 * same but is hidden from completion (`doNotSuggest`, a Monaco JSON extension).
 */
function withCamelAliases(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withCamelAliases);
  if (typeof node !== 'object' || node === null) return node;
  const out: SchemaNode = {};
  for (const [key, value] of Object.entries(node as SchemaNode)) out[key] = withCamelAliases(value);
  const properties = out['properties'] as SchemaNode | undefined;
  if (properties) {
    for (const [name, property] of Object.entries(properties)) {
      const camel = name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
      if (camel !== name && !(camel in properties)) {
        properties[camel] = { ...(property as SchemaNode), description: `Same as ${name}.`, doNotSuggest: true };
      }
    }
  }
  return out;
}

export const fcmMessageJsonSchema = withCamelAliases(snakeCaseSchema) as typeof snakeCaseSchema;
