import { summarizeExchange, type ExchangeSummary } from '../../shared/history/summary';
import type { EventBus } from './events';

const FEED_INTERVAL_MS = 100;

/**
 * Renderers show recorded exchanges as list rows, and a bulk send records thousands a second.
 * Sent whole, one event each, they cost the core about 20 µs per target (a contract parse and a
 * JSON serialization of 2–3 KB) and the page a parse of megabytes a second. So renderers get
 * summaries in batches: a lone exchange (a single send) goes out at once, a burst at most once
 * every `intervalMs`. Nothing is kept while no renderer listens (the CLI, no window open).
 */
export function startExchangeFeed(events: EventBus, intervalMs = FEED_INTERVAL_MS): () => void {
  let pending: ExchangeSummary[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastSent = Number.NEGATIVE_INFINITY;
  const send = () => {
    timer = null;
    lastSent = performance.now();
    const batch = pending;
    pending = [];
    if (batch.length > 0 && events.hasRendererListeners) events.emit('exchanges.recorded', batch);
  };
  const unsubscribe = events.on('exchange.recorded', (exchange) => {
    if (!events.hasRendererListeners) return;
    pending.push(summarizeExchange(exchange));
    if (timer) return;
    const wait = lastSent + intervalMs - performance.now();
    if (wait <= 0) send();
    else timer = setTimeout(send, Math.ceil(wait));
  });
  return () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
    timer = null;
    pending = [];
  };
}
