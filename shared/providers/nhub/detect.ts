import type { TargetDetector } from '../identity';

/** Tag expressions; loose enough to match many things, so never a reason to call a mismatch. */
export const nhubTargetDetector = {
  shape: 'text',
  example: 'sports',
  kinds: { 'nhub-tags': 'Notification Hubs tag expression' },
  detect: (value) => (/^[A-Za-z0-9_@#.:\-$!&|() ]+$/.test(value) && value.length <= 1024 ? 'nhub-tags' : null),
  loose: ['nhub-tags'],
} as const satisfies TargetDetector<'nhub-tags'>;
