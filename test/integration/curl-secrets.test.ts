import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core/core';
import { createLocalServices } from '../../main/local';
import type { Caller } from '../../main/core/api/dispatcher';
import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import type { ApiError } from '../../shared/errors';
import { makeExchange } from '../support/history-fixtures';
import { startServer, type TestServer } from '../support/http-servers';

/**
 * Copy as curl with secrets, through the real dispatcher and the recording transport: a browser
 * page needs a one-time grant, and Electron's renderer only ever hears "copied".
 */
const run = promisify(execFile);
const BROWSER: Caller = { transport: 'ws', trusted: true };
const RENDERER: Caller = { transport: 'ipc', trusted: true };
const BEARER = 'ya29.live-access-token-0123456789';
const CLIENT_SECRET = 'wns-client-secret-9876543210';

let dir: string;
let server: TestServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pc-curl-secrets-'));
  server = await startServer({ kind: 'h1-plain' });
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

interface Harness {
  core: Core;
  clock: { now: number };
  copied: string[];
  call<N extends CallName>(name: N, input: CallInput<N>, caller?: Caller): Promise<CallOutput<N>>;
  refused<N extends CallName>(name: N, input: CallInput<N>, caller?: Caller): Promise<ApiError>;
  /** A real request through the core's transport, carrying a bearer token and a client secret. */
  record(): Promise<string>;
}

async function harness(mode: 'browser' | 'electron'): Promise<Harness> {
  const clock = { now: Date.parse('2026-12-01T10:00:00Z') };
  const copied: string[] = [];
  const home = await mkdtemp(join(dir, `${mode}-`));
  const core = await createCore({
    local: createLocalServices,
    mode,
    dataDir: join(home, 'data'),
    workspaceDir: join(home, 'ws'),
    ephemeralSecrets: true,
    log: () => {},
    now: () => clock.now,
    ...(mode === 'electron' ? { clipboard: { writeText: (text: string) => void copied.push(text) } } : {}),
  });
  const fallback = mode === 'browser' ? BROWSER : RENDERER;
  return {
    core,
    clock,
    copied,
    async call(name, input, caller = fallback) {
      const result = await core.dispatch(name, input, caller);
      if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
      return result.value as never;
    },
    async refused(name, input, caller = fallback) {
      const result = await core.dispatch(name, input, caller);
      if (result.ok) throw new Error(`${name} unexpectedly succeeded: ${JSON.stringify(result.value)}`);
      return result.error;
    },
    async record() {
      const response = await core.transport.request({
        url: `${server.url}/v1/token`,
        method: 'POST',
        headers: [
          ['authorization', `Bearer ${BEARER}`],
          ['content-type', 'application/x-www-form-urlencoded'],
        ],
        body: `grant_type=client_credentials&client_id=app&client_secret=${CLIENT_SECRET}&scope=notify.windows.com`,
      });
      return response.exchangeId;
    },
  };
}

