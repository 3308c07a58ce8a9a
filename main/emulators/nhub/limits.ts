/** "413 Requested entity too large. The message size cannot be over 64 Kb." (NH REST send pages). */
export const NHUB_ENTITY_LIMIT = 64 * 1024;

/** WNS: 5000 bytes by its own 413 text; "5 KB" in the NH raw doc (protocols.md §3.4, marked [?]). */
const WNS_LIMIT = 5000;
const WNS_LIMIT_5KB = 5120;

export interface PlatformLimit {
  bytes: number;
  /** The PNS the hub hands the payload to, for the error text. */
  pns: string;
}

/**
 * What the platform behind a format takes, so the hub refuses at once what the PNS would refuse.
 * APNs 4096 (VoIP 5120), FCM 4096, WNS 5000, Web Push 3993 bytes of plaintext (the RFC 8030 floor
 * of 4096 less aes128gcm's header, delimiter and tag). Formats whose PNS limit protocols.md does
 * not give (adm, baidu, xiaomi) and templates (checked per platform once expanded, by the PNS)
 * only meet the 64 KB entity limit.
 */
export function platformLimit(
  format: string,
  headers: { apnsPushType?: string | undefined },
  checks: { wnsLimit5000: boolean; browserLimit: boolean },
): PlatformLimit | null {
  switch (format) {
    case 'apple':
      return headers.apnsPushType?.toLowerCase() === 'voip'
        ? { bytes: 5120, pns: 'APNs (VoIP)' }
        : { bytes: 4096, pns: 'APNs' };
    case 'fcmv1':
    case 'gcm':
      return { bytes: 4096, pns: 'FCM' };
    case 'windows':
      return { bytes: checks.wnsLimit5000 ? WNS_LIMIT : WNS_LIMIT_5KB, pns: 'WNS' };
    case 'browser':
      // Push services must take 4,096 bytes (RFC 8030 §7.2) but may take more (protocols.md §5.5, [?]).
      return checks.browserLimit ? { bytes: 3993, pns: 'Web Push' } : null;
    default:
      return null;
  }
}

export type SizeRefusal = { status: 400 | 413; reason: 'PayloadTooLarge'; detail: string };

const figure = (n: number) => n.toLocaleString('en-US');

/** The documented answers: 413 past 64 KB, 400 ("message exceeds size") past the platform's limit. */
export function sizeRefusal(bytes: number, format: string, limit: PlatformLimit | null): SizeRefusal | null {
  if (bytes > NHUB_ENTITY_LIMIT) {
    return {
      status: 413,
      reason: 'PayloadTooLarge',
      detail: `Requested entity too large. The message size cannot be over 64 Kb; this one is ${figure(bytes)} bytes.`,
    };
  }
  if (limit && bytes > limit.bytes) {
    return {
      status: 400,
      reason: 'PayloadTooLarge',
      detail: `The message exceeds size: the ${format} payload is ${figure(bytes)} bytes; ${limit.pns} takes at most ${figure(limit.bytes)}.`,
    };
  }
  return null;
}
