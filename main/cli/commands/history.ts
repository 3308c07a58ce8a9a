import { writeFile } from 'node:fs/promises';
import { providerSchema, type Provider } from '../../../shared/domain/exchange';
import { PROVIDER_IDS } from '../../../shared/providers/ids';
import { AppError } from '../../../shared/errors';
import type { StoredSend } from '../../core/workspace/history/store';
import type { HistoryFilter } from '../../../shared/history/summary';
import { targetNamer, targetNameText } from '../../../shared/devices/display-name';
import { formatTime } from '../../../shared/time-format';
import { defaultDataDir, defaultWorkspaceDir } from '../../core/paths';
import { DeviceStore } from '../../core/workspace/devices';
import { ProfileStore } from '../../core/workspace/profiles';
import { exchangesToHar } from '../../core/transport/har';
import { appVersion } from '../../core/version';
import { HistoryStore } from '../../core/workspace/history/store';
import { parseCommandArgs } from '../args';
import { write, type CliCommand, type CliIo } from '../command';

/** Names for targets from the workspace's devices and profiles (nothing when it cannot be read). */
async function workspaceNamer(dataDir: string | undefined, io: CliIo) {
  const dir = defaultWorkspaceDir(dataDir ?? defaultDataDir(io.env), io.env);
  // Listing profiles reads profiles.json only; no credential is ever resolved here.
  const noCredentials = {
    resolve: () => Promise.reject(new AppError('NOT_FOUND', 'history list reads no credentials.')),
  };
  const [devices, profiles] = await Promise.all([
    new DeviceStore(dir).list().catch(() => []),
    new ProfileStore(dir, noCredentials).list().catch(() => []),
  ]);
  return targetNamer({ devices, profiles });
}

const common = {
  'data-dir': { type: 'string' },
  provider: { type: 'string', multiple: true },
  since: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** Reads the same files the app writes; no keychain or network is touched. */
async function withStore<T>(dataDir: string | undefined, io: CliIo, run: (store: HistoryStore) => Promise<T>) {
  const store = new HistoryStore(dataDir ?? defaultDataDir(io.env));
  try {
    await store.ready();
    return await run(store);
  } finally {
    await store.close();
  }
}

function filterFrom(values: { provider?: string[] | undefined; since?: string | undefined }): HistoryFilter {
  const filter: HistoryFilter = {};
  if (values.provider?.length) {
    filter.provider = values.provider.map((name): Provider => {
      const parsed = providerSchema.safeParse(name.toLowerCase());
      if (!parsed.success) {
        throw new AppError(
          'INVALID_INPUT',
          `Unknown provider "${name}".`,
          `Use ${PROVIDER_IDS.slice(0, -1).join(', ')} or ${PROVIDER_IDS.at(-1)}.`,
        );
      }
      return parsed.data;
    });
  }
  if (values.since !== undefined) filter.since = parseSince(values.since);
  return filter;
}

/** `--since` takes an ISO date/time or a duration back from now: 30m, 2h, 7d. */
export function parseSince(value: string, now = Date.now()): string {
  const relative = /^(\d+)([mhd])$/.exec(value.trim());
  if (relative) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000 }[relative[2] as 'm' | 'h' | 'd'];
    return new Date(now - Number(relative[1]) * unit).toISOString();
  }
  const time = Date.parse(value);
  if (Number.isNaN(time)) {
    throw new AppError(
      'INVALID_INPUT',
      `--since "${value}" is not a time.`,
      'Use an ISO time (2026-11-23T10:00Z) or 30m, 2h, 7d.',
    );
  }
  return new Date(time).toISOString();
}

export const historyListCommand: CliCommand = {
  path: ['history', 'list'],
  summary: 'Past sends, newest first.',
  usage: `history list [--json] [--provider ${PROVIDER_IDS.join('|')} …] [--since 2h|ISO] [--limit N] [--data-dir DIR]`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, { ...common, limit: { type: 'string' } });
    const limit = values.limit === undefined ? 50 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) {
      throw new AppError('INVALID_INPUT', `--limit must be a whole number above 0, not "${values.limit}".`);
    }
    const page = await withStore(values['data-dir'], io, (store) => store.listSends(filterFrom(values), null, limit));
    if (values.json) {
      write(io.stdout, JSON.stringify(page.items));
      return 0;
    }
    if (page.items.length === 0) {
      write(io.stderr, 'No sends in history yet.');
      return 0;
    }
    const nameOf = await workspaceNamer(values['data-dir'], io);
    for (const send of page.items) {
      const name = targetNameText(nameOf(send.provider, send.target, send));
      const status = send.status === null ? '---' : String(send.status);
      const reason = send.reason ? ` ${send.reason}` : '';
      write(
        io.stdout,
        `${formatTime(send.startedAt, { date: true })}  ${send.id}  ${send.provider.padEnd(7)} ${status} ${send.outcome}${reason}  ${name}`,
      );
    }
    if (page.total > page.items.length)
      write(io.stderr, `${page.items.length} of ${page.total} shown; use --limit for more.`);
    return 0;
  },
};

