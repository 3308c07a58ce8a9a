import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import type { Exchange } from '../../shared/domain/exchange';
import type { SendRequest } from '../../shared/domain/send-request';
import type { SendResult } from '../../shared/domain/send-result';
import { AppError } from '../../shared/errors';
import type { PreflightIssue } from '../../shared/preflight/types';
import type { Caller } from '../core/api/dispatcher';
import { createCore, type Core } from '../core/core';
import { ephemeralSecretsRequested } from '../core/credentials/keychain';
import { createLocalServices } from '../local';
import { exchangesToHar } from '../core/transport/har';
import { appVersion } from '../core/version';
import { write, type CliIo } from './command';

/** Options every `send <provider>` command takes, for parseCommandArgs. */
export const commonSendOptions = {
  credential: { type: 'string' },
  env: { type: 'string' },
  json: { type: 'boolean' },
  har: { type: 'string' },
  'dry-run': { type: 'boolean' },
  force: { type: 'boolean' },
  'no-preflight': { type: 'boolean' },
  'ephemeral-secrets': { type: 'boolean' },
  'data-dir': { type: 'string' },
  workspace: { type: 'string' },
} as const;

/** A send as a command builds it: the contract fills in what it leaves out. */
export type SendRequestInput = CallInput<'send.preflight'>;

export interface CommonSendValues {
  credential?: string | undefined;
  env?: string | undefined;
  json?: boolean | undefined;
  har?: string | undefined;
  'dry-run'?: boolean | undefined;
  /** The older name of --no-preflight, still taken. */
  force?: boolean | undefined;
  'no-preflight'?: boolean | undefined;
  'ephemeral-secrets'?: boolean | undefined;
  'data-dir'?: string | undefined;
  workspace?: string | undefined;
}

export function requireOption(value: string | undefined, name: string, example: string): string {
  if (!value) throw new AppError('INVALID_INPUT', `--${name} is required (for example --${name} ${example}).`);
  return value;
}

export function parseEnvironment(value: string | undefined): SendRequest['environment'] {
  const env = value ?? 'sandbox';
  if (env !== 'production' && env !== 'sandbox' && env !== 'local') {
    throw new AppError('INVALID_INPUT', `--env must be production, sandbox or local, not "${env}".`);
  }
  return env;
}

/**
 * `--env` for a service with no sandbox host: production by default, local for the emulator, and
 * an explicit "sandbox" refused with `noSandbox` ("FCM has no sandbox") said first.
 */
export function parseEnvironmentWithoutSandbox(
  value: string | undefined,
  noSandbox: string,
  hint?: string,
): SendRequest['environment'] {
  const environment = parseEnvironment(value ?? 'production');
  if (environment === 'sandbox') {
    throw new AppError('INVALID_INPUT', `${noSandbox}; use --env production, or --env local for the emulator.`, hint);
  }
  return environment;
}

/** Splits one repeatable `--header NAME=VALUE`; null when no name stands before the "=". */
export function splitHeaderArgument(entry: string): { name: string; value: string } | null {
  const at = entry.indexOf('=');
  if (at <= 0) return null;
  return { name: entry.slice(0, at).trim(), value: entry.slice(at + 1) };
}

/** Reads a file named on the command line, saying which `noun` was missing. */
export async function readArgumentFile(path: string, noun = 'file', hint?: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError(
      'INVALID_INPUT',
      code === 'ENOENT' ? `No ${noun} at ${path}.` : `Could not read ${path} (${code}).`,
      hint,
    );
  }
}

/** Reads a payload from a file path, or from stdin when the path is "-". */
export async function readPayload(source: string | undefined, io: CliIo, what = '--payload'): Promise<string> {
  if (source === undefined) throw new AppError('INVALID_INPUT', `${what} is required: a file path, or - for stdin.`);
  if (source === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of io.stdin as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks).toString('utf8');
  }
  return readArgumentFile(source);
}

export async function openCliCore(values: CommonSendValues, io: CliIo): Promise<Core> {
  return createCore({
    local: createLocalServices,
    mode: 'cli',
    dataDir: values['data-dir'] ?? io.env['PUSH_CONSOLE_DATA_DIR'],
    workspaceDir: values.workspace ?? io.env['PUSH_CONSOLE_WORKSPACE'],
    ephemeralSecrets: ephemeralSecretsRequested(values['ephemeral-secrets'], io.env),
    log: () => {},
  });
}

