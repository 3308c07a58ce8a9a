import { afterEach, describe, expect, it, vi } from 'vitest';
import { AbortWatchers } from '../../../../../main/core/transport/aborts';
import { Deadlines } from '../../../../../main/core/transport/deadlines';

function timed(name: string, expired: string[]) {
  return { deadline: 0, expire: () => expired.push(name) };
}

describe('Deadlines', () => {
  afterEach(() => vi.useRealTimers());

  it('expires each request at its own timeout, oldest first, and not the ones removed', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
    const deadlines = new Deadlines();
    const expired: string[] = [];
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((name) => timed(name, expired));
    deadlines.add(100, a!);
    vi.advanceTimersByTime(30);
    deadlines.add(100, b!);
    deadlines.add(100, c!);
    deadlines.add(50, d!);
    deadlines.remove(100, c!);
    expect(deadlines.size).toBe(3);
    vi.advanceTimersByTime(60);
    expect(expired).toEqual(['d']);
    vi.advanceTimersByTime(20);
    expect(expired).toEqual(['d', 'a']);
    vi.advanceTimersByTime(40);
    expect(expired).toEqual(['d', 'a', 'b']);
    expect(deadlines.size).toBe(0);
  });

  it('keeps two transports apart: removing from one leaves the other armed', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
    const [first, second] = [new Deadlines(), new Deadlines()];
    const expired: string[] = [];
    const [a, b] = [timed('a', expired), timed('b', expired)];
    first.add(100, a);
    second.add(100, b);
    second.remove(100, a);
    first.remove(100, b);
    vi.advanceTimersByTime(101);
    expect(expired).toEqual(['a', 'b']);
  });
});

describe('AbortWatchers', () => {
  it('adds one listener per signal however many requests share it, and aborts only those still watching', () => {
    const watchers = new AbortWatchers();
    const controller = new AbortController();
    const add = vi.spyOn(controller.signal, 'addEventListener');
    const aborted: number[] = [];
    const calls = Array.from({ length: 50 }, (_, i) => ({ abort: () => aborted.push(i) }));
    for (const call of calls) watchers.watch(controller.signal, call);
    for (const call of calls.slice(0, 48)) watchers.unwatch(controller.signal, call);
    expect(add).toHaveBeenCalledTimes(1);
    expect(watchers.watching(controller.signal)).toBe(2);
    controller.abort();
    expect(aborted).toEqual([48, 49]);
    expect(watchers.watching(controller.signal)).toBe(0);
  });

  it('does not let one transport cancel requests watched by another', () => {
    const [first, second] = [new AbortWatchers(), new AbortWatchers()];
    const controller = new AbortController();
    const aborted: string[] = [];
    first.watch(controller.signal, { abort: () => aborted.push('first') });
    second.watch(controller.signal, { abort: () => aborted.push('second') });
    first.unwatch(controller.signal, { abort: () => {} });
    controller.abort();
    expect(aborted.sort()).toEqual(['first', 'second']);
  });
});