/** One past send by its id or the first characters of it (`history show`, `doctor`). */
export async function storedSend(
  dataDir: string | undefined,
  io: CliIo,
  given: string | undefined,
): Promise<StoredSend> {
  if (!given) throw new AppError('INVALID_INPUT', 'Which send? Give its id, as shown by "history list".');
  const stored = await withStore(dataDir, io, async (store) => {
    const ids = await store.sendIdsStartingWith(given, 6);
    if (ids.length > 1) {
      throw new AppError(
        'INVALID_INPUT',
        `"${given}" is the start of ${ids.length > 5 ? 'more than 5' : ids.length} sends' ids: ${ids.slice(0, 5).join(', ')}.`,
        'Give more of the id.',
      );
    }
    return ids.length === 1 ? store.getSend(ids[0]!) : null;
  });
  if (!stored)
    throw new AppError(
      'NOT_FOUND',
      `No send in history has an id starting "${given}".`,
      'List sends with "push-console history list".',
    );
  return stored;
}

export const historyShowCommand: CliCommand = {
  path: ['history', 'show'],
  summary: 'One past send with its request and exchanges (redacted).',
  usage: 'history show <send-id or its first characters> [--json] [--data-dir DIR]',
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { 'data-dir': common['data-dir'], json: common.json }, true);
    const stored = await storedSend(values['data-dir'], io, positionals[0]);
    if (values.json) {
      write(io.stdout, JSON.stringify(stored));
      return 0;
    }
    const { result } = stored;
    const nameOf = await workspaceNamer(values['data-dir'], io);
    const via = { credentialId: stored.request?.credential ?? null, environment: stored.request?.environment ?? null };
    write(
      io.stdout,
      `${result.id}  ${result.provider} → ${targetNameText(nameOf(result.provider, result.target, via))}`,
    );
    write(io.stdout, `${result.outcome} ${result.status ?? ''} ${result.reason ?? ''}`.trimEnd());
    if (result.explanation) write(io.stdout, result.explanation);
    if (result.hint) write(io.stdout, `Hint: ${result.hint}`);
    for (const [name, value] of Object.entries(result.messageIds)) write(io.stdout, `${name}: ${value}`);
    for (const exchange of stored.exchanges) {
      write(io.stdout, `\n${exchange.method} ${exchange.url} HTTP/${exchange.httpVersion}`);
      for (const [name, value] of exchange.requestHeaders) write(io.stdout, `> ${name}: ${value}`);
      write(io.stdout, `< status ${exchange.status ?? exchange.error?.code ?? '---'} in ${exchange.timings.total} ms`);
      for (const [name, value] of exchange.responseHeaders) write(io.stdout, `< ${name}: ${value}`);
      if (exchange.responseBody?.encoding === 'text' && exchange.responseBody.data)
        write(io.stdout, exchange.responseBody.data);
    }
    return 0;
  },
};

export const historyExportCommand: CliCommand = {
  path: ['history', 'export'],
  summary: 'Write recorded exchanges as a HAR file (redacted).',
  usage: 'history export --har <file> [--provider …] [--since 2h|ISO] [--data-dir DIR]',
  async run(args, io) {
    const { values } = parseCommandArgs(args, { ...common, har: { type: 'string' } });
    if (!values.har) throw new AppError('INVALID_INPUT', 'Where to? Add --har <file>.');
    const exchanges = await withStore(values['data-dir'], io, (store) =>
      store.exchangesFor({ filter: filterFrom(values) }, 100_000),
    );
    if (exchanges.length === 0) throw new AppError('NOT_FOUND', 'No exchanges match; nothing to export.');
    await writeFile(values.har, JSON.stringify(exchangesToHar(exchanges, appVersion()), null, 2));
    write(io.stderr, `Wrote ${exchanges.length} exchange${exchanges.length === 1 ? '' : 's'} to ${values.har}.`);
    return 0;
  },
};
