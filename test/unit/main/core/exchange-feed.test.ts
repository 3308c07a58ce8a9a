import { afterEach, describe, expect, it } from 'vitest';
import { events as eventSchemas } from '../../../../shared/contract';
import { summarizeExchange, type ExchangeSummary } from '../../../../shared/history/summary';
import { EventBus, type BusEventName } from '../../../../main/core/events';
import { startExchangeFeed } from '../../../../main/core/exchange-feed';
import { makeExchange } from '../../../support/history-fixtures';

const INTERVAL = 40;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('exchange feed (renderers get recorded exchanges as batched summaries)', () => {
  let stop: (() => void) | null = null;
  afterEach(() => stop?.());

  function rendererOf(bus: EventBus) {
    const seen: Array<{ name: BusEventName; payload: unknown; at: number }> = [];
    bus.subscribeRenderer((name, payload) => seen.push({ name, payload, at: performance.now() }));
    return seen;
  }

  it('sends a lone exchange at once, as its summary, and never the whole exchange', () => {
    const bus = new EventBus();
    stop = startExchangeFeed(bus, INTERVAL);
    const seen = rendererOf(bus);
    const exchange = makeExchange(7);
    bus.emit('exchange.recorded', exchange);
    expect(seen).toEqual([
      { name: 'exchanges.recorded', payload: [summarizeExchange(exchange)], at: expect.any(Number) },
    ]);
    // The whole exchange (headers, bodies) stays inside main.
    expect(JSON.stringify(seen)).not.toContain('requestHeaders');
    expect(eventSchemas['exchanges.recorded'].parse(seen[0]!.payload)).toHaveLength(1);
  });

  it('batches a burst: every exchange once, in order, in a few events spaced by the interval', async () => {
    const bus = new EventBus();
    stop = startExchangeFeed(bus, INTERVAL);
    const seen = rendererOf(bus);
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 250; i++) bus.emit('exchange.recorded', makeExchange(round * 250 + i));
      await wait(INTERVAL / 2);
    }
    await wait(INTERVAL * 2);
    const ids = seen.flatMap((event) => (event.payload as ExchangeSummary[]).map((summary) => summary.id));
    expect(ids).toEqual(Array.from({ length: 1000 }, (_, i) => `ex-${i}`));
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.length).toBeLessThanOrEqual(4);
    for (let k = 1; k < seen.length; k++) expect(seen[k]!.at - seen[k - 1]!.at).toBeGreaterThanOrEqual(INTERVAL * 0.75);
  });

  it('keeps nothing while no renderer listens, and stops on close', async () => {
    const bus = new EventBus();
    stop = startExchangeFeed(bus, INTERVAL);
    for (let i = 0; i < 10; i++) bus.emit('exchange.recorded', makeExchange(i));
    const seen = rendererOf(bus);
    await wait(INTERVAL * 2);
    expect(seen).toEqual([]);
    bus.emit('exchange.recorded', makeExchange(10));
    bus.emit('exchange.recorded', makeExchange(11));
    stop();
    stop = null;
    await wait(INTERVAL * 2);
    // The first went out at once; the second was waiting for the interval when the feed stopped.
    expect(seen.map((event) => (event.payload as ExchangeSummary[]).map((summary) => summary.id))).toEqual([['ex-10']]);
  });

  it('internal listeners still get whole exchanges, and renderers never get exchange.recorded', () => {
    const bus = new EventBus();
    stop = startExchangeFeed(bus, INTERVAL);
    const internal: unknown[] = [];
    bus.subscribe((name, payload) => name === 'exchange.recorded' && internal.push(payload));
    const seen = rendererOf(bus);
    const exchange = makeExchange(3);
    bus.emit('exchange.recorded', exchange);
    expect(internal).toEqual([exchange]);
    expect(seen.map((event) => event.name)).toEqual(['exchanges.recorded']);
  });
});
