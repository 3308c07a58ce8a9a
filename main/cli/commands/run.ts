import { stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { junitXml } from '../../../shared/collections/junit';
import type { RunReport } from '../../../shared/collections/report';
import { variablesSchema } from '../../../shared/collections/schema';
import type { Environment } from '../../../shared/domain/environment';
import { AppError, isAppError } from '../../../shared/errors';
import { collectionsDir, loadCollection } from '../../core/collections/files';
import type { CoreCall } from '../../core/collections/plan';
import { runCollection } from '../../core/collections/runner';
import type { Core } from '../../core/core';
import { parseCommandArgs } from '../args';
import { write, type CliCommand, type CliIo } from '../command';
import { progressLines, summaryLine } from '../collection-text';
import { callCore, openCliCore, parseEnvironment, readArgumentFile } from '../send-support';

/** What `run` exits with; documented in docs/collections.md. */
export const RUN_EXIT = { passed: 0, failed: 1, unusable: 2, transport: 3 } as const;

const REPORTERS = ['pretty', 'json', 'junit'] as const;
type Reporter = (typeof REPORTERS)[number];

/** A folder path as given, or the name of one in the workspace's collections/ folder. */
async function collectionFolder(given: string, workspaceDir: string): Promise<string> {
  const direct = resolve(given);
  if (await stat(direct).catch(() => null)) return direct;
  const named = join(collectionsDir(workspaceDir), given);
  return (await stat(named).catch(() => null)) ? named : direct;
}

async function readVarsFile(path: string): Promise<Record<string, string>> {
  const text = await readArgumentFile(path, '--vars file');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError('INVALID_INPUT', `--vars ${path} is not JSON: it holds one object of names and strings.`);
  }
  const parsed = variablesSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError(
      'INVALID_INPUT',
      `--vars ${path}: ${issue.path.map(String).join('.') || 'the file'}: ${issue.message}`,
    );
  }
  return parsed.data;
}

/** Starts the emulators in this process and makes the sandbox's credentials, devices and profiles. */
async function setUpLocal(call: CoreCall, io: CliIo): Promise<void> {
  await call('emulators.start', {});
  const steps = await call('sandbox.init', {});
  const failed = steps.filter((step) => !step.ok);
  if (failed.length > 0) {
    throw new AppError(
      'LOCAL_SETUP_FAILED',
      `The local sandbox could not be set up: ${failed.map((step) => `${step.provider}: ${step.message}`).join('; ')}`,
    );
  }
  write(io.stderr, `Local emulators started and the sandbox set up (${steps.length} providers).`);
}

function rendered(report: RunReport, reporter: Reporter): string {
  if (reporter === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (reporter === 'junit') return junitXml(report, hostname());
  return `${summaryLine(report)}\n`;
}

export function runExitCode(report: RunReport): number {
  if (report.counts.error > 0) return RUN_EXIT.transport;
  if (report.counts.failed > 0) return RUN_EXIT.failed;
  return RUN_EXIT.passed;
}

export const runCommand: CliCommand = {
  path: ['run'],
  summary: 'Run a collection of requests with their assertions (exit 0 only when every one holds).',
  usage: [
    'run <collection folder | name> [--env local|sandbox|production] [--vars FILE] [--reporter pretty|json|junit] [--out FILE] [--bail] [--with-emulators] [--ephemeral-secrets] [--data-dir DIR] [--workspace DIR]',
    '',
    '  --env              send every request here (else each request’s own, or its profile’s)',
    '  --vars             a JSON object of variables, over the collection’s own',
    '  --reporter         pretty (default), json or junit; to --out FILE, or stdout',
    '  --bail             stop at the first request that does not pass',
    '  --with-emulators   start the local emulators and the sandbox for this run, stop them after',
    '  Exit codes: 0 every assertion held, 1 an assertion failed, 2 nothing was run (usage, an',
    '  invalid collection, an unknown reference, an unset variable), 3 a request could not be sent',
    '  or got no answer. The file format: docs/collections.md.',
  ].join('\n'),
  async run(args, io) {
    try {
      return await run(args, io);
    } catch (error) {
      if (!isAppError(error)) throw error;
      write(io.stderr, `push-console: ${error.message}`);
      if (error.hint) write(io.stderr, `  ${error.hint}`);
      return RUN_EXIT.unusable;
    }
  },
};

async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      env: { type: 'string' },
      vars: { type: 'string' },
      reporter: { type: 'string' },
      out: { type: 'string' },
      bail: { type: 'boolean' },
      'with-emulators': { type: 'boolean' },
      'ephemeral-secrets': { type: 'boolean' },
      'data-dir': { type: 'string' },
      workspace: { type: 'string' },
    },
    true,
  );
  if (positionals.length !== 1) {
    throw new AppError(
      'INVALID_INPUT',
      'Name one collection: push-console run <folder>.',
      'Add --help for the options.',
    );
  }
  const reporter = (values.reporter ?? 'pretty') as Reporter;
  if (!REPORTERS.includes(reporter)) {
    throw new AppError('INVALID_INPUT', `--reporter is pretty, json or junit, not "${values.reporter}".`);
  }
  const environment: Environment | undefined = values.env === undefined ? undefined : parseEnvironment(values.env);
  if (values['with-emulators'] && environment !== undefined && environment !== 'local') {
    throw new AppError(
      'INVALID_INPUT',
      `--with-emulators runs against the emulators: use it with --env local, not ${environment}.`,
    );
  }
  const vars = values.vars === undefined ? undefined : await readVarsFile(values.vars);
  const core: Core = await openCliCore(values, io);
  const call: CoreCall = (name, input) => callCore(core, name, input);
  // The report itself goes to stdout when no --out is given, so progress goes to stderr then.
  const progress = values.out === undefined && reporter !== 'pretty' ? io.stderr : io.stdout;
  let started = false;
  try {
    const collection = await loadCollection(await collectionFolder(positionals[0]!, core.workspaceDir));
    if (values['with-emulators']) {
      started = true;
      await setUpLocal(call, io);
    }
    const report = await runCollection(collection, call, {
      environment: values['with-emulators'] ? 'local' : environment,
      vars,
      env: io.env,
      bail: values.bail,
      onRequest: (request, index, total) => {
        for (const line of progressLines(request, index, total)) write(progress, line);
      },
    });
    const text = rendered(report, reporter);
    if (values.out !== undefined) {
      await writeFile(values.out, text);
      write(progress, `${summaryLine(report)} Report: ${values.out}`);
    } else if (reporter === 'pretty') {
      write(io.stdout, text);
    } else {
      io.stdout.write(text);
      write(progress, summaryLine(report));
    }
    return runExitCode(report);
  } finally {
    if (started) await call('emulators.stop', {}).catch(() => {});
    await core.close();
  }
}
