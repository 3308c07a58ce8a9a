import { randomUUID } from 'node:crypto';

/** One notification an emulated device received, as the emulator accepted it. */
export interface Delivery {
  id: string;
  provider: string;
  /** The emulated device: token, registration id, channel id, subscription id. */
  device: string;
  receivedAt: string;
  /** Request headers that matter to the provider (push type, TTL, X-WNS-Type…). */
  headers: Record<string, string>;
  /** The payload as the device would see it (decrypted for Web Push). */
  payload: string;
  /** Provider-specific extras (topic, collapse id, message id…). */
  details?: Record<string, unknown>;
}

type Listener = (delivery: Delivery) => void;

/** Every delivery an emulator made, per device, newest last; capped so long runs stay small. */
export class Inbox {
  readonly #items: Delivery[] = [];
  readonly #listeners = new Set<Listener>();
  readonly #cap: number;

  constructor(cap = 50_000) {
    this.#cap = cap;
  }

  record(entry: Omit<Delivery, 'id' | 'receivedAt'> & { receivedAt?: string }): Delivery {
    const delivery: Delivery = { id: randomUUID(), receivedAt: new Date().toISOString(), ...entry };
    this.#items.push(delivery);
    // Trim in chunks: dropping one item per delivery would move the whole array every time.
    if (this.#items.length > this.#cap + Math.max(1, this.#cap >> 4)) {
      this.#items.splice(0, this.#items.length - this.#cap);
    }
    for (const listener of this.#listeners) listener(delivery);
    return delivery;
  }

  list(device?: string): Delivery[] {
    const kept = this.#items.length > this.#cap ? this.#items.slice(-this.#cap) : this.#items;
    return device === undefined ? [...kept] : kept.filter((item) => item.device === device);
  }

  get size(): number {
    return Math.min(this.#items.length, this.#cap);
  }

  clear(): void {
    this.#items.length = 0;
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
