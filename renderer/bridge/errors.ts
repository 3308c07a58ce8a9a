import type { ApiError } from '../../shared/errors';

/** An error from main, carried as a value so components can show message and hint. */
export class BridgeError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  constructor(error: ApiError) {
    super(error.message);
    this.code = error.code;
    this.hint = error.hint;
  }
}

/** The one shape a slice or component keeps for a failure: what happened and what to do next. */
export interface ShownError {
  code: string;
  message: string;
  hint?: string | undefined;
}

/** A failure as shown: main's message, hint and code kept; anything else by its message. */
export function toShownError(error: unknown): ShownError {
  if (error instanceof BridgeError) return { code: error.code, message: error.message, hint: error.hint };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

/**
 * Runs a slice's work with its `error` cleared, and keeps a failure as a ShownError instead of
 * throwing; with `busy`, the slice's `busy` flag is up while it runs. Never rejects.
 */
export async function guarded(
  set: (change: { error?: ShownError | null; busy?: boolean }) => void,
  work: () => Promise<void>,
  options: { busy?: boolean } = {},
): Promise<void> {
  set(options.busy ? { busy: true, error: null } : { error: null });
  try {
    await work();
  } catch (error) {
    set({ error: toShownError(error) });
  } finally {
    if (options.busy) set({ busy: false });
  }
}
