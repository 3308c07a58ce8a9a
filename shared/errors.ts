import { z } from 'zod';

/**
 * The only error shape that crosses a process boundary. `message` is written for a person;
 * `hint` says what to do next. Stack traces never travel.
 */
export const apiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  hint: z.string().optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export type ErrorCode =
  | 'INVALID_INPUT'
  | 'UNKNOWN_METHOD'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'KEYCHAIN_UNAVAILABLE'
  | 'CREDENTIAL_INVALID'
  | 'PREFLIGHT_FAILED'
  | 'NETWORK'
  | 'TIMEOUT'
  | 'CANCELLED'
  | 'INTERNAL'
  | (string & {});

/** Thrown by main-side code to return a specific, human error through the dispatcher. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  constructor(code: ErrorCode, message: string, hint?: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.hint = hint;
  }
  toApiError(): ApiError {
    return this.hint === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, hint: this.hint };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
