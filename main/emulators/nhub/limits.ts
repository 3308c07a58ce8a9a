import {
  NHUB_ENTITY_LIMIT,
  NHUB_PLATFORM_LIMITS,
  nhubPlatformLimit,
  type NhubPlatformLimit,
} from '../../../shared/providers/nhub/limits';

export { NHUB_ENTITY_LIMIT };
export type PlatformLimit = NhubPlatformLimit;

/** WNS "5 KB" in the NH raw doc, when the check `wnsLimit5000` (protocols.md §3.4, [?]) is off. */
const WNS_LIMIT_5KB = 5120;

/**
 * What the platform behind a format takes (the client's table, `shared/providers/nhub/limits.ts`),
 * with the two [?] figures switchable: `wnsLimit5000` off takes "5 KB", `browserLimit` off leaves
 * Web Push at the 64 KB entity limit.
 */
export function platformLimit(
  format: string,
  headers: { apnsPushType?: string | undefined },
  checks: { wnsLimit5000: boolean; browserLimit: boolean },
): PlatformLimit | null {
  if (format === 'windows' && !checks.wnsLimit5000)
    return { bytes: WNS_LIMIT_5KB, pns: NHUB_PLATFORM_LIMITS.windows.pns };
  if (format === 'browser' && !checks.browserLimit) return null;
  return nhubPlatformLimit(format, headers.apnsPushType);
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
