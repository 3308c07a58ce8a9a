import { create } from 'zustand';

/** What the app's one polite live region says now (renderer/app/LiveRegion.tsx shows it). */
interface Announcements {
  text: string;
  announce(text: string): void;
}

export const useAnnouncements = create<Announcements>((set) => ({
  text: '',
  announce: (text) => set({ text }),
}));

/**
 * Passes messages on at most once per interval: one that comes sooner waits for the interval's
 * end, and a newer one replaces it while it waits, so the last word (a run's end) is never lost.
 */
export class ThrottledAnnouncer {
  readonly #say: (text: string) => void;
  readonly #intervalMs: number;
  #lastAt = -Infinity;
  #waiting: string | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(say: (text: string) => void, intervalMs: number) {
    this.#say = say;
    this.#intervalMs = intervalMs;
  }

  push(text: string): void {
    this.#waiting = text;
    if (this.#timer !== undefined) return;
    const wait = this.#lastAt + this.#intervalMs - performance.now();
    if (wait <= 0) this.#flush();
    else this.#timer = setTimeout(() => this.#flush(), wait);
  }

  #flush(): void {
    this.#timer = undefined;
    if (this.#waiting === null) return;
    this.#lastAt = performance.now();
    this.#say(this.#waiting);
    this.#waiting = null;
  }
}
