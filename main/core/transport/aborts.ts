interface Cancellable {
  abort(): void;
}

/**
 * One 'abort' listener per signal, however many of a transport's requests share it. A bulk send
 * passes its one signal to every request; a listener each would cost an EventTarget add and remove
 * per request and trip Node's "possible EventTarget memory leak" warning past ten requests in flight.
 */
export class AbortWatchers {
  readonly #watchers = new WeakMap<AbortSignal, Set<Cancellable>>();

  watch(signal: AbortSignal, call: Cancellable): void {
    let calls = this.#watchers.get(signal);
    if (!calls) {
      const set = new Set<Cancellable>();
      calls = set;
      this.#watchers.set(signal, set);
      signal.addEventListener(
        'abort',
        () => {
          this.#watchers.delete(signal);
          for (const member of set) member.abort();
          set.clear();
        },
        { once: true },
      );
    }
    calls.add(call);
  }

  unwatch(signal: AbortSignal, call: Cancellable): void {
    this.#watchers.get(signal)?.delete(call);
  }

  /** Requests listening on this signal (0 once it fired or all settled). */
  watching(signal: AbortSignal): number {
    return this.#watchers.get(signal)?.size ?? 0;
  }
}
