import { readDeclarative } from '../../../shared/providers/webpush/declarative';
import { findAll, parseXml } from '../../../shared/xml/parse';

/** What a device would show for a delivery: a notification's title and body, or what kind it was. */
export interface RenderedNotification {
  title: string | null;
  body: string | null;
  /** For what shows no notification: "Background (content-available)", "Data only", "Badge 3"… */
  note: string | null;
  /** Declarative Web Push: the URL a click opens, the app badge, the action buttons (label → URL). */
  link?: string;
  badge?: number;
  actions?: Array<{ title: string; navigate: string }>;
}

/** What an inbox renderer reads of a delivery. */
export interface InboxDelivery {
  headers: Record<string, string>;
  payload: string;
  /** The emulator's extras; `via` names the service that handed it on (`fcm`, `nhub`). */
  details?: Record<string, unknown>;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

function json(payload: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(payload);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function apnsInbox(delivery: InboxDelivery): RenderedNotification {
  const shown = apnsShown(delivery);
  // FCM's route to a Live Activity: the activity got it from FCM, not from a provider of its own.
  if (delivery.details?.['via'] !== 'fcm') return shown;
  const event = text(record(json(delivery.payload)?.['aps'])['event']);
  const note = event ? `Live Activity ${event}, through FCM` : 'Through FCM';
  return { ...shown, note: shown.note === 'No alert' || shown.note === null ? note : `${shown.note} · ${note}` };
}

function apnsShown({ payload, headers }: InboxDelivery): RenderedNotification {
  const aps = record(json(payload)?.['aps']);
  // A broadcast reaches each subscribed Live Activity; which channel carried it is what tells them apart.
  const channel = headers['apns-channel-id'];
  if (channel) {
    const event = text(aps['event']) ?? 'update';
    return { title: null, body: null, note: `Live Activity ${event}, broadcast on channel ${channel}` };
  }
  // A Live Activity push shows on the activity, not as a notification: say which event it was.
  const live =
    headers['apns-push-type'] === 'liveactivity'
      ? `Live Activity ${text(aps['event']) ?? 'push without an event'}`
      : null;
  const alert = aps['alert'];
  if (typeof alert === 'string') return { title: null, body: alert, note: live };
  const parts = record(alert);
  const title = text(parts['title']);
  const subtitle = text(parts['subtitle']);
  const body = text(parts['body']);
  if (title || body || subtitle)
    return { title: [title, subtitle].filter(Boolean).join(' · ') || null, body, note: live };
  if (live) return { title: null, body: null, note: live };
  if (aps['content-available'] === 1) return { title: null, body: null, note: 'Background (content-available)' };
  if (typeof aps['badge'] === 'number') return { title: null, body: null, note: `Badge ${aps['badge']}` };
  return { title: null, body: null, note: 'No alert' };
}

export function fcmInbox({ payload }: InboxDelivery): RenderedNotification {
  const outer = json(payload) ?? {};
  // Notification Hubs' fcmv1 format wraps the message as FCM's own API does.
  const message = typeof outer['message'] === 'object' ? record(outer['message']) : outer;
  const android = record(record(message['android'])['notification']);
  const common = record(message['notification']);
  const title = text(android['title']) ?? text(common['title']);
  const body = text(android['body']) ?? text(common['body']);
  if (title || body) return { title, body, note: null };
  const data = Object.keys(record(message['data'])).length;
  return {
    title: null,
    body: null,
    note: data ? `Data only (${data} key${data === 1 ? '' : 's'})` : 'No notification',
  };
}

export function wnsInbox({ headers, payload }: InboxDelivery): RenderedNotification {
  const type = headers['x-wns-type'] ?? '';
  if (type === 'wns/raw') return { title: null, body: null, note: 'Raw notification (to the app, not shown)' };
  const parsed = parseXml(payload);
  if (!parsed.ok) return { title: null, body: null, note: 'Not well-formed XML' };
  if (type === 'wns/badge') return { title: null, body: null, note: `Badge ${parsed.root.attributes['value'] ?? ''}` };
  const lines = findAll(parsed.root, 'text')
    .map((element) => element.text.trim())
    .filter(Boolean);
  return {
    title: lines[0] ?? null,
    body: lines.slice(1).join('\n') || null,
    note: type === 'wns/tile' ? 'Tile' : null,
  };
}

export function webpushInbox({ payload }: InboxDelivery): RenderedNotification {
  const declarative = readDeclarative(payload);
  if (declarative) {
    return {
      title: declarative.title,
      body: declarative.body,
      note: declarative.mutable
        ? 'Declarative Web Push (mutable: the service worker may change it)'
        : 'Declarative Web Push',
      link: declarative.navigate,
      ...(declarative.appBadge === null ? {} : { badge: declarative.appBadge }),
      actions: declarative.actions.map(({ title, navigate }) => ({ title, navigate })),
    };
  }
  const value = json(payload);
  if (!value) return { title: null, body: payload || null, note: payload ? null : 'Empty push (no payload)' };
  const notification = record(value['notification']);
  const title = text(value['title']) ?? text(notification['title']);
  const body = text(value['body']) ?? text(notification['body']);
  return title || body ? { title, body, note: null } : { title: null, body: null, note: 'JSON for the service worker' };
}

/** Notification Hubs: the payload is in the platform's own format, named by the hub's header. */
export function nhubInbox(delivery: InboxDelivery): RenderedNotification {
  const format = delivery.headers['servicebusnotification-format'] ?? '';
  if (format === 'apple') return apnsInbox(delivery);
  if (format === 'gcm' || format === 'fcmv1') return fcmInbox(delivery);
  if (format === 'windows') return wnsInbox(delivery);
  if (format === 'browser') return webpushInbox(delivery);
  return { title: null, body: null, note: format ? `${format} payload` : null };
}
