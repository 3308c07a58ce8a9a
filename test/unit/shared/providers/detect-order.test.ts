import { describe, expect, it, vi } from 'vitest';
import { detectTarget } from '../../../../shared/providers/detect-target';
import type * as ids from '../../../../shared/providers/ids';
import { PROVIDER_IDS } from '../../../../shared/providers/ids';
import { SAMPLE_TARGETS } from '../../../support/sample-targets';

// Detection must not lean on the order of the ids (a new provider is appended anywhere):
// run it with the ids reversed, which puts Notification Hubs' match-anything tags first.
vi.mock('../../../../shared/providers/ids', async (importOriginal) => {
  const actual = await importOriginal<typeof ids>();
  return { ...actual, PROVIDER_IDS: [...actual.PROVIDER_IDS].reverse() };
});

describe('target detection under reversed id order', () => {
  it('runs with the ids reversed', () => {
    expect(PROVIDER_IDS.at(-1)).toBe('apns');
  });

  it.each(Object.entries(SAMPLE_TARGETS))('still says %s for its sample target', (provider, target) => {
    expect(detectTarget(target).provider).toBe(provider);
  });

  it('gives the same kinds as in id order', () => {
    expect(detectTarget('a'.repeat(64)).kind).toBe('apns-token');
    expect(detectTarget('/topics/news').kind).toBe('fcm-topic');
    expect(detectTarget("'news' in topics && !('cats' in topics)").kind).toBe('fcm-condition');
    expect(detectTarget('sports && !(politics)').kind).toBe('nhub-tags');
    expect(detectTarget('   ').kind).toBe('empty');
  });
});
