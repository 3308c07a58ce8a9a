import type { ProviderIdentity, TargetDetector } from '../identity';

export const nhubIdentity = {
  label: 'Notification Hubs',
  credentialKinds: { nhub: 'Notification Hubs' },
  /** Tag expressions; loose enough to match many things, so never a reason to call a mismatch. */
  detector: {
    shape: 'text',
    kinds: { 'nhub-tags': 'Notification Hubs tag expression' },
    detect: (value) => (/^[A-Za-z0-9_@#.:\-$!&|() ]+$/.test(value) && value.length <= 1024 ? 'nhub-tags' : null),
    loose: ['nhub-tags'],
  } satisfies TargetDetector<'nhub-tags'>,
  // Tag expressions, or handles of any platform: nothing to refuse.
  targetProblem: () => null,
} as const satisfies ProviderIdentity;