const CLI_CALLER: Caller = { transport: 'cli', trusted: true };

/**
 * One call through the core's dispatcher, as a window makes it: the contract parses the input
 * (so zod's defaults apply) and the output. A refusal comes back as the AppError it was.
 */
export async function callCore<N extends CallName>(core: Core, name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const reply = await core.dispatch(name, input, CLI_CALLER);
  if (!reply.ok) throw new AppError(reply.error.code, reply.error.message, reply.error.hint);
  return reply.value as CallOutput<N>;
}

/**
 * Sends one request and reports it: a human summary (or `--json` with the SendResult and the
 * redacted exchanges), an optional HAR file, and exit code 0 only when the provider accepted.
 */
export async function runSend(request: SendRequestInput, values: CommonSendValues, io: CliIo): Promise<number> {
  const core = await openCliCore(values, io);
  const exchanges: Exchange[] = [];
  const unsubscribe = core.events.on('exchange.recorded', (exchange) => exchanges.push(exchange));
  try {
    if (values['dry-run'] && request.provider === 'apns') {
      const issues = await callCore(core, 'send.preflight', request);
      printIssues(issues, io);
      return issues.some((issue) => issue.severity === 'error') ? 1 : 0;
    }
    const { result, preflight } = await callCore(core, 'send.run', {
      sendId: randomUUID(),
      request,
      ...(values['no-preflight'] || values.force ? { ignorePreflight: true } : {}),
    });
    if (values.har) {
      await writeFile(values.har, JSON.stringify(exchangesToHar(exchanges, appVersion()), null, 2));
    }
    if (values.json) {
      write(io.stdout, JSON.stringify({ result, preflight, exchanges }, null, 2));
    } else {
      printIssues(preflight, io);
      printResult(result, io);
    }
    return result.outcome === 'accepted' ? 0 : 1;
  } finally {
    unsubscribe();
    await core.close();
  }
}

/**
 * `--dry-run` for services with no validate-only call (WNS, Web Push): our preflight alone, printed,
 * or as `{ preflight }` with `--json`; exit code 1 when it found an error.
 */
export async function runPreflightOnly(
  request: SendRequestInput,
  values: CommonSendValues,
  io: CliIo,
): Promise<number> {
  const core = await openCliCore(values, io);
  try {
    const issues = await callCore(core, 'send.preflight', request);
    if (values.json) io.stdout.write(`${JSON.stringify({ preflight: issues }, null, 2)}\n`);
    else printIssues(issues, io);
    return issues.some((issue) => issue.severity === 'error') ? 1 : 0;
  } finally {
    await core.close();
  }
}

export function printIssues(issues: readonly PreflightIssue[], io: CliIo): void {
  for (const issue of issues) {
    const label = issue.severity === 'error' ? 'error' : issue.severity === 'warning' ? 'warning' : 'note';
    write(io.stderr, `${label}: ${issue.message}${issue.path ? ` (${issue.path})` : ''}`);
  }
}

export function printResult(result: SendResult, io: CliIo): void {
  const mark = result.outcome === 'accepted' ? '✓' : '✗';
  const status = result.status === null ? 'no response' : String(result.status);
  const reason = result.reason ? ` ${result.reason}` : '';
  write(io.stdout, `${mark} ${result.outcome}  ${status}${reason}  (${Math.round(result.durationMs)} ms)`);
  if (result.sentAgainstPreflight) {
    const overridden = result.sentAgainstPreflight.map((issue) => issue.message).join('; ');
    write(io.stdout, `  Sent against preflight (--no-preflight): ${overridden}`);
  }
  if (result.explanation) write(io.stdout, `  ${result.explanation}`);
  if (result.hint) write(io.stdout, `  Hint: ${result.hint}`);
  for (const [name, value] of Object.entries(result.messageIds)) write(io.stdout, `  ${name}: ${value}`);
  if (result.retryable) {
    const after = result.retryAfterSeconds ? ` after ${result.retryAfterSeconds} s` : '';
    write(io.stdout, `  Retryable${after}.`);
  }
  if (result.deviceStateChange) {
    write(io.stdout, `  Device marked gone at ${result.deviceStateChange.at}: ${result.deviceStateChange.reason}`);
  }
}
