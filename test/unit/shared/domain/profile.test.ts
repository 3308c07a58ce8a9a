import { describe, expect, it } from 'vitest';
import { asksBeforeSending } from '../../../../shared/domain/profile';

describe('asksBeforeSending', () => {
  it('asks for production unless the profile was told not to, and never elsewhere', () => {
    expect(asksBeforeSending({ environment: 'production' })).toBe(true);
    expect(asksBeforeSending({ environment: 'production', confirmProduction: true })).toBe(true);
    expect(asksBeforeSending({ environment: 'production', confirmProduction: false })).toBe(false);
    expect(asksBeforeSending({ environment: 'sandbox' })).toBe(false);
    expect(asksBeforeSending({ environment: 'local', confirmProduction: true })).toBe(false);
  });
});
