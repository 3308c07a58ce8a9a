import { performance } from 'node:perf_hooks';

interface Timed {
  deadline: number;
  expire(): void;
}

/**
 * Request deadlines without one timer per request: calls with the same timeout expire in the order
 * they started, so each distinct timeout keeps an insertion-ordered set and a single timer armed for
 * its oldest member. Adding and removing are O(1), which matters at tens of thousands of sends.
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

const buckets = new Map<number, Bucket>();

export function addDeadline(timeoutMs: number, item: Timed): void {
  let bucket = buckets.get(timeoutMs);
  if (!bucket) {
    bucket = new Bucket(timeoutMs);
    buckets.set(timeoutMs, bucket);
  }
  bucket.add(item);
}

export function removeDeadline(timeoutMs: number, item: Timed): void {
  buckets.get(timeoutMs)?.delete(item);
}