describe('exchanges.curl with secrets from a browser page', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness('browser');
  });
  afterAll(() => h?.core.close());

  it('gives the redacted command without a grant, and refuses the secrets', async () => {
    const id = await h.record();
    const redacted = await h.call('exchanges.curl', { id });
    expect(redacted).toMatchObject({ delivery: 'returned', includesSecrets: false });
    expect(JSON.stringify(redacted)).not.toContain(BEARER);
    expect(JSON.stringify(redacted)).not.toContain(CLIENT_SECRET);
    const refused = await h.refused('exchanges.curl', { id, includeSecrets: true });
    expect(refused).toEqual({
      code: 'CONFIRMATION_REQUIRED',
      message: 'Copying a command with its live secrets needs your confirmation first.',
      hint: 'Choose "Copy with secrets…" again and confirm.',
    });
    const invented = await h.refused('exchanges.curl', { id, includeSecrets: true, grant: 'made-up' });
    expect(invented.message).toBe('This confirmation has already been used, or was never given.');
  });

  it('returns the live command once per grant, and the command replays with real curl', async () => {
    const id = await h.record();
    const { grant, expiresInSeconds } = await h.call('exchanges.curlGrant', { id });
    expect(expiresInSeconds).toBe(30);
    expect(grant).toMatch(/^[\w-]{24}$/);
    const output = await h.call('exchanges.curl', { id, includeSecrets: true, grant });
    if (output.delivery !== 'returned') throw new Error('a browser page gets the command back');
    expect(output.includesSecrets).toBe(true);
    expect(output.command).toContain(BEARER);
    expect(output.command).toContain(CLIENT_SECRET);
    const again = await h.refused('exchanges.curl', { id, includeSecrets: true, grant });
    expect(again.message).toBe('This confirmation has already been used, or was never given.');

    // Real curl, as the user would paste it.
    const before = server.seen.length;
    await run('sh', ['-c', `${output.command} --silent --show-error --output /dev/null`], { timeout: 20_000 });
    expect(server.seen[before]!.rawHeaders).toContainEqual(['authorization', `Bearer ${BEARER}`]);
    expect(server.seen[before]!.body.toString()).toContain(`client_secret=${CLIENT_SECRET}`);
  });

  it('refuses a grant after 30 seconds, and spends it anyway', async () => {
    const id = await h.record();
    const fresh = await h.call('exchanges.curlGrant', { id });
    h.clock.now += 29_999;
    expect((await h.call('exchanges.curl', { id, includeSecrets: true, grant: fresh.grant })).includesSecrets).toBe(
      true,
    );
    const stale = await h.call('exchanges.curlGrant', { id });
    h.clock.now += 30_000;
    const expired = await h.refused('exchanges.curl', { id, includeSecrets: true, grant: stale.grant });
    expect(expired.message).toBe('This confirmation expired; it is good for 30 seconds.');
    h.clock.now -= 30_000;
    const spent = await h.refused('exchanges.curl', { id, includeSecrets: true, grant: stale.grant });
    expect(spent.message).toBe('This confirmation has already been used, or was never given.');
  });

  it('refuses a grant given for another exchange', async () => {
    const first = await h.record();
    const second = await h.record();
    const { grant } = await h.call('exchanges.curlGrant', { id: first });
    const other = await h.refused('exchanges.curl', { id: second, includeSecrets: true, grant });
    expect(other.message).toBe('This confirmation was given for another exchange.');
    // Presented once, even for the wrong exchange, it is spent.
    expect((await h.refused('exchanges.curl', { id: first, includeSecrets: true, grant })).code).toBe(
      'CONFIRMATION_REQUIRED',
    );
  });

  it('says why before granting when the exchange or its secrets are gone', async () => {
    expect((await h.refused('exchanges.curlGrant', { id: 'ex-nope' })).message).toBe(
      'Exchange ex-nope is not in history.',
    );
    // Recorded by another transport (as when read back from history): no unredacted request in memory.
    h.core.events.emit('exchange.recorded', makeExchange(7));
    expect(await h.refused('exchanges.curlGrant', { id: 'ex-7' })).toMatchObject({
      code: 'SECRETS_GONE',
      message: 'The secrets for this exchange are no longer in memory.',
    });
  });
});

describe('exchanges.curl with secrets from the Electron renderer', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness('electron');
  });
  afterAll(() => h?.core.close());

  it('puts the live command on the clipboard from main and answers only "copied"', async () => {
    const id = await h.record();
    expect((await h.refused('exchanges.curl', { id, includeSecrets: true })).code).toBe('CONFIRMATION_REQUIRED');
    expect(h.copied).toEqual([]);
    const { grant } = await h.call('exchanges.curlGrant', { id });
    const output = await h.call('exchanges.curl', { id, includeSecrets: true, grant });
    expect(output).toEqual({ delivery: 'copied', includesSecrets: true });
    expect(h.copied).toHaveLength(1);
    expect(h.copied[0]).toContain(`Bearer ${BEARER}`);
    expect(h.copied[0]).toContain(`client_secret=${CLIENT_SECRET}`);
    expect(h.copied[0]).toMatch(/^curl \\\n {2}--http1\.1 /);
    // The redacted command still comes back for the renderer to copy; it holds nothing secret.
    const redacted = await h.call('exchanges.curl', { id });
    if (redacted.delivery !== 'returned') throw new Error('the redacted command is returned');
    expect(redacted.command).not.toContain(BEARER);
    expect(redacted.command).not.toContain(CLIENT_SECRET);
    expect(h.copied).toHaveLength(1);
  });

  it('keeps returning the command to in-process callers (CLI, tests) without a grant', async () => {
    const id = await h.record();
    const output = await h.call('exchanges.curl', { id, includeSecrets: true }, { transport: 'cli', trusted: true });
    expect(output).toMatchObject({ delivery: 'returned', includesSecrets: true });
    expect(JSON.stringify(output)).toContain(BEARER);
  });
});
