import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import type { Exchange, Provider } from '../../shared/domain/exchange';
import type { SendRequest } from '../../shared/domain/send-request';
import { diagnosisLines } from '../../shared/doctor/text';
import type { SendResult } from '../../shared/domain/send-result';
import { AppError, isAppError } from '../../shared/errors';
import type { PreflightIssue } from '../../shared/preflight/types';
import type { Caller } from '../core/api/dispatcher';
import { createCore, type Core } from '../core/core';
import { ephemeralSecretsRequested, type SecretStore } from '../core/credentials/keychain';
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

/** The core a CLI command runs in its own process: the data folder and workspace from flags or env. */
export async function openCliCore(
  values: Pick<CommonSendValues, 'ephemeral-secrets' | 'data-dir' | 'workspace'>,
  io: CliIo,
  options: { secrets?: SecretStore } = {},
): Promise<Core> {
  return createCore({
    local: createLocalServices,
    mode: 'cli',
    dataDir: values['data-dir'] ?? io.env['PUSH_CONSOLE_DATA_DIR'],
    workspaceDir: values.workspace ?? io.env['PUSH_CONSOLE_WORKSPACE'],
    ephemeralSecrets: ephemeralSecretsRequested(values['ephemeral-secrets'], io.env),
    ...(options.secrets ? { secrets: options.secrets } : {}),
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
 * The target of the workspace's device with this label (or id) for `provider`, so a command can
 * name the sandbox's "Sandbox iPhone" instead of pasting its random token.
 */
export async function deviceTarget(core: Core, provider: Provider, label: string, targetFlag: string): Promise<string> {
  const devices = (await core.devices.list()).filter(
    (device) => device.provider === provider && (device.label === label || device.id === label),
  );
  const file = join(core.workspaceDir, 'devices.json');
  if (devices.length === 0) {
    throw new AppError(
      'NOT_FOUND',
      `No ${provider} device is labelled "${label}" in ${file}.`,
      `Run npx push-console sandbox init for the sandbox's devices, or pass ${targetFlag}.`,
    );
  }
  if (devices.length > 1) {
    throw new AppError(
      'INVALID_INPUT',
      `${devices.length} ${provider} devices are labelled "${label}" in ${file}.`,
      `Pass the device's id (one of ${devices.map((device) => device.id).join(', ')}), or ${targetFlag}.`,
    );
  }
  return devices[0]!.target;
}

/** The request itself, or how to build it once the core is open (to look up a `--device`). */
export type SendRequestSource = SendRequestInput | ((core: Core) => Promise<SendRequestInput>);

/**
 * What a command says instead of a preflight issue's words, by issue code: the UI names a field
 * ("enter the app's bundle id"), the CLI names the flag.
 */
export type IssueWords = Readonly<Record<string, string>>;

/**
 * Sends one request and reports it: a human summary (or `--json` with the SendResult and the
 * redacted exchanges), an optional HAR file, and exit code 0 only when the provider accepted.
 */
export async function runSend(
  source: SendRequestSource,
  values: CommonSendValues,
  io: CliIo,
  words: IssueWords = {},
): Promise<number> {
  const core = await openCliCore(values, io);
  const exchanges: Exchange[] = [];
  const unsubscribe = core.events.on('exchange.recorded', (exchange) => exchanges.push(exchange));
  try {
    const request = typeof source === 'function' ? await source(core) : source;
    if (values['dry-run'] && request.provider === 'apns') {
      const issues = await callCore(core, 'send.preflight', request);
      printIssues(issues, io, words);
      return issues.some((issue) => issue.severity === 'error') ? 1 : 0;
    }
    const { result, preflight } = await callCore(core, 'send.run', {
      sendId: randomUUID(),
      request,
      ...(values['no-preflight'] || values.force ? { ignorePreflight: true } : {}),
    }).catch(async (error: unknown) => {
      throw isAppError(error) && error.code === 'PREFLIGHT_FAILED'
        ? await inFlagWords(core, request, error, words)
        : error;
    });
    if (values.har) {
      await writeFile(values.har, JSON.stringify(exchangesToHar(exchanges, appVersion()), null, 2));
    }
    if (values.json) {
      write(io.stdout, JSON.stringify({ result, preflight, exchanges }, null, 2));
    } else {
      printIssues(preflight, io, words);
      printResult(result, io);
    }
    return result.outcome === 'accepted' ? 0 : 1;
  } finally {
    unsubscribe();
    await core.close();
  }
}

/** A send refused by preflight, told in the command's own words when it has them for the first error. */
async function inFlagWords(
  core: Core,
  request: SendRequestInput,
  refusal: AppError,
  words: IssueWords,
): Promise<AppError> {
  if (Object.keys(words).length === 0) return refusal;
  const errors = (await callCore(core, 'send.preflight', request)).filter((issue) => issue.severity === 'error');
  const own = errors[0] && words[errors[0].code];
  if (!own) return refusal;
  const more =
    errors.length > 1
      ? ` There ${errors.length > 2 ? `are ${errors.length - 1} more problems` : 'is 1 more problem'}: --dry-run lists them.`
      : '';
  return new AppError('PREFLIGHT_FAILED', `${own}${more}`, refusal.hint);
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

export function printIssues(issues: readonly PreflightIssue[], io: CliIo, words: IssueWords = {}): void {
  for (const issue of issues) {
    const label = issue.severity === 'error' ? 'error' : issue.severity === 'warning' ? 'warning' : 'note';
    const own = words[issue.code];
    write(io.stderr, own ? `${label}: ${own}` : `${label}: ${issue.message}${issue.path ? ` (${issue.path})` : ''}`);
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
  if (result.diagnosis) {
    write(io.stdout, '  Diagnosis:');
    for (const line of diagnosisLines(result.diagnosis)) write(io.stdout, `  ${line}`);
  }
}
