/** What this needs of Electron's `app` (kept structural so it is tested without Electron). */
export interface QuittingApp {
  on(event: 'will-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

export interface QuitOptions {
  /** The longest a quit waits for `close` (default 2 s): a stuck disk must not hang the app. */
  timeoutMs?: number;
  log?: (line: string) => void;
}

export const QUIT_TIMEOUT_MS = 2_000;

/**
 * Holds the app's quit until `close` (the core: history lines and the composer draft flushed) has
 * finished or `timeoutMs` passed, then quits for real. Electron does not wait for a promise in
 * `will-quit`; without this the process ended with history still queued in memory.
 */
export function quitAfterClose(
  app: QuittingApp,
  close: () => Promise<void> | undefined,
  options: QuitOptions = {},
): void {
  let state: 'open' | 'closing' | 'closed' = 'open';
  app.on('will-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    void boundedClose(close, options.timeoutMs ?? QUIT_TIMEOUT_MS, options.log).then(() => {
      state = 'closed';
      app.quit();
    });
  });
}

/** Runs `close`, giving up after `timeoutMs`; says how it ended, and never rejects. */
export async function boundedClose(
  close: () => Promise<void> | undefined,
  timeoutMs: number,
  log: (line: string) => void = () => {},
): Promise<'closed' | 'timed out' | 'failed'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timed out'>((resolve) => (timer = setTimeout(() => resolve('timed out'), timeoutMs)));
  const closed = Promise.resolve()
    .then(close)
    .then(
      () => 'closed' as const,
      (error: unknown) => {
        log(`[quit] closing failed: ${error instanceof Error ? error.message : String(error)}`);
        return 'failed' as const;
      },
    );
  try {
    const outcome = await Promise.race([closed, timeout]);
    if (outcome === 'timed out') log(`[quit] closing took over ${timeoutMs} ms; quitting anyway`);
    return outcome;
  } finally {
    clearTimeout(timer);
  }
}
