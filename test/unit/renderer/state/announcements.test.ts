import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ThrottledAnnouncer } from '../../../../renderer/state/announcements';

// The bulk panel's progress announcer: at most one message a second, the latest one kept.
describe('ThrottledAnnouncer', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  it('says the first message at once and the newest of a burst one interval later', () => {
    const said: Array<[number, string]> = [];
    const start = performance.now();
    const announcer = new ThrottledAnnouncer((text) => said.push([performance.now() - start, text]), 1000);
    for (let i = 1; i <= 20; i++) {
      announcer.push(`${i} of 20`);
      vi.advanceTimersByTime(100);
    }
    vi.advanceTimersByTime(2000);
    expect(said).toEqual([
      [0, '1 of 20'],
      [1000, '10 of 20'],
      [2000, '20 of 20'],
    ]);
  });

  it('says a message at once again after a quiet interval', () => {
    const said: string[] = [];
    const announcer = new ThrottledAnnouncer((text) => said.push(text), 1000);
    announcer.push('running');
    vi.advanceTimersByTime(1500);
    announcer.push('done');
    expect(said).toEqual(['running', 'done']);
  });
});
