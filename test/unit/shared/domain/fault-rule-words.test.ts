import { describe, expect, it } from 'vitest';
import { faultRuleSchema, type FaultRuleInput } from '../../../../shared/domain/fault-rule';
import { faultRuleWords } from '../../../../shared/domain/fault-rule-words';

const words = (input: FaultRuleInput, hits?: number) =>
  faultRuleWords({ ...faultRuleSchema.parse(input), ...(hits !== undefined ? { hits } : {}) });

describe('faultRuleWords', () => {
  it('says a status rule with its reason, Retry-After, how often and whether it was used', () => {
    const rule: FaultRuleInput = { action: { kind: 'status', status: 503, retryAfterSeconds: 2 }, times: 1 };
    expect(words(rule, 0)).toBe('503 ServiceUnavailable, Retry-After 2 s, once, not used yet');
    expect(words(rule, 1)).toBe('503 ServiceUnavailable, Retry-After 2 s, once, used');
  });

  it('counts the hits of a rule that fires every time', () => {
    const rule: FaultRuleInput = { action: { kind: 'status', status: 429, reason: 'TooManyRequests' } };
    expect(words(rule, 0)).toBe('429 TooManyRequests, every time, not hit yet');
    expect(words(rule, 3)).toBe('429 TooManyRequests, every time, hit 3×');
  });

  it('says a rule limited to some times, requests and devices', () => {
    expect(words({ action: { kind: 'status', status: 500, reason: 'Internal' }, times: 4, probability: 0.05 }, 2)).toBe(
      '500 Internal, 5% of requests, 4 times, hit 2 of 4',
    );
    expect(words({ action: { kind: 'status', status: 410 }, times: 2 }, 2)).toBe('410 Gone, 2 times, used up (2 of 2)');
    expect(words({ action: { kind: 'status', status: 418 }, nth: 3, match: { device: 'abc' } })).toBe(
      '418, only device abc, only the 3rd request, every time',
    );
  });

  it('says delays, resets, dropped connections and GOAWAY in words', () => {
    expect(words({ action: { kind: 'delay', ms: 1500 } }, 1)).toBe('Delay of 1,500 ms, every time, hit 1×');
    expect(words({ action: { kind: 'reset' } })).toBe('Reset the stream, every time');
    expect(words({ action: { kind: 'reset', scope: 'connection' }, match: { path: '/3/device' } })).toBe(
      'Drop the connection, only paths containing /3/device, every time',
    );
    expect(words({ action: { kind: 'goaway', reason: 'ENHANCE_YOUR_CALM' }, times: 1 }, 0)).toBe(
      'GOAWAY ENHANCE_YOUR_CALM, once, not used yet',
    );
  });
});
