import { events as eventSchemas, type EventName, type EventPayload } from '../../shared/contract';

export type AnyEventListener = (name: EventName, payload: unknown) => void;

/**
 * Main's event fan-out. Payloads are parsed against the contract on the way out, so an adapter
 * never forwards something the renderer's types do not describe.
 */
export class EventBus {
  readonly #listeners = new Set<AnyEventListener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    if (this.#listeners.size === 0) return;
    const checked = eventSchemas[name].parse(payload);
    for (const listener of this.#listeners) listener(name, checked);
  }

  subscribe(listener: AnyEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }
}
