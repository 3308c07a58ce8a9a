import { readFile } from 'node:fs/promises';
import { importDevices } from '../../../shared/devices/import-export';
import { splitTargets } from '../../../shared/devices/targets';
import { providerSchema } from '../../../shared/domain/exchange';
import { PROVIDER_IDS } from '../../../shared/providers/ids';
import { sendRequestSchema } from '../../../shared/domain/send-request';
import { AppError } from '../../../shared/errors';
import { BulkRun, type BulkTarget } from '../../core/send/bulk';
import { parseCommandArgs } from '../args';
import { providerFlagsAsOptions } from '../provider-flags';
import { write, type CliCommand, type CliIo } from '../command';
import { commonSendOptions, openCliCore, parseEnvironment, readPayload, requireOption } from '../send-support';
import { WrittenFirstPrinter } from '../written-printer';

export const bulkCommand: CliCommand = {
  path: ['bulk'],
  summary: 'Send one message to many targets with bounded concurrency, retries and a progress bar.',
  usage: `bulk <${PROVIDER_IDS.join('|')}> --credential <id|label> --env sandbox|production|local --targets <file> --payload <file|-> [--topic X --priority N …: options as send <provider> names them, or --option key=value] [--concurrency N] [--max-attempts N] [--at-most-once] [--no-record] [--json-lines]`,
  async run(args, io) {
    const named = args.find((arg) => providerSchema.safeParse(arg).success);
    const own = {
      ...commonSendOptions,
      targets: { type: 'string' },
      payload: { type: 'string' },
      option: { type: 'string', multiple: true },
      concurrency: { type: 'string' },
      'max-attempts': { type: 'string' },
      'no-record': { type: 'boolean' },
      // Do not retry a request the service may already have processed (a dropped connection).
      'at-most-once': { type: 'boolean' },
      'json-lines': { type: 'boolean' },
    } as const;
    const { values, positionals } = parseCommandArgs(
      named ? providerFlagsAsOptions(args, providerSchema.parse(named), new Set(Object.keys(own))) : args,
      own,
      true,
    );
    const provider = providerSchema.safeParse(positionals[0]);
    if (!provider.success)
      throw new AppError('INVALID_INPUT', `Name the provider: push-console bulk ${PROVIDER_IDS.join('|')} …`);
    const targets = await readTargets(requireOption(values.targets, 'targets', 'tokens.txt'));
    const parsedRequest = sendRequestSchema.safeParse({
      provider: provider.data,
      credential: requireOption(values.credential, 'credential', 'my-key'),
      environment: parseEnvironment(values.env),
      target: '',
      options: parseOptions(values.option ?? []),
      payload: await readPayload(values.payload, io),
    });
    if (!parsedRequest.success) {
      // Name the flag the user typed, not the schema path.
      const problems = parsedRequest.error.issues.map((issue) => {
        const [head, ...rest] = issue.path.map(String);
        const where = head === 'options' ? `--option ${rest.join('.')}` : `--${head ?? 'input'}`;
        return `${where}: ${issue.message}`;
      });
      throw new AppError('INVALID_INPUT', `The bulk send is not valid: ${problems.join('; ')}.`);
    }
    const request = parsedRequest.data;
    const core = await openCliCore(values, io);
    const jsonLines = values['json-lines'] === true;
    const started = Date.now();
    const bar = !jsonLines && (io.stderr as NodeJS.WriteStream).isTTY ? progressBar(io) : null;
    // A printed result is already in history: lines wait for the history write that covers them.
    const printer = new WrittenFirstPrinter(core.history, io.stdout);
    let stopInterrupts = () => {};
    let interrupted = false;
    try {
      const run = new BulkRun(core.sender, core.events, request, targets, {
        ...(values.concurrency ? { concurrency: positiveInt(values.concurrency, '--concurrency') } : {}),
        ...(values['max-attempts'] ? { maxAttempts: positiveInt(values['max-attempts'], '--max-attempts') } : {}),
        record: values['no-record'] !== true,
        retryAmbiguous: values['at-most-once'] !== true,
        onFinal: (item, result) => {
          // History heard this result (send.completed) before onFinal.
          if (jsonLines)
            printer.print(JSON.stringify({ ...item, explanation: result.explanation, messageIds: result.messageIds }));
        },
      });
      // Ctrl+C stops sending: requests in flight end as cancelled, the rest are never sent, and
      // the summary still comes out.
      stopInterrupts =
        io.onInterrupt?.(() => {
          interrupted = true;
          write(io.stderr, 'Stopping: requests in flight are cancelled. Press Ctrl+C again to quit at once.');
          run.cancel();
        }) ?? stopInterrupts;
      const ticker = bar ? setInterval(() => bar(run.progress()), 200) : null;
      const progress = await run.run().finally(() => ticker && clearInterval(ticker));
      await printer.settled();
      // The summary counts every result: they are all written before it is printed.
      if (core.history.unwritten) await core.history.written();
      bar?.(progress, true);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const counts = `${progress.total} targets in ${seconds}s: ${progress.accepted} accepted, ${progress.rejected} rejected, ${progress.failed} failed`;
      const summary = interrupted ? `Cancelled with Ctrl+C: ${counts} (${cancelledCount(run)} cancelled)` : counts;
      if (jsonLines) write(io.stderr, summary);
      else {
        write(io.stdout, summary);
        const reasons = new Map<string, number>();
        for (const item of run.results(0, Number.MAX_SAFE_INTEGER).items) {
          if (item.outcome !== 'accepted')
            reasons.set(item.reason ?? String(item.status), (reasons.get(item.reason ?? String(item.status)) ?? 0) + 1);
        }
        for (const [reason, count] of [...reasons].sort((a, b) => b[1] - a[1]))
          write(io.stdout, `  ${count} × ${reason}`);
      }
      // 130 is how shells report a command stopped by Ctrl+C.
      return interrupted ? 130 : progress.accepted === progress.total ? 0 : 1;
    } finally {
      stopInterrupts();
      await core.close();
    }
  },
};

