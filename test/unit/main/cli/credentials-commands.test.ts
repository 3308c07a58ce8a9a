import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../../main/cli/command';
import { makeCredentialsCommands } from '../../../../main/cli/commands/credentials';
import { runCli } from '../../../../main/cli/run-cli';
import { EphemeralSecrets } from '../../../../main/core/credentials/keychain';
import { credentialKindPackage } from '../../../../main/core/providers/registry';
import { credentialKindSchema } from '../../../../shared/domain/credential';
import { generateFixtures, P12_PASSPHRASE, TEAM_ID, type Fixtures } from '../../../fixtures/generate';

function io(stdinText?: string): CliIo & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += chunk));
  stderr.on('data', (chunk) => (err += chunk));
  stdin.end(stdinText ?? '');
  return { stdout, stderr, stdin, env: {}, out: () => out, err: () => err };
}

describe('push-console credentials', () => {
  let fx: Fixtures;
  let dir: string;
  const secrets = new EphemeralSecrets();
  const commands = makeCredentialsCommands({ secrets });
  const store = () => ['--data-dir', join(dir, 'data'), '--workspace', join(dir, 'ws')];
  const cli = async (argv: string[], stdin?: string) => {
    const streams = io(stdin);
    const code = await runCli(argv, commands, streams);
    return { code, out: streams.out(), err: streams.err() };
  };

  beforeAll(() => {
    fx = generateFixtures();
    dir = mkdtempSync(join(tmpdir(), 'pc-cred-cli-'));
  });
  afterAll(() => {
    rmSync(fx.dir, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds an APNs key from a file, guessing the key id from its name', async () => {
    const result = await cli(['credentials', 'add', 'apns-token', '--file', fx.p8, '--team-id', TEAM_ID, ...store()]);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toMatch(/^Added APNs key ABC123DEFG {2}\[apns-token\]/);
    expect(result.out).toContain('keyId=ABC123DEFG  teamId=TEAM123456');
  });

  it('reads a .p12 passphrase from stdin', async () => {
    const result = await cli(
      [
        'credentials',
        'add',
        'apns-certificate',
        '--file',
        fx.p12WithPassphrase,
        '--passphrase-stdin',
        '--label',
        'Push cert',
        ...store(),
      ],
      `${P12_PASSPHRASE}\n`,
    );
    expect(result.code).toBe(0);
    expect(result.out).toContain('environment=universal');
    expect(result.out).not.toContain(P12_PASSPHRASE);
  });

  it('reads WNS, VAPID and NH secrets from stdin, and warns on stderr', async () => {
    expect(
      (
        await cli(
          ['credentials', 'add', 'wns', '--package-sid', 'ms-app://S-1-15-2-5', '--secret-stdin', ...store()],
          'wns-secret\n',
        )
      ).code,
    ).toBe(0);
    const vapid = await cli([
      'credentials',
      'add',
      'vapid',
      '--generate',
      '--subject',
      'mailto:me@localhost',
      '--label',
      'Keys',
      ...store(),
    ]);
    expect(vapid.code).toBe(0);
    expect(vapid.err).toMatch(/^warning: The subject points at localhost/);
    const nhub = await cli(
      ['credentials', 'add', 'nhub', '--hub', 'orders', '--secret-stdin', ...store()],
      'Endpoint=sb://shop.servicebus.windows.net/;SharedAccessKeyName=Full;SharedAccessKey=nh-key=\n',
    );
    expect(nhub.out).toContain('namespace=shop');
  });

  it('lists metadata only, as text or JSON', async () => {
    const json = await cli(['credentials', 'list', '--json', ...store()]);
    const list = JSON.parse(json.out) as Array<{ label: string; kind: string }>;
    expect(list.map((meta) => meta.kind)).toEqual(['apns-token', 'apns-certificate', 'wns', 'vapid', 'nhub']);
    for (const secret of [P12_PASSPHRASE, 'wns-secret', 'nh-key=', 'PRIVATE KEY'])
      expect(json.out).not.toContain(secret);
    const text = await cli(['credentials', 'list', ...store()]);
    expect(text.out).toContain('Push cert  [apns-certificate]');
  });

  it('tests by label, and says plainly when an online check is needed', async () => {
    expect(await cli(['credentials', 'test', 'Push cert', ...store()])).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^✓ The TLS identity loads/),
    });
    expect(await cli(['credentials', 'test', 'APNs key ABC123DEFG', ...store()])).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^✓ Built and verified an ES256 JWT/),
    });
    const wns = await cli(['credentials', 'test', 'WNS S-1-15-2-5', '--env', 'local', ...store()]);
    expect(wns).toMatchObject({
      code: 1,
      err: expect.stringMatching(/^push-console: The local emulators are not running\./),
    });
  });

  it('removes by label, with the keychain entry', async () => {
    const before = JSON.parse((await cli(['credentials', 'list', '--json', ...store()])).out) as Array<{
      id: string;
      label: string;
    }>;
    const keys = before.find((meta) => meta.label === 'Keys')!;
    expect(await cli(['credentials', 'remove', 'Keys', ...store()])).toMatchObject({
      code: 0,
      out: 'Removed "Keys" and its keychain entry.\n',
    });
    expect(await secrets.get(keys.id)).toBeNull();
    expect(readFileSync(join(dir, 'ws', 'credentials.json'), 'utf8')).not.toContain(keys.id);
    expect(await cli(['credentials', 'remove', 'Keys', ...store()])).toMatchObject({
      code: 1,
      err: expect.stringMatching(/No credential named "Keys"/),
    });
  });

  it('refuses secrets given as arguments', async () => {
    const passphrase = await cli([
      'credentials',
      'add',
      'apns-certificate',
      '--file',
      fx.p12WithPassphrase,
      '--passphrase',
      'hunter2',
      ...store(),
    ]);
    expect(passphrase.code).toBe(1);
    expect(passphrase.err).toMatch(/--passphrase is not accepted: secrets on the command line end up in shell history/);
    const conn = await cli([
      'credentials',
      'add',
      'nhub',
      '--hub',
      'h',
      'Endpoint=sb://x/;SharedAccessKeyName=a;SharedAccessKey=b',
      ...store(),
    ]);
    expect(conn.err).toMatch(/An argument looks like a secret/);
    const raw = await cli([
      'credentials',
      'add',
      'vapid',
      '--subject',
      'mailto:a@b.c',
      Buffer.alloc(32, 3).toString('base64url'),
      ...store(),
    ]);
    expect(raw.err).toMatch(/An argument looks like a secret/);
  });

  it('gives human errors for a bad kind and bad input', async () => {
    expect((await cli(['credentials', 'add', 'apns', ...store()])).err).toMatch(
      /Say which kind to add: apns-token, apns-certificate/,
    );
    expect(
      (await cli(['credentials', 'add', 'apns-token', '--file', join(dir, 'missing.p8'), ...store()])).err,
    ).toMatch(/No file at .*missing\.p8/);
    expect(
      (await cli(['credentials', 'add', 'apns-certificate', '--file', fx.p12WithPassphrase, ...store()])).err,
    ).toMatch(/This \.p12 needs a passphrase\./);
    // The refusal lists every kind whose secret can come on stdin (wns, vapid and nhub today).
    const stdinKinds = credentialKindSchema.options.filter((kind) => credentialKindPackage(kind).stdinSecret !== null);
    expect(stdinKinds).toEqual(expect.arrayContaining(['wns', 'vapid', 'nhub']));
    const listed = `${stdinKinds.slice(0, -1).join(', ')} and ${stdinKinds.at(-1)}`;
    expect((await cli(['credentials', 'add', 'fcm-service-account', '--secret-stdin', ...store()], 'x')).err).toContain(
      `--secret-stdin is for ${listed}; fcm-service-account reads its secret from --file.`,
    );
  });
});
