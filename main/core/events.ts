import { events as eventSchemas, type EventName, type EventPayload } from '../../shared/contract';

export type AnyEventListener = (name: EventName, payload: unknown) => void;

export interface EmitOptions {
  /** Keep it inside main (history, devices): high-rate events a renderer should not be flooded with. */
  quiet?: boolean;
}

/**
 * Main's event fan-out. Internal listeners (history, devices) get every event as is; renderer
 * listeners (the IPC and WebSocket adapters) get only non-quiet events, parsed against the
 * contract so nothing crosses the boundary that the renderer's types do not describe.
 */
export class EventBus {
  readonly #internal = new Set<AnyEventListener>();
  readonly #renderer = new Set<AnyEventListener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>, options: EmitOptions = {}): void {
    for (const listener of this.#internal) listener(name, payload);
    if (options.quiet || this.#renderer.size === 0) return;
    const checked = eventSchemas[name].parse(payload);
    for (const listener of this.#renderer) listener(name, checked);
  }

  /** Everything, inside main. */
  subscribe(listener: AnyEventListener): () => void {
    this.#internal.add(listener);
    return () => this.#internal.delete(listener);
  }

  /** What may cross to a renderer. */
  subscribeRenderer(listener: AnyEventListener): () => void {
    this.#renderer.add(listener);
    return () => this.#renderer.delete(listener);
  }

  get listenerCount(): number {
    return this.#internal.size + this.#renderer.size;
  }
}
