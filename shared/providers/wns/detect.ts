import type { TargetDetector } from '../identity';

/** Channel URIs from notify.windows.com, or the local emulator's `/w/?token=` ones. */
export const wnsTargetDetector = {
  shape: 'url',
  example: 'https://db5p.notify.windows.com/w/?token=BQYAAA',
  kinds: { 'wns-channel': 'WNS channel URI' },
  detect: (value) => (/notify\.windows\.com/i.test(value) || /\/w\/\?token=/i.test(value) ? 'wns-channel' : null),
} as const satisfies TargetDetector<'wns-channel'>;
