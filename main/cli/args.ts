import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AppError } from '../../shared/errors';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values<O extends Options> = {
  [K in keyof O]?: O[K] extends { multiple: true }
    ? O[K] extends { type: 'boolean' }
      ? boolean[]
      : string[]
    : O[K] extends { type: 'boolean' }
      ? boolean
      : string;
};

export interface ParsedArgs<O extends Options> {
  values: Values<O>;
  positionals: string[];
}

/** node:util parseArgs with errors a person can read. */
export function parseCommandArgs<O extends Options>(
  args: string[],
  options: O,
  allowPositionals = false,
): ParsedArgs<O> {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true }) as unknown as ParsedArgs<O>;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    throw new AppError('INVALID_INPUT', message.replace(/^TypeError \[[A-Z_]+\]: /, ''), 'Add --help for the options.');
  }
}

export function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new AppError('INVALID_INPUT', `--port must be a whole number from 0 to 65535, not "${value}".`);
  }
  return port;
}
