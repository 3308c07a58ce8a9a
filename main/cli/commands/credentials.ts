import { readFile } from 'node:fs/promises';
import type { CredentialMeta } from '../../../shared/domain/credential';
import { credentialKindSchema, type CredentialKind } from '../../../shared/domain/credential';
import { AppError } from '../../../shared/errors';
import { checkCredential, testCredential } from '../../core/api/credentials';
import { formatCredentialCheck } from './credential-check-text';
import type { Core } from '../../core/core';
import { credentialKindPackage } from '../../core/providers/registry';
import { ephemeralSecretsRequested, type SecretStore } from '../../core/credentials/keychain';
import type { ImportRequest } from '../../core/credentials/service';
import { generateVapidPair } from '../../core/credentials/vapid';
import { parseCommandArgs } from '../args';
import { write, type CliCommand, type CliIo } from '../command';
import { openCliCore } from '../send-support';

const storeOptions = {
  'ephemeral-secrets': { type: 'boolean' },
  'data-dir': { type: 'string' },
  workspace: { type: 'string' },
} as const;

/** Options that would put a secret into shell history; refused with the safe alternative. */
const SECRET_OPTIONS = ['--passphrase', '--secret', '--client-secret', '--private-key', '--key', '--connection-string'];

/** "wns, vapid and nhub": the kinds that take --secret-stdin, for the refusal. */
function stdinSecretKinds(): string {
  const kinds = credentialKindSchema.options.filter((kind) => credentialKindPackage(kind).stdinSecret !== null);
  return kinds.length > 1 ? `${kinds.slice(0, -1).join(', ')} and ${kinds.at(-1)}` : kinds.join('');
}

export interface CredentialsCommandDeps {
  /** Tests share one store across commands run in the same process. */
  secrets?: SecretStore;
}

async function openCore(
  values: {
    'ephemeral-secrets'?: boolean | undefined;
    'data-dir'?: string | undefined;
    workspace?: string | undefined;
  },
  io: CliIo,
  deps: CredentialsCommandDeps,
): Promise<Core> {
  if (ephemeralSecretsRequested(values['ephemeral-secrets'], io.env) && !deps.secrets) {
    write(io.stderr, 'Secrets are kept in memory only (--ephemeral-secrets) and are gone when this command exits.');
  }
  return openCliCore(values, io, deps);
}

async function withCore<T>(core: Core, body: (core: Core) => Promise<T>): Promise<T> {
  try {
    return await body(core);
  } finally {
    await core.close();
  }
}

export function refuseSecretArguments(args: readonly string[]): void {
  for (const arg of args) {
    const name = arg.split('=')[0]!;
    if (SECRET_OPTIONS.includes(name)) {
      throw new AppError(
        'INVALID_INPUT',
        `${name} is not accepted: secrets on the command line end up in shell history.`,
        'Use --passphrase-stdin or --secret-stdin (e.g. pipe from your password manager), or --file.',
      );
    }
    if (/-----BEGIN|SharedAccessKey=/i.test(arg) || /^[A-Za-z0-9_-]{43}$/.test(arg)) {
      throw new AppError(
        'INVALID_INPUT',
        'An argument looks like a secret (a key or connection string); secrets are never taken from the command line.',
        'Pass it on stdin with --secret-stdin, or put it in a file and use --file.',
      );
    }
  }
}

async function readStdin(io: CliIo): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
  // One trailing newline comes from `echo` or a password manager, not from the secret.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function readFileArg(path: string | undefined, what: string): Promise<Buffer | undefined> {
  if (path === undefined) return undefined;
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError(
      'INVALID_INPUT',
      code === 'ENOENT' ? `No ${what} at ${path}.` : `Could not read ${path} (${code}).`,
    );
  }
}

function summarize(meta: CredentialMeta): string {
  const facts = Object.entries(meta.metadata)
    .filter(
      ([, value]) => value !== null && value !== undefined && typeof value !== 'object' && typeof value !== 'boolean',
    )
    .map(([key, value]) => `${key}=${String(value)}`)
    .join('  ');
  const warnings = meta.warnings.map((warning) => `\n    ! ${warning}`).join('');
  return `${meta.label}  [${meta.kind}]  ${meta.id}\n    ${facts}${warnings}`;
}

