import type { WebpushTemplate } from './types';

/** Plain text: what `event.data.text()` returns, for service workers that do not parse JSON. */
export const textTemplate: WebpushTemplate = {
  id: 'webpush.text',
  name: 'Plain text',
  description: 'A short text payload, read with event.data.text().',
  options: { ttl: 600, urgency: 'high' },
  payload: 'Hello from Push Console',
};
