import { describe, expect, it } from 'vitest';
import { optionLabel } from '../../../../../renderer/features/compose/option-label';

describe('option labels', () => {
  it('splits keys into words and keeps protocol spellings', () => {
    expect(optionLabel('apnsId')).toBe('APNs ID');
    expect(optionLabel('pushType')).toBe('Push type');
    expect(optionLabel('collapseId')).toBe('Collapse ID');
    expect(optionLabel('ttl')).toBe('TTL');
    expect(optionLabel('priority')).toBe('Priority');
    expect(optionLabel('x-wns-cache-policy')).toBe('X WNS cache policy');
    expect(optionLabel('deviceHandle')).toBe('Device handle');
  });
});
