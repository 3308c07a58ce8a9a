import { z } from 'zod';
import { environmentSchema } from '../../domain/environment';

export const WNS_TYPES = ['toast', 'tile', 'badge', 'raw'] as const;
export type WnsType = (typeof WNS_TYPES)[number];

/** protocols.md §3.4: WNS answers 413 above 5000 bytes ("5000 byte size limit"). */
export const WNS_MAX_PAYLOAD_BYTES = 5000;
/**
 * The `aud` of an Entra access token asked for the scope `https://wns.windows.com/.default`: a v2
 * `.default` scope names its resource, so this is inferred from Microsoft's docs, not seen on the
 * wire [?].
 */
export const WNS_TOKEN_AUDIENCE = 'https://wns.windows.com';

/** Whether a token's `aud` is WNS's: Entra's resource URI, or the Live scope's host. */
export function isWnsAudience(aud: string): boolean {
  return /(^|\/\/)(wns|notify)\.windows\.com(\/|$)/i.test(aud);
}

/** X-WNS-Tag and X-WNS-Group: alphanumeric, at most 16 characters. */
export const WNS_MAX_TAG_LENGTH = 16;
/**
 * X-WNS-PRIORITY: 1 High … 4 Very Low per the current desktop table; older copies say 0–3 [?].
 * The preflight accepts 1–4 and only warns about 0.
 */
export const WNS_PRIORITY_MIN = 1;
export const WNS_PRIORITY_MAX = 4;

/** Every X-WNS header the composer can set, one option each. */
export const wnsOptionsSchema = z.object({
  type: z
    .enum(WNS_TYPES)
    .default('toast')
    .describe('X-WNS-Type: toast (pop-up), tile (Start tile), badge (number or glyph) or raw (app data, no UI).'),
  cachePolicy: z
    .enum(['cache', 'no-cache'])
    .optional()
    .describe(
      'X-WNS-Cache-Policy: keep the last notification for an offline device (tile/badge default cache, raw default no-cache).',
    ),
  requestForStatus: z
    .boolean()
    .optional()
    .describe('X-WNS-RequestForStatus: ask WNS to answer with the device connection status.'),
  tag: z
    .string()
    .optional()
    .describe('X-WNS-Tag: up to 16 letters or digits; a newer tile with the same tag replaces it.'),
  group: z.string().optional().describe('X-WNS-Group: up to 16 letters or digits (Windows Phone notification groups).'),
  match: z
    .string()
    .optional()
    .describe(
      'X-WNS-Match: sends a DELETE that removes notifications from Action Center, e.g. "type:wns/toast;tag=abc" or "type:wns/toast;all".',
    ),
  ttl: z
    .number()
    .int()
    .nonnegative()
    .optional()
    .describe('X-WNS-TTL: seconds after which WNS discards the notification; default never.'),
  suppressPopup: z
    .boolean()
    .optional()
    .describe('X-WNS-SuppressPopup: Windows Phone only; a Windows channel drops the notification and WNS errors.'),
  priority: z
    .number()
    .int()
    .optional()
    .describe('X-WNS-PRIORITY: 1 High (toast default), 2 Medium (tile/badge), 3 Low (raw), 4 Very Low.'),
});
export type WnsOptions = z.infer<typeof wnsOptionsSchema>;
export type WnsOptionsInput = z.input<typeof wnsOptionsSchema>;

export const wnsSendSchema = z.object({
  provider: z.literal('wns'),
  credential: z.string().min(1),
  environment: environmentSchema,
  /** Channel URI. */
  target: z.string().describe('Channel URI from the app, e.g. https://wns2-by3p.notify.windows.com/?token=…'),
  options: wnsOptionsSchema.default({ type: 'toast' }),
  /** XML for toast/tile/badge; any text or bytes for raw. */
  payload: z.string(),
});
export type WnsSendRequest = z.infer<typeof wnsSendSchema>;

/** The Content-Type WNS expects for each type (§3.3). */
export function wnsContentType(type: WnsType): string {
  return type === 'raw' ? 'application/octet-stream' : 'text/xml';
}

/** Badge glyph names from badge.xsd (§3.5). */
export const WNS_BADGE_GLYPHS = [
  'none',
  'activity',
  'alert',
  'alarm',
  'available',
  'away',
  'busy',
  'newMessage',
  'paused',
  'playing',
  'unavailable',
  'error',
  'attention',
] as const;