export function makeCredentialsCommands(deps: CredentialsCommandDeps = {}): CliCommand[] {
  const add: CliCommand = {
    path: ['credentials', 'add'],
    summary: 'Import a credential; its secret goes to the OS keychain (from a file or stdin, never an argument).',
    usage: `credentials add <${credentialKindSchema.options.join('|')}> [--file F] [--key-file F] [--key-id ID] [--team-id ID] [--passphrase-stdin] [--secret-stdin] [--package-sid SID | --tenant-id T --client-id C] [--subject S] [--generate] [--hub NAME] [--label L] [--json] [--ephemeral-secrets] [--data-dir D] [--workspace W]`,
    async run(args, io) {
      refuseSecretArguments(args);
      const { values, positionals } = parseCommandArgs(
        args,
        {
          ...storeOptions,
          file: { type: 'string' },
          'key-file': { type: 'string' },
          'key-id': { type: 'string' },
          'team-id': { type: 'string' },
          'passphrase-stdin': { type: 'boolean' },
          'secret-stdin': { type: 'boolean' },
          'package-sid': { type: 'string' },
          'tenant-id': { type: 'string' },
          'client-id': { type: 'string' },
          'public-key': { type: 'string' },
          subject: { type: 'string' },
          generate: { type: 'boolean' },
          hub: { type: 'string' },
          label: { type: 'string' },
          json: { type: 'boolean' },
        },
        true,
      );
      const kindParse = credentialKindSchema.safeParse(positionals[0]);
      if (!kindParse.success) {
        throw new AppError('INVALID_INPUT', `Say which kind to add: ${credentialKindSchema.options.join(', ')}.`);
      }
      const kind: CredentialKind = kindParse.data;
      if (values['passphrase-stdin'] && values['secret-stdin']) {
        throw new AppError(
          'INVALID_INPUT',
          'Use either --passphrase-stdin or --secret-stdin, not both: stdin holds one value.',
        );
      }
      const fromStdin = values['passphrase-stdin'] || values['secret-stdin'] ? await readStdin(io) : undefined;
      const request: ImportRequest = {
        kind,
        label: values.label,
        file: await readFileArg(values.file, 'file'),
        fileName: values.file,
        keyFile: await readFileArg(values['key-file'], 'key file'),
        keyId: values['key-id'],
        teamId: values['team-id'],
        passphrase: values['passphrase-stdin'] ? fromStdin : undefined,
        packageSid: values['package-sid'],
        tenantId: values['tenant-id'],
        clientId: values['client-id'],
        publicKey: values['public-key'],
        subject: values.subject,
        hubName: values.hub,
      };
      if (values['secret-stdin']) {
        const field = credentialKindPackage(kind).stdinSecret;
        if (field === null) {
          throw new AppError(
            'INVALID_INPUT',
            `--secret-stdin is for ${stdinSecretKinds()}; ${kind} reads its secret from --file.`,
          );
        }
        request[field] = fromStdin;
      }
      if (values.generate) {
        if (kind !== 'vapid') throw new AppError('INVALID_INPUT', '--generate makes VAPID keys only.');
        request.privateKey = generateVapidPair().privateKey;
      }
      return withCore(await openCore(values, io, deps), async (core) => {
        const meta = await core.credentials.import(request);
        if (values.json) write(io.stdout, JSON.stringify(meta, null, 2));
        else write(io.stdout, `Added ${summarize(meta)}`);
        for (const warning of meta.warnings) write(io.stderr, `warning: ${warning}`);
        return 0;
      });
    },
  };

  const list: CliCommand = {
    path: ['credentials', 'list'],
    summary: 'List credentials (metadata only; secrets stay in the keychain).',
    usage: 'credentials list [--json] [--data-dir D] [--workspace W]',
    async run(args, io) {
      const { values } = parseCommandArgs(args, { ...storeOptions, json: { type: 'boolean' } });
      return withCore(await openCore(values, io, deps), async (core) => {
        const all = await core.credentials.list();
        if (values.json) write(io.stdout, JSON.stringify(all, null, 2));
        else if (all.length === 0)
          write(io.stdout, 'No credentials yet. Add one with "push-console credentials add <kind>".');
        else for (const meta of all) write(io.stdout, summarize(meta));
        return 0;
      });
    },
  };

  const test: CliCommand = {
    path: ['credentials', 'test'],
    summary:
      'Prove a credential works through its provider (JWT verifies, TLS identity loads, token obtained, SAS signed and, with --env local, accepted by the local hub).',
    usage:
      'credentials test <id|label> [--env live|local] [--data-dir D] [--workspace W]   (no --env: where its profiles send)',
    async run(args, io) {
      const { values, positionals } = parseCommandArgs(args, { ...storeOptions, env: { type: 'string' } }, true);
      const target = requireTarget(positionals);
      // Without --env, where its profiles send (the sandbox's: local), as in the app.
      const env = values.env;
      if (env !== undefined && env !== 'live' && env !== 'local')
        throw new AppError('INVALID_INPUT', `--env must be live or local, not "${env}".`);
      return withCore(await openCore(values, io, deps), async (core) => {
        const result = await testCredential(core, target, env);
        write(result.ok ? io.stdout : io.stderr, `${result.ok ? '✓' : '✗'} ${result.message}`);
        return result.ok ? 0 : 1;
      });
    },
  };

  const check: CliCommand = {
    path: ['credentials', 'check'],
    summary:
      'Check a credential beyond test: each finding ok, warning or problem, with the fact it rests on and what to do (asks the service where its profiles send).',
    usage: 'credentials check <id|label> [--json] [--data-dir D] [--workspace W]   (exit 1 when a problem is found)',
    async run(args, io) {
      const { values, positionals } = parseCommandArgs(args, { ...storeOptions, json: { type: 'boolean' } }, true);
      const target = requireTarget(positionals);
      return withCore(await openCore(values, io, deps), async (core) => {
        const result = await checkCredential(core, target);
        write(io.stdout, values.json ? JSON.stringify(result, null, 2) : formatCredentialCheck(result));
        return result.findings.some((finding) => finding.severity === 'problem') ? 1 : 0;
      });
    },
  };

  const remove: CliCommand = {
    path: ['credentials', 'remove'],
    summary: 'Delete a credential and its keychain entry.',
    usage: 'credentials remove <id|label> [--data-dir D] [--workspace W]',
    async run(args, io) {
      const { values, positionals } = parseCommandArgs(args, storeOptions, true);
      const target = requireTarget(positionals);
      return withCore(await openCore(values, io, deps), async (core) => {
        const meta = await core.credentials.get(target);
        await core.credentials.remove(meta.id);
        write(io.stdout, `Removed "${meta.label}" and its keychain entry.`);
        return 0;
      });
    },
  };

  return [add, list, test, check, remove];
}

function requireTarget(positionals: string[]): string {
  const target = positionals.join(' ').trim();
  if (target === '') throw new AppError('INVALID_INPUT', 'Name the credential by id or label.');
  return target;
}

export const credentialsCommands: readonly CliCommand[] = makeCredentialsCommands();
