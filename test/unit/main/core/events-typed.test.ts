import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../../main/core/events';
import type { SendResult } from '../../../../shared/domain/send-result';

const result = { id: 'r-1', target: 't' } as SendResult;

describe('EventBus.on', () => {
  it('hears only its own event, before the listeners of every event, until it is removed', () => {
    const bus = new EventBus();
    const heard: string[] = [];
    bus.subscribe((name) => heard.push(`any ${name}`));
    const off = bus.on('send.completed', ({ request, result }) => heard.push(`completed ${result.id} ${request}`));
    bus.on('send.result', (payload) => heard.push(`result ${payload.id}`));
    bus.emit('send.completed', { request: null, result });
    bus.emit('send.result', result, { quiet: true });
    off();
    bus.emit('send.completed', { request: null, result });
    expect(heard).toEqual([
      'completed r-1 null',
      'any send.completed',
      'result r-1',
      'any send.result',
      'any send.completed',
    ]);
  });

  it('never hands send.completed to a renderer', () => {
    const bus = new EventBus();
    const renderer: string[] = [];
    bus.subscribeRenderer((name) => renderer.push(name));
    bus.emit('send.completed', { request: null, result });
    expect(renderer).toEqual([]);
  });
});
