interface Timed {
  deadline: number;
  expire(): void;
}

/**
 * Calls with the same timeout expire in the order they started, so each distinct timeout keeps an
 * insertion-ordered set and a single timer armed for its oldest member.
 */
class Bucket {
  readonly members = new Set<Timed>();
  #timer: NodeJS.Timeout | null = null;

  constructor(readonly timeoutMs: number) {}

  add(item: Timed): void {
    item.deadline = performance.now() + this.timeoutMs;
    this.members.add(item);
    if (this.#timer === null) this.#arm(this.timeoutMs);
  }

  delete(item: Timed): void {
    this.members.delete(item);
  }

  #arm(delay: number): void {
    this.#timer = setTimeout(() => this.#fire(), Math.max(1, Math.ceil(delay)));
  }

  #fire(): void {
    this.#timer = null;
    const now = performance.now();
    for (const item of this.members) {
      // +1 ms: timers may fire a fraction early relative to performance.now().
      if (item.deadline > now + 1) {
        this.#arm(item.deadline - now);
        return;
      }
      this.members.delete(item);
      item.expire();
    }
  }
}

/**
 * One transport's request deadlines, without one timer per request: adding and removing are O(1),
 * which matters at tens of thousands of sends. Owned by the transport: two transports never
 * share a bucket, and a bucket's timer ends once its last request settles.
 */
export class Deadlines {
  readonly #buckets = new Map<number, Bucket>();

  add(timeoutMs: number, item: Timed): void {
    let bucket = this.#buckets.get(timeoutMs);
    if (!bucket) {
      bucket = new Bucket(timeoutMs);
      this.#buckets.set(timeoutMs, bucket);
    }
    bucket.add(item);
  }

  remove(timeoutMs: number, item: Timed): void {
    this.#buckets.get(timeoutMs)?.delete(item);
  }

  /** Requests still waiting, across every timeout. */
  get size(): number {
    let total = 0;
    for (const bucket of this.#buckets.values()) total += bucket.members.size;
    return total;
  }
}
