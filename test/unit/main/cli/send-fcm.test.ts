import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../../main/cli/command';
import { sendFcmCommand } from '../../../../main/cli/commands/send-fcm';
import { commands } from '../../../../main/cli/commands';

function io(): CliIo {
  return { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), env: {} };
}

let dir: string;
let message: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'send-fcm-'));
  message = join(dir, 'message.json');
  await writeFile(message, '{"notification":{"title":"Hi"}}');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('push-console send fcm', () => {
  it('is registered as "send fcm"', () => {
    expect(commands.find((command) => command.path.join(' ') === 'send fcm')).toBe(sendFcmCommand);
  });

  it('needs a credential and exactly one target', async () => {
    await expect(sendFcmCommand.run(['--token', 'abc', '--message', message], io())).rejects.toThrow(
      '--credential is required',
    );
    await expect(sendFcmCommand.run(['--credential', 'c', '--message', message], io())).rejects.toThrow(
      'Say where to send: --token, --topic or --condition.',
    );
    await expect(
      sendFcmCommand.run(['--credential', 'c', '--token', 'a', '--topic', 'b', '--message', message], io()),
    ).rejects.toThrow('Give only one target; got --token and --topic.');
  });

  it('needs a message file and refuses a sandbox that FCM does not have', async () => {
    await expect(sendFcmCommand.run(['--credential', 'c', '--topic', 'news'], io())).rejects.toThrow(
      '--message is required',
    );
    await expect(
      sendFcmCommand.run(['--credential', 'c', '--topic', 'news', '--message', join(dir, 'missing.json')], io()),
    ).rejects.toThrow(`No file at ${join(dir, 'missing.json')}.`);
    await expect(
      sendFcmCommand.run(['--credential', 'c', '--topic', 'news', '--message', message, '--env', 'sandbox'], io()),
    ).rejects.toThrow('FCM has no sandbox');
  });

  it('takes no secret on the command line', async () => {
    await expect(
      sendFcmCommand.run(['--credential', 'c', '--topic', 'n', '--message', message, '--private-key', 'x'], io()),
    ).rejects.toThrow(/Unknown option '--private-key'/);
  });
});
