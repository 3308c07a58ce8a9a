import type { WebpushTemplate } from './types';

/**
 * A data message the service worker handles without showing anything (cache refresh, badge
 * count). Browsers allow few of these before demanding a visible notification, so it is low urgency.
 */
export const silentTemplate: WebpushTemplate = {
  id: 'webpush.silent',
  name: 'Silent data message',
  description: 'JSON data for the service worker to act on; it shows no notification itself.',
  options: { ttl: 3600, urgency: 'low', topic: 'sync-inbox' },
  payload: JSON.stringify({ type: 'sync', collection: 'inbox', since: '2026-01-01T00:00:00Z' }, null, 2),
};
