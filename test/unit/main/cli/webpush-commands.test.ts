import { createECDH } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../../main/cli/command';
import { sendWebpushCommand } from '../../../../main/cli/commands/send-webpush';
import { vapidGenerateCommand } from '../../../../main/cli/commands/vapid';

function io(): CliIo & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += chunk));
  stderr.on('data', (chunk) => (err += chunk));
  return { stdout, stderr, stdin: new PassThrough(), env: {}, out: () => out, err: () => err };
}

const subscription = JSON.stringify({
  endpoint: 'https://fcm.googleapis.com/wp/abc',
  keys: {
    p256dh: 'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4',
    auth: 'BTBZMqHH6r4Tts7J_aSIgg',
  },
});

describe('push-console vapid generate', () => {
  it('prints a working key pair to stdout and the storage advice to stderr', async () => {
    const cli = io();
    expect(await vapidGenerateCommand.run(['--json'], cli)).toBe(0);
    const keys = JSON.parse(cli.out()) as { publicKey: string; privateKey: string };
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(keys.privateKey, 'base64url'));
    expect(ecdh.getPublicKey('base64url')).toBe(keys.publicKey);
    expect(cli.err()).toMatch(/credentials add vapid/);
    expect(cli.err()).not.toContain(keys.privateKey);
    const text = io();
    await vapidGenerateCommand.run([], text);
    expect(text.out()).toMatch(/^Public key: {2}B[A-Za-z0-9_-]{86}\nPrivate key: [A-Za-z0-9_-]{43}\n$/);
  });
});

describe('push-console send webpush', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'webpush-cli-'));
    await writeFile(join(dir, 'sub.json'), subscription);
    await writeFile(join(dir, 'payload.txt'), 'a'.repeat(4000));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const common = () => [
    '--credential',
    'keys',
    '--ephemeral-secrets',
    '--data-dir',
    dir,
    '--workspace',
    join(dir, 'ws'),
  ];

  it('asks for what is missing in words', async () => {
    await expect(sendWebpushCommand.run(['--subscription', subscription], io())).rejects.toThrow(
      '--credential is required (for example --credential my-vapid-keys).',
    );
    await expect(sendWebpushCommand.run([...common(), '--subscription', subscription], io())).rejects.toThrow(
      '--payload is required: a file path, or - for stdin.',
    );
    await expect(
      sendWebpushCommand.run([...common(), '--subscription', join(dir, 'missing.json'), '--no-payload'], io()),
    ).rejects.toThrow(`No subscription file at ${join(dir, 'missing.json')}.`);
    await expect(
      sendWebpushCommand.run(
        [...common(), '--subscription', subscription, '--no-payload', '--urgency', 'urgent'],
        io(),
      ),
    ).rejects.toThrow('--urgency must be very-low, low, normal or high, not "urgent".');
    await expect(
      sendWebpushCommand.run([...common(), '--subscription', subscription, '--no-payload', '--ttl', '1.5'], io()),
    ).rejects.toThrow('--ttl must be a whole number, 0 or more, not "1.5".');
    await expect(
      sendWebpushCommand.run([...common(), '--subscription', subscription, '--no-payload', '--env', 'sandbox'], io()),
    ).rejects.toThrow(/no sandbox/);
  });

  it('--dry-run runs preflight only: a subscription file and a too-large payload', async () => {
    const cli = io();
    const code = await sendWebpushCommand.run(
      [...common(), '--subscription', join(dir, 'sub.json'), '--payload', join(dir, 'payload.txt'), '--dry-run'],
      cli,
    );
    expect(code).toBe(1);
    expect(cli.err()).toContain('error: Encrypted payload is 4,103 bytes; Web Push allows 4,096');
    expect(cli.err()).toContain('note: This subscription belongs to Google FCM (Chrome).');
    const ok = io();
    expect(
      await sendWebpushCommand.run(
        [...common(), '--subscription', subscription, '--no-payload', '--dry-run', '--json'],
        ok,
      ),
    ).toBe(0);
    expect(JSON.parse(ok.out()).preflight).toEqual([expect.objectContaining({ code: 'webpush.endpoint.service' })]);
  });
});
