interface Cancellable {
  abort(): void;
}

/**
 * One 'abort' listener per signal, however many requests share it. A bulk send passes its one
 * signal to every request; a listener each would cost an EventTarget add and remove per request
 * and trip Node's "possible EventTarget memory leak" warning past ten requests in flight.
 */
const watchers = new WeakMap<AbortSignal, Set<Cancellable>>();

export function watchAbort(signal: AbortSignal, call: Cancellable): void {
  let calls = watchers.get(signal);
  if (!calls) {
    const set = new Set<Cancellable>();
    calls = set;
    watchers.set(signal, set);
    signal.addEventListener(
      'abort',
      () => {
        watchers.delete(signal);
        for (const member of set) member.abort();
        set.clear();
      },
      { once: true },
    );
  }
  calls.add(call);
}

export function unwatchAbort(signal: AbortSignal, call: Cancellable): void {
  watchers.get(signal)?.delete(call);
}
