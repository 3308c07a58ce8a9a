/** The push services browsers subscribe with, recognized by endpoint host (protocols.md §5.1). */
export interface PushService {
  id: 'fcm' | 'mozilla' | 'apple' | 'wns' | 'loopback' | 'unknown';
  /** "Google FCM (Chrome)", … */
  name: string;
}

export function pushServiceForHost(host: string): PushService {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (h === 'fcm.googleapis.com' || h === 'android.googleapis.com') {
    return { id: 'fcm', name: 'Google FCM (Chrome)' };
  }
  if (h === 'updates.push.services.mozilla.com' || h.endsWith('.push.services.mozilla.com')) {
    return { id: 'mozilla', name: 'Mozilla Push Service (Firefox)' };
  }
  if (h === 'web.push.apple.com' || h.endsWith('.push.apple.com')) return { id: 'apple', name: 'Apple Push (Safari)' };
  if (h.endsWith('.notify.windows.com')) return { id: 'wns', name: 'Windows Push Notification Services (Edge)' };
  if (isLoopbackHost(h)) return { id: 'loopback', name: 'a push service on this machine' };
  return { id: 'unknown', name: h };
}

/** Endpoint URL → push service; unparsable URLs count as unknown. */
export function pushServiceForEndpoint(endpoint: string): PushService {
  try {
    return pushServiceForHost(new URL(endpoint).hostname);
  } catch {
    return { id: 'unknown', name: 'an unknown push service' };
  }
}

export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}
