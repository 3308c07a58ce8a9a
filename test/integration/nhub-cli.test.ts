import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { RunningNhubEmulator } from '../../main/emulators/nhub';
import { missingKeyringSession, useCliSandbox } from '../support/cli-harness';
import { describeWithSystem } from '../support/system';

const NAMESPACE = 'cli-ns.servicebus.windows.net';
const KEY = 'cli+secret/key=';
const CONNECTION = `Endpoint=sb://${NAMESPACE}/;SharedAccessKeyName=DefaultFullSharedAccessSignature;SharedAccessKey=${KEY}`;

/**
 * `credentials add nhub` (connection string from stdin) + `send nhub` as a user runs them, in
 * child processes with a private D-Bus session and gnome-keyring, against the published hub emulator.
 */
describeWithSystem('push-console send nhub (child processes, real keychain)', missingKeyringSession(), () => {
  let dir: string;
  let nhub: RunningNhubEmulator;

  const cli = useCliSandbox<RunningNhubEmulator>(
    'nhub-cli-',
    'nhub',
    async (folder, emulator) => {
      dir = folder;
      nhub = emulator;
      nhub.registerCredential({ connectionString: CONNECTION, hub: 'CliHub' });
      await writeFile(join(dir, 'apple.json'), JSON.stringify({ aps: { alert: 'From the CLI' } }));
      await writeFile(
        join(dir, 'toast.xml'),
        '<toast><visual><binding template="ToastText01"><text id="1">Hi</text></binding></visual></toast>',
      );
      await writeFile(join(dir, 'big.json'), JSON.stringify({ aps: { alert: 'x'.repeat(4200) } }));
    },
    { timeoutMs: 180_000 },
  );

  it('imports a connection string, sends tag, test, direct and windows sends, refuses bad input, writes a redacted HAR', async () => {
    const registration = nhub.createRegistration({
      hub: 'CliHub',
      platform: 'apple',
      installationId: 'cli-1',
      tags: ['cli'],
    });
    const har = join(dir, 'send.har');
    const common = ['--credential', 'CLI hub', '--env', 'local'];
    const [added, credentialTest, tagged, tested, direct, windows, badTags, tooBig, directTest] = await cli(
      {
        args: ['credentials', 'add', 'nhub', '--secret-stdin', '--hub', 'CliHub', '--label', 'CLI hub'],
        stdin: CONNECTION,
      },
      { args: ['credentials', 'test', 'CLI hub', '--env', 'local'] },
      {
        args: [
          'send',
          'nhub',
          ...common,
          '--format',
          'apple',
          '--tags',
          'cli && !muted',
          '--payload',
          join(dir, 'apple.json'),
          '--har',
          har,
          '--header',
          'apns-push-type=alert',
        ],
      },
      {
        args: [
          'send',
          'nhub',
          ...common,
          '--format',
          'apple',
          '--tags',
          '$InstallationId:{cli-1}',
          '--test',
          '--payload',
          join(dir, 'apple.json'),
          '--json',
        ],
      },
      {
        args: [
          'send',
          'nhub',
          ...common,
          '--format',
          'apple',
          '--device-handle',
          'ABCDEF',
          '--payload',
          join(dir, 'apple.json'),
        ],
      },
      { args: ['send', 'nhub', ...common, '--format', 'windows', '--payload', join(dir, 'toast.xml')] },
      {
        args: [
          'send',
          'nhub',
          ...common,
          '--format',
          'apple',
          '--tags',
          'cli & news',
          '--payload',
          join(dir, 'apple.json'),
        ],
      },
      { args: ['send', 'nhub', ...common, '--format', 'apple', '--tags', 'cli', '--payload', join(dir, 'big.json')] },
      {
        args: [
          'send',
          'nhub',
          ...common,
          '--format',
          'apple',
          '--device-handle',
          'AB',
          '--test',
          '--payload',
          join(dir, 'apple.json'),
        ],
      },
    );
    expect(added!.code, added!.err).toBe(0);
    // The same provider test as the app's credentials.test: locally the hub itself checks the SAS.
    expect(credentialTest).toMatchObject({
      code: 0,
      out: `✓ SAS token signed for https://${NAMESPACE}/clihub with key "DefaultFullSharedAccessSignature"; the local hub accepted it.`,
    });
    expect(tagged!.code, tagged!.err).toBe(0);
    expect(tagged!.out).toMatch(/✓ accepted\s+201/);
    expect(tagged!.out).toContain('TrackingId:');
    expect(nhub.inbox.list(registration.registrationId)[0]?.headers).toMatchObject({ 'apns-push-type': 'alert' });

    expect(tested!.code, tested!.err).toBe(0);
    const json = JSON.parse(tested!.out) as { result: { details: { notificationOutcome: unknown } } };
    expect(json.result.details.notificationOutcome).toEqual({
      success: 1,
      failure: 0,
      results: [
        {
          platform: 'apple',
          registrationId: registration.registrationId,
          pnsHandle: registration.handle,
          outcome: 'The Notification was successfully sent to the Push Notification System',
        },
      ],
    });
    expect(tested!.out).not.toContain(KEY);

    expect(direct!.code, direct!.err).toBe(0);
    expect(nhub.inbox.list('ABCDEF')).toHaveLength(1);
    expect(windows!.code, windows!.err).toBe(0);

    expect(badTags!.code).not.toBe(0);
    expect(badTags!.err).toContain('"&" must be doubled: use "&&" (at position 5)');
    expect(tooBig!.code).not.toBe(0);
    expect(tooBig!.err).toMatch(/Payload is 4,2\d\d bytes; Notification Hubs allows 4,096/);
    expect(directTest!.code).not.toBe(0);
    expect(directTest!.err).toContain('$InstallationId:{id}');

    const harText = await readFile(har, 'utf8');
    expect(harText).toContain('ServiceBusNotification-Tags');
    expect(harText).not.toContain(KEY);
    expect(harText).not.toMatch(/sig=[A-Za-z0-9%]{20,}/);
  }, 240_000);
});
