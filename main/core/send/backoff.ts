/**
 * How long to wait before retry number `attempt` (1-based): the server's Retry-After when it
 * gave one, otherwise exponential from `baseMs` with full jitter, never above `maxMs`.
 */
export function retryDelayMs(
  attempt: number,
  retryAfterSeconds: number | null | undefined,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  if (retryAfterSeconds !== null && retryAfterSeconds !== undefined && retryAfterSeconds >= 0) {
    return Math.min(retryAfterSeconds * 1000, maxMs);
  }
  const ceiling = Math.min(baseMs * 2 ** (attempt - 1), maxMs);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
