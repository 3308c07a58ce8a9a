import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../../main/cli/command';
import { commands } from '../../../../main/cli/commands';
import { applyWnsHeaders, sendWnsCommand } from '../../../../main/cli/commands/send-wns';

function io(): CliIo & { out: () => string } {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  return {
    stdout,
    stderr: new PassThrough(),
    stdin: new PassThrough(),
    env: {},
    out: () => Buffer.concat(chunks).toString('utf8'),
  };
}

let dir: string;
let toast: string;
const channel = 'https://wns2-by3p.notify.windows.com/?token=AwYAAAD';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'send-wns-'));
  toast = join(dir, 'toast.xml');
  await writeFile(toast, '<toast><visual><binding template="ToastGeneric"><text>Hi</text></binding></visual></toast>');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const base = () => ['--credential', 'c', '--channel', channel, '--payload', toast];

describe('push-console send wns', () => {
  it('is registered as "send wns"', () => {
    expect(commands.find((command) => command.path.join(' ') === 'send wns')).toBe(sendWnsCommand);
  });

  it('needs a credential, a channel and a payload', async () => {
    await expect(sendWnsCommand.run(['--channel', channel, '--payload', toast], io())).rejects.toThrow(
      '--credential is required',
    );
    await expect(sendWnsCommand.run(['--credential', 'c', '--payload', toast], io())).rejects.toThrow(
      '--channel is required',
    );
    await expect(sendWnsCommand.run(['--credential', 'c', '--channel', channel], io())).rejects.toThrow(
      '--payload is required',
    );
  });

  it('checks --type and refuses a sandbox WNS does not have', async () => {
    await expect(sendWnsCommand.run([...base(), '--type', 'popup'], io())).rejects.toThrow(
      '--type must be toast, tile, badge or raw, not "popup".',
    );
    await expect(sendWnsCommand.run([...base(), '--env', 'sandbox'], io())).rejects.toThrow('WNS has no sandbox');
  });

  it('takes no secret on the command line', async () => {
    await expect(sendWnsCommand.run([...base(), '--client-secret', 'x'], io())).rejects.toThrow(
      /Unknown option '--client-secret'/,
    );
  });

  it('turns --dry-run into the preflight alone, with --json', async () => {
    const dataDir = join(dir, 'data');
    const bad = join(dir, 'bad.xml');
    await writeFile(bad, '<toast><visual></toast>');
    const out = io();
    const code = await sendWnsCommand.run(
      [
        '--credential',
        'c',
        '--channel',
        'https://example.com/?t=1',
        '--payload',
        bad,
        '--header',
        'X-WNS-TTL=60',
        '--dry-run',
        '--json',
        '--ephemeral-secrets',
        '--data-dir',
        dataDir,
        '--workspace',
        join(dataDir, 'ws'),
      ],
      out,
    );
    expect(code).toBe(1);
    const { preflight } = JSON.parse(out.out()) as { preflight: Array<{ code: string }> };
    expect(preflight.map((issue) => issue.code)).toEqual(['wns.channel.foreign-host', 'wns.xml.malformed']);
  });

  it('is parsed by the contract as a send from a window is, naming the field it refuses', async () => {
    // The CLI takes any whole number for X-WNS-TTL; the contract allows none below 0.
    const dataDir = join(dir, 'data-contract');
    const common = ['--ephemeral-secrets', '--data-dir', dataDir, '--workspace', join(dataDir, 'ws')];
    for (const extra of [['--dry-run'], []]) {
      await expect(
        sendWnsCommand.run([...base(), '--header', 'X-WNS-TTL=-5', ...extra, ...common], io()),
      ).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/^Invalid input for send\.(preflight|run): (request\.)?options\.ttl: /),
      });
    }
  });
});

describe('--header X-WNS-…=…', () => {
  it('maps every known header to its option, case-insensitively', () => {
    expect(
      applyWnsHeaders(
        [
          'X-WNS-Cache-Policy=no-cache',
          'x-wns-requestforstatus=true',
          'X-WNS-Tag=t1',
          'X-WNS-Group=g1',
          'X-WNS-Match=type:wns/toast;all',
          'X-WNS-TTL=60',
          'X-WNS-SuppressPopup=false',
          'X-WNS-PRIORITY=2',
        ],
        { type: 'tile' },
      ),
    ).toEqual({
      type: 'tile',
      cachePolicy: 'no-cache',
      requestForStatus: true,
      tag: 't1',
      group: 'g1',
      match: 'type:wns/toast;all',
      ttl: 60,
      suppressPopup: false,
      priority: 2,
    });
  });

  it.each([
    ['X-WNS-TTL', /--header needs NAME=VALUE/],
    ['X-WNS-TTL=soon', 'X-WNS-TTL must be a whole number, not "soon".'],
    ['X-WNS-RequestForStatus=yes', 'X-WNS-RequestForStatus must be true or false, not "yes".'],
    ['X-WNS-Cache-Policy=always', 'X-WNS-Cache-Policy must be cache or no-cache, not "always".'],
    ['X-WNS-Type=wns/raw', 'Set the type with --type'],
    ['Authorization=Bearer x', '--header Authorization is not an X-WNS header this client sends.'],
  ])('refuses %s with a human message', (header, message) => {
    expect(() => applyWnsHeaders([header], { type: 'toast' })).toThrow(message);
  });
});
