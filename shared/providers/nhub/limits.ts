/**
 * What the platform behind each Notification Hubs format takes (protocols.md §4): the hub refuses
 * at once, with 400 "The message exceeds size", what the PNS would refuse. Formats without a
 * documented PNS limit (adm, baidu, xiaomi, templates) meet only the 64 KB entity limit.
 */
export const NHUB_PLATFORM_LIMITS = {
  apple: { bytes: 4096, pns: 'APNs' },
  appleVoip: { bytes: 5120, pns: 'APNs (VoIP)' },
  fcm: { bytes: 4096, pns: 'FCM' },
  /** WNS's own 413 text says 5000 bytes; the NH raw doc says "5 KB" ([?]: the emulator's check `wnsLimit5000`). */
  windows: { bytes: 5000, pns: 'WNS' },
  /** RFC 8030's 4,096-byte floor less aes128gcm's header, delimiter and tag ([?]: the emulator's `browserLimit`). */
  browser: { bytes: 3993, pns: 'Web Push' },
} as const;

/** "413 Requested entity too large. The message size cannot be over 64 Kb." (NH REST send pages). */
export const NHUB_ENTITY_LIMIT = 64 * 1024;

export interface NhubPlatformLimit {
  bytes: number;
  /** The PNS the hub hands the payload to, for the error text. */
  pns: string;
}

/** The platform's limit for a format (VoIP by its apns-push-type header), or null for the entity limit only. */
export function nhubPlatformLimit(format: string, apnsPushType: string | undefined): NhubPlatformLimit | null {
  switch (format) {
    case 'apple':
      return apnsPushType?.toLowerCase() === 'voip' ? NHUB_PLATFORM_LIMITS.appleVoip : NHUB_PLATFORM_LIMITS.apple;
    case 'fcmv1':
    case 'gcm':
      return NHUB_PLATFORM_LIMITS.fcm;
    case 'windows':
      return NHUB_PLATFORM_LIMITS.windows;
    case 'browser':
      return NHUB_PLATFORM_LIMITS.browser;
    default:
      return null;
  }
}

/** The limit a send's payload is held to before it leaves (the platform's, else the entity limit). */
export function nhubPayloadLimit(options: Record<string, unknown>): number {
  const headers = (options['headers'] ?? {}) as Record<string, string>;
  const pushType = Object.entries(headers).find(([name]) => name.toLowerCase() === 'apns-push-type')?.[1];
  return nhubPlatformLimit(String(options['format'] ?? 'apple'), pushType)?.bytes ?? NHUB_ENTITY_LIMIT;
}
