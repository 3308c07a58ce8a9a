import type { ProviderIdentity, TargetDetector } from '../identity';

export const wnsIdentity = {
  label: 'WNS',
  credentialKinds: { wns: 'WNS' },
  /** Channel URIs from notify.windows.com, or the local emulator's `/w/?token=` ones. */
  detector: {
    shape: 'url',
    kinds: { 'wns-channel': 'WNS channel URI' },
    detect: (value) => (/notify\.windows\.com/i.test(value) || /\/w\/\?token=/i.test(value) ? 'wns-channel' : null),
  } satisfies TargetDetector<'wns-channel'>,
} as const satisfies ProviderIdentity;
