import type { Provider } from '../../../shared/domain/exchange';
import type { Draft } from '../../../shared/domain/profile';

export const PROVIDERS: ReadonlyArray<{ id: Provider; label: string }> = [
  { id: 'apns', label: 'APNs' },
  { id: 'fcm', label: 'FCM' },
  { id: 'wns', label: 'WNS' },
  { id: 'webpush', label: 'Web Push' },
  { id: 'nhub', label: 'Notification Hubs' },
];

/** A first payload per provider, so an empty composer is one key away from a valid send. */
export const STARTER_DRAFTS: Record<Provider, Draft> = {
  apns: {
    profileId: null,
    target: '',
    options: { pushType: 'alert', priority: 10 },
    payload: JSON.stringify(
      { aps: { alert: { title: 'Hello', body: 'From Push Console' }, sound: 'default' } },
      null,
      2,
    ),
  },
  fcm: {
    profileId: null,
    target: '',
    options: {},
    payload: JSON.stringify({ notification: { title: 'Hello', body: 'From Push Console' } }, null, 2),
  },
  wns: {
    profileId: null,
    target: '',
    options: { type: 'toast' },
    payload:
      '<toast>\n  <visual>\n    <binding template="ToastGeneric">\n      <text>Hello</text>\n      <text>From Push Console</text>\n    </binding>\n  </visual>\n</toast>\n',
  },
  webpush: {
    profileId: null,
    target: '',
    options: { ttl: 60 },
    payload: JSON.stringify({ title: 'Hello', body: 'From Push Console' }, null, 2),
  },
  nhub: {
    profileId: null,
    target: '',
    options: { format: 'apple' },
    payload: JSON.stringify({ aps: { alert: 'Hello from Push Console' } }, null, 2),
  },
};

export function payloadLanguage(provider: Provider, options: Record<string, unknown>): 'json' | 'xml' | 'plaintext' {
  if (provider === 'wns') return options['type'] === 'raw' ? 'plaintext' : 'xml';
  if (provider === 'nhub')
    return options['format'] === 'windows' ? 'xml' : options['format'] === 'template' ? 'json' : 'json';
  return 'json';
}
