import { events as eventSchemas, isEventName, type EventName, type EventPayload } from '../../shared/contract';
import type { Exchange } from '../../shared/domain/exchange';
import type { SendRequest } from '../../shared/domain/send-request';
import type { SendResult } from '../../shared/domain/send-result';

/**
 * Events that never cross to a renderer. A whole exchange is 2–3 KB of JSON and a bulk send
 * records thousands a second; renderers get them as batched summaries (`exchanges.recorded`).
 */
export interface InternalEvents {
  'exchange.recorded': Exchange;
  /**
   * A send's final result with the request that produced it (null for a bulk target that was
   * never sent): what history keeps and devices learn from. Emitted just before `send.result`.
   */
  'send.completed': { request: SendRequest | null; result: SendResult };
}

export type BusEventName = EventName | keyof InternalEvents;
export type BusEventPayload<E extends BusEventName> = E extends EventName
  ? EventPayload<E>
  : E extends keyof InternalEvents
    ? InternalEvents[E]
    : never;

export type AnyEventListener = (name: BusEventName, payload: unknown) => void;
export type EventListener<E extends BusEventName> = (payload: BusEventPayload<E>) => void;

/** Returns what a renderer event must wait for, or null to deliver it now. */
export type RendererGate = () => Promise<void> | null;

export interface EmitOptions {
  /** Keep it inside main (history, devices): high-rate events a renderer should not be flooded with. */
  quiet?: boolean;
}

/**
 * Main's event fan-out. Internal listeners (history, devices) get every event as is; renderer
 * listeners (the IPC and WebSocket adapters) get only non-quiet contract events, parsed against
 * the contract so nothing crosses the boundary that the renderer's types do not describe.
 */
export class EventBus {
  readonly #internal = new Set<AnyEventListener>();
  /** Listeners of one event each (`on`), called before the listeners of every event. */
  readonly #named = new Map<BusEventName, Set<(payload: never) => void>>();
  readonly #renderer = new Set<AnyEventListener>();
  #gate: RendererGate | null = null;
  /** Renderer events waiting for the gate, in emit order, each with what it waits for. */
  #held: Array<{ name: BusEventName; payload: unknown; wait: Promise<void> | null }> = [];

  emit<E extends BusEventName>(name: E, payload: BusEventPayload<E>, options: EmitOptions = {}): void {
    const named = this.#named.get(name) as Set<EventListener<E>> | undefined;
    if (named) for (const listener of named) listener(payload);
    for (const listener of this.#internal) listener(name, payload);
    if (options.quiet || this.#renderer.size === 0 || !isEventName(name)) return;
    const checked = eventSchemas[name].parse(payload);
    // Asked after the internal listeners, so it covers what they just recorded.
    const wait = this.#gate?.() ?? null;
    if (wait === null && this.#held.length === 0) {
      for (const listener of this.#renderer) listener(name, checked);
      return;
    }
    // Later events queue behind held ones, so renderers see them in emit order.
    this.#held.push({ name, payload: checked, wait });
    if (this.#held.length === 1) void this.#release();
  }

  /**
   * What renderer events wait for: history's write of what was recorded before them (null when
   * nothing is pending), so a result a window shows is on disk even if the process dies next.
   */
  holdRendererEvents(gate: RendererGate): void {
    this.#gate = gate;
  }

  async #release(): Promise<void> {
    try {
      while (this.#held.length > 0) {
        const next = this.#held[0]!;
        if (next.wait) await next.wait.catch(() => {});
        this.#held.shift();
        for (const listener of this.#renderer) listener(next.name, next.payload);
      }
    } finally {
      // A listener that threw must not strand the events behind it.
      if (this.#held.length > 0) void this.#release();
    }
  }

  /** One event inside main, its payload typed for that event. */
  on<E extends BusEventName>(name: E, listener: EventListener<E>): () => void {
    let listeners = this.#named.get(name);
    if (!listeners) this.#named.set(name, (listeners = new Set()));
    listeners.add(listener);
    return () => listeners.delete(listener);
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

  /** Whether any renderer listens (work done only for renderers can be skipped otherwise). */
  get hasRendererListeners(): boolean {
    return this.#renderer.size > 0;
  }
}
