import type { WnsTemplate } from './types';

export const rawJson: WnsTemplate = {
  id: 'wns-raw-json',
  name: 'Raw: JSON',
  description: 'App data for a background task; nothing is shown to the user.',
  options: { type: 'raw', cachePolicy: 'cache', priority: 3 },
  payload: JSON.stringify({ action: 'update_config', version: '1.2.3', restart: false }, null, 2),
};

export const rawText: WnsTemplate = {
  id: 'wns-raw-text',
  name: 'Raw: plain text',
  description: 'A short plain-text string for the app.',
  options: { type: 'raw' },
  payload: 'sync-now',
};
