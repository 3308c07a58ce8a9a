/**
 * JSON Schema (draft-07) of an APNs payload: the `aps` dictionary with Apple's keys and their
 * meaning, plus any custom keys beside it. Drives Monaco validation, hovers and completion; the
 * rules that depend on headers (push type, priority) live in preflight.
 */
const alert = {
  description: 'The alert: a string (the body) or a dictionary with title, subtitle, body and localization keys.',
  anyOf: [
    { type: 'string' },
    {
      type: 'object',
      properties: {
        title: { type: 'string', description: 'Short title shown above the body.' },
        subtitle: { type: 'string', description: 'Secondary line under the title.' },
        body: { type: 'string', description: 'The message text.' },
        'launch-image': {
          type: 'string',
          description: 'Image file in the app bundle shown while launching from the alert.',
        },
        'title-loc-key': { type: 'string', description: 'Key of a localized title in Localizable.strings.' },
        'title-loc-args': {
          type: 'array',
          items: { type: 'string' },
          description: 'Values for the title format specifiers.',
        },
        'subtitle-loc-key': { type: 'string', description: 'Key of a localized subtitle.' },
        'subtitle-loc-args': {
          type: 'array',
          items: { type: 'string' },
          description: 'Values for the subtitle format specifiers.',
        },
        'loc-key': { type: 'string', description: 'Key of a localized body.' },
        'loc-args': { type: 'array', items: { type: 'string' }, description: 'Values for the body format specifiers.' },
      },
      additionalProperties: false,
    },
  ],
};

const sound = {
  description: 'A sound file name, "default", or for critical alerts a dictionary with critical, name and volume.',
  anyOf: [
    { type: 'string' },
    {
      type: 'object',
      properties: {
        critical: { type: 'integer', enum: [0, 1], description: '1 plays a critical alert (needs the entitlement).' },
        name: { type: 'string', description: 'Sound file name, or "default".' },
        volume: { type: 'number', minimum: 0, maximum: 1, description: 'Critical alert volume from 0 to 1.' },
      },
      required: ['name'],
      additionalProperties: false,
    },
  ],
};

export const apnsPayloadJsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  description: 'An APNs notification payload: the `aps` dictionary plus your own keys.',
  required: ['aps'],
  properties: {
    aps: {
      type: 'object',
      description: 'Apple-defined keys telling the system how to present the notification.',
      properties: {
        alert,
        badge: { type: 'integer', minimum: 0, description: 'Number shown on the app icon; 0 removes the badge.' },
        sound,
        'thread-id': { type: 'string', description: 'Groups notifications into one thread in Notification Center.' },
        category: { type: 'string', description: 'Notification category identifier (actions registered by the app).' },
        'content-available': {
          type: 'integer',
          enum: [1],
          description: '1 wakes the app in the background (needs apns-push-type background and priority 5).',
        },
        'mutable-content': {
          type: 'integer',
          enum: [1],
          description: '1 lets the notification service extension modify the content (rich media).',
        },
        'target-content-id': {
          type: 'string',
          description: 'Identifier of the window brought forward when the notification opens.',
        },
        'interruption-level': {
          type: 'string',
          enum: ['passive', 'active', 'time-sensitive', 'critical'],
          description: 'How urgently the system presents it (iOS 15+).',
        },
        'relevance-score': {
          type: 'number',
          minimum: 0,
          description:
            'Ranks the notification in summaries (0 to 1); for a Live Activity, orders the app’s activities (any number, higher first).',
        },
        'filter-criteria': { type: 'string', description: 'Focus filter criteria string.' },
        'stale-date': { type: 'integer', description: 'Live Activity: UNIX time after which the content is stale.' },
        'content-state': {
          type: 'object',
          description: 'Live Activity: the new content state (your ActivityAttributes.ContentState).',
        },
        timestamp: {
          type: 'integer',
          description: 'Live Activity: UNIX time of this update (required for liveactivity).',
        },
        event: {
          type: 'string',
          enum: ['start', 'update', 'end'],
          description: 'Live Activity: what this push does (required for liveactivity).',
        },
        'dismissal-date': {
          type: 'integer',
          description: 'Live Activity: UNIX time when an ended activity leaves the Lock Screen.',
        },
        'attributes-type': { type: 'string', description: 'Live Activity start: the ActivityAttributes type name.' },
        attributes: { type: 'object', description: 'Live Activity start: the static attributes.' },
        'input-push-token': {
          type: 'integer',
          enum: [1],
          description: 'Live Activity start: ask for an update token.',
        },
        'input-push-channel': {
          type: 'string',
          description: 'Live Activity start (iOS 18): the broadcast channel id the new activity listens to.',
        },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: true,
} as const;
