import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../../main/cli/command';
import { commands } from '../../../../main/cli/commands';
import { runCli } from '../../../../main/cli/run-cli';
import { parseSince } from '../../../../main/cli/commands/history';
import { HistoryStore } from '../../../../main/core/workspace/history/store';
import { makeExchange, makeResult } from '../../../support/history-fixtures';

function io(env: NodeJS.ProcessEnv): CliIo & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += chunk));
  stderr.on('data', (chunk) => (err += chunk));
  return { stdout, stderr, stdin: new PassThrough(), env, out: () => out, err: () => err };
}

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'pc-history-cli-'));
  const store = new HistoryStore(dataDir);
  for (let i = 0; i < 12; i++) {
    store.recordExchange(makeExchange(i));
    store.recordSend(makeResult(i), null);
  }
  store.recordSend({ ...makeResult(21), id: 'c0ffee12-0000-4000-8000-000000000001' }, null);
  store.recordSend({ ...makeResult(22), id: 'c0ffee34-0000-4000-8000-000000000002' }, null);
  await store.close();
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('push-console history', () => {
  it('lists sends newest first, filtered by provider, with a limit', async () => {
    const cli = io({ PUSH_CONSOLE_DATA_DIR: dataDir });
    expect(await runCli(['history', 'list', '--json', '--provider', 'apns', '--limit', '2'], commands, cli)).toBe(0);
    const sends = JSON.parse(cli.out()) as Array<{ id: string; provider: string }>;
    expect(sends.map((send) => send.id)).toEqual(['send-10', 'send-5']);
    const text = io({});
    expect(await runCli(['history', 'list', '--data-dir', dataDir, '--limit', '3'], commands, text)).toBe(0);
    expect(text.out().trim().split('\n')).toHaveLength(3);
    expect(text.out()).toContain('c0ffee34');
    expect(text.err()).toBe('3 of 14 shown; use --limit for more.\n');
  });

  it('shows one send with its exchange headers', async () => {
    const cli = io({ PUSH_CONSOLE_DATA_DIR: dataDir });
    expect(await runCli(['history', 'show', 'send-7'], commands, cli)).toBe(0);
    expect(cli.out()).toContain('rejected 400 TooManyRequests');
    expect(cli.out()).toContain('> authorization: bearer [redacted]');
    const json = io({ PUSH_CONSOLE_DATA_DIR: dataDir });
    await runCli(['history', 'show', 'send-7', '--json'], commands, json);
    expect((JSON.parse(json.out()) as { exchanges: unknown[] }).exchanges).toHaveLength(1);
    const missing = io({ PUSH_CONSOLE_DATA_DIR: dataDir });
    expect(await runCli(['history', 'show', 'nope'], commands, missing)).not.toBe(0);
    expect(missing.err()).toContain('No send in history has an id starting "nope".');
  });

  it('takes the first characters of an id, as git does, and refuses an ambiguous start', async () => {
    const cli = io({ PUSH_CONSOLE_DATA_DIR: dataDir });
    expect(await runCli(['history', 'show', 'c0ffee1'], commands, cli)).toBe(0);
    expect(cli.out()).toMatch(/^c0ffee12-0000-4000-8000-000000000001 /);
    const ambiguous = io({ PUSH_CONSOLE_DATA_DIR: dataDir });
    expect(await runCli(['history', 'show', 'c0ffee'], commands, ambiguous)).toBe(1);
    expect(ambiguous.err()).toBe(
      'push-console: "c0ffee" is the start of 2 sends\' ids: c0ffee34-0000-4000-8000-000000000002, c0ffee12-0000-4000-8000-000000000001.\n  Give more of the id.\n',
    );
  });

  it('exports filtered exchanges as a HAR file', async () => {
    const file = join(dataDir, 'out.har');
    const cli = io({ PUSH_CONSOLE_DATA_DIR: dataDir });
    expect(await runCli(['history', 'export', '--har', file, '--provider', 'fcm'], commands, cli)).toBe(0);
    const har = JSON.parse(await readFile(file, 'utf8')) as { log: { entries: unknown[] } };
    expect(har.log.entries).toHaveLength(3);
    expect(cli.err()).toBe(`Wrote 3 exchanges to ${file}.\n`);
    const bad = io({ PUSH_CONSOLE_DATA_DIR: dataDir });
    expect(await runCli(['history', 'export', '--har', file, '--provider', 'pigeon'], commands, bad)).not.toBe(0);
    expect(bad.err()).toContain('Unknown provider "pigeon".');
  });

  it('reads --since as a duration or a time', () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    expect(parseSince('2h', now)).toBe('2026-11-23T10:00:00.000Z');
    expect(parseSince('2026-11-20T00:00Z', now)).toBe('2026-11-20T00:00:00.000Z');
    expect(() => parseSince('yesterday', now)).toThrow('--since "yesterday" is not a time.');
  });
});