/** Targets that ended cancelled: in flight when Ctrl+C came, or never sent. */
function cancelledCount(run: BulkRun): number {
  return run
    .results(0, Number.MAX_SAFE_INTEGER, { outcome: 'failed' })
    .items.filter((item) => item.reason === 'CANCELLED').length;
}

/** One target per line, or a devices export (.csv / .json) whose fields feed {{device.*}}. */
async function readTargets(path: string): Promise<BulkTarget[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new AppError('INVALID_INPUT', `Could not read the targets file ${path}.`);
  }
  const lower = path.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.json')) {
    const parsed = importDevices(text, lower.endsWith('.csv') ? 'csv' : 'json');
    if (!parsed.ok)
      throw new AppError(
        'INVALID_INPUT',
        `The targets file has bad rows: ${parsed.errors
          .slice(0, 3)
          .map((e) => e.message)
          .join('; ')}`,
      );
    return parsed.devices.map((device) => ({
      target: device.target,
      vars: { label: device.label, target: device.target, ...(device.fields ?? {}) },
    }));
  }
  const targets = splitTargets(text).map((target) => ({ target }));
  if (targets.length === 0) throw new AppError('INVALID_INPUT', `${path} has no targets (one per line).`);
  return targets;
}

function parseOptions(pairs: string[]): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new AppError('INVALID_INPUT', `--option takes key=value, not "${pair}".`);
    const raw = pair.slice(at + 1);
    options[pair.slice(0, at)] = /^-?\d+$/.test(raw)
      ? Number(raw)
      : raw === 'true'
        ? true
        : raw === 'false'
          ? false
          : raw;
  }
  return options;
}

function positiveInt(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new AppError('INVALID_INPUT', `${name} must be a whole number of at least 1.`);
  return n;
}

function progressBar(io: CliIo) {
  return (
    p: {
      done: number;
      total: number;
      ratePerSecond: number;
      etaSeconds: number | null;
      accepted: number;
      failed: number;
      rejected: number;
    },
    last = false,
  ) => {
    const width = 30;
    const filled = Math.round((p.done / Math.max(p.total, 1)) * width);
    const eta = p.etaSeconds === null ? '' : ` ETA ${p.etaSeconds}s`;
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total} ${Math.round(p.ratePerSecond)}/s${eta} ✓${p.accepted} ✗${p.rejected + p.failed}`;
    io.stderr.write(`\r${line.padEnd(90)}${last ? '\n' : ''}`);
  };
}
