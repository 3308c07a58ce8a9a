import type { ProviderIdentity, TargetDetector } from '../identity';
import { targetUrlProblem } from '../target-url';

export const wnsIdentity = {
  label: 'WNS',
  credentialKinds: { wns: 'WNS' },
  /** Channel URIs from notify.windows.com, or the local emulator's `/w/?token=` ones. */
  detector: {
    shape: 'url',
    kinds: { 'wns-channel': 'WNS channel URI' },
    detect: (value) => (/notify\.windows\.com/i.test(value) || /\/w\/\?token=/i.test(value) ? 'wns-channel' : null),
  } satisfies TargetDetector<'wns-channel'>,
  targetProblem: (target, environment) =>
    targetUrlProblem(target, environment, 'A WNS channel', {
      test: (host) => /(^|\.)notify\.windows\.com$/i.test(host),
      name: 'a WNS host (…notify.windows.com)',
    }),
} as const satisfies ProviderIdentity;
