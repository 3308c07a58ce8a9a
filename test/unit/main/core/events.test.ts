import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../../main/core/events';

const progress = (done: number) => ({
  sendId: 's',
  done,
  total: 9,
  accepted: done,
  rejected: 0,
  failed: 0,
  ratePerSecond: 0,
  etaSeconds: null,
  state: 'running' as const,
});

describe('EventBus renderer gate', () => {
  it('holds renderer events until what they wait for is done, then delivers all in emit order', async () => {
    const bus = new EventBus();
    let release = () => {};
    let pending: Promise<void> | null = new Promise<void>((resolve) => (release = resolve));
    bus.holdRendererEvents(() => pending);
    const internal: number[] = [];
    const renderer: number[] = [];
    bus.subscribe((_name, payload) => internal.push((payload as { done: number }).done));
    bus.subscribeRenderer((_name, payload) => renderer.push((payload as { done: number }).done));
    bus.emit('send.progress', progress(1));
    // Nothing pending for this one, but it must not overtake the first.
    pending = null;
    bus.emit('send.progress', progress(2));
    expect(internal).toEqual([1, 2]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(renderer).toEqual([]);
    release();
    await expect.poll(() => renderer).toEqual([1, 2]);
    // With nothing held and nothing pending, delivery is immediate again.
    bus.emit('send.progress', progress(3));
    expect(renderer).toEqual([1, 2, 3]);
  });

  it('does not strand held events behind a listener that throws', async () => {
    const bus = new EventBus();
    bus.holdRendererEvents(() => Promise.resolve());
    const seen: number[] = [];
    const failures: unknown[] = [];
    const onRejection = (reason: unknown) => failures.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      bus.subscribeRenderer((_name, payload) => {
        const { done } = payload as { done: number };
        seen.push(done);
        if (done === 1) throw new Error('listener broke');
      });
      bus.emit('send.progress', progress(1));
      bus.emit('send.progress', progress(2));
      await expect.poll(() => seen).toEqual([1, 2]);
      await expect.poll(() => failures.length).toBe(1);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });
});
