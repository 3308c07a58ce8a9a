import type { ZodError } from 'zod';
import {
  calls,
  isCallName,
  type CallName,
  type CallOutput,
  type CallParsedInput,
  type CallResult,
} from '../../../shared/contract';
import { isAppError, type ApiError } from '../../../shared/errors';

/** Who is calling. Adapters decide `trusted` (sender frame, WebSocket token and Origin). */
export interface Caller {
  readonly transport: 'ipc' | 'ws' | 'cli' | 'test';
  readonly trusted: boolean;
}

export interface CallContext {
  readonly caller: Caller;
}

export type Handler<N extends CallName> = (
  input: CallParsedInput<N>,
  ctx: CallContext,
) => Promise<CallOutput<N>> | CallOutput<N>;

export type Handlers = { [N in CallName]: Handler<N> };

export type Dispatch = (name: unknown, input: unknown, caller: Caller) => Promise<CallResult<unknown>>;

/** Turns zod's issues into one sentence that names the field, for people rather than programs. */
export function describeZodError(error: ZodError): string {
  const parts = error.issues.slice(0, 3).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : 'input';
    return `${where}: ${issue.message}`;
  });
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  return parts.join('; ') + more;
}

export interface DispatchOptions {
  /** What a successful reply waits for before it is handed back (null: nothing). */
  beforeReply?: () => Promise<void> | null;
}

/**
 * The entry point for every call from a window (IPC) or a browser tab (WebSocket), and for the
 * CLI's `send <provider>` commands (`main/cli/send-support.ts`), so all of them get the same
 * parsing and defaults. Input is `unknown` until the contract's schema has parsed it; output is
 * parsed too, so a handler that returns an extra field (a secret, say) has it stripped rather than
 * sent. The CLI's other commands (bulk, credentials, history) use the core's services directly.
 */
export function createDispatcher(
  handlers: Handlers,
  log: (line: string) => void = () => {},
  options: DispatchOptions = {},
): Dispatch {
  return async (name, input, caller) => {
    if (!caller.trusted) {
      return fail({ code: 'FORBIDDEN', message: 'This caller is not allowed to talk to Push Console.' });
    }
    if (!isCallName(name)) {
      const shown = typeof name === 'string' ? name.slice(0, 80) : typeof name;
      return fail({ code: 'UNKNOWN_METHOD', message: `There is no call named "${shown}".` });
    }
    const spec = calls[name];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      return fail({
        code: 'INVALID_INPUT',
        message: `Invalid input for ${name}: ${describeZodError(parsed.error)}`,
      });
    }
    try {
      const handler = handlers[name] as (input: unknown, ctx: CallContext) => unknown;
      const value = await handler(parsed.data, { caller });
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        log(`[dispatch] ${name} returned a value that does not match the contract: ${describeZodError(checked.error)}`);
        return fail({ code: 'INTERNAL', message: 'Push Console produced an unexpected answer.' });
      }
      const wait = options.beforeReply?.();
      if (wait) await wait;
      return { ok: true, value: checked.data };
    } catch (error) {
      if (isAppError(error)) return fail(error.toApiError());
      // Only the message is logged: stacks may carry paths, and never reach the caller.
      log(`[dispatch] ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      return fail({
        code: 'INTERNAL',
        message: 'Something went wrong inside Push Console.',
        hint: 'Try again; if it keeps happening, the log has the details.',
      });
    }
  };
}

function fail(error: ApiError): CallResult<never> {
  return { ok: false, error };
}
