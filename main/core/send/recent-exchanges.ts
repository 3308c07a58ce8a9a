import type { Exchange } from '../../../shared/domain/exchange';
import type { EventBus } from '../events';

/**
 * The last exchanges recorded, by id, so a send's diagnosis reads what its exchanges said without
 * waiting for history's write. Bounded: a bulk send records thousands a second.
 */
export class RecentExchanges {
  readonly #byId = new Map<string, Exchange>();
  readonly #max: number;

  constructor(events: EventBus, max = 256) {
    this.#max = max;
    events.on('exchange.recorded', (exchange) => {
      this.#byId.set(exchange.id, exchange);
      if (this.#byId.size > this.#max) this.#byId.delete(this.#byId.keys().next().value!);
    });
  }

  /** The ones still held, in the order asked. */
  get(ids: readonly string[]): Exchange[] {
    const found: Exchange[] = [];
    for (const id of ids) {
      const exchange = this.#byId.get(id);
      if (exchange) found.push(exchange);
    }
    return found;
  }
}
