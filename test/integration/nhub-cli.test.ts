import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningNhubEmulator } from '../../main/emulators/nhub';
import { startEmulators, type EmulatorSet } from '../../main/emulators/run';
import { describeWithSystem, missingCommand } from '../support/system';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');
const NAMESPACE = 'cli-ns.servicebus.windows.net';
const KEY = 'cli+secret/key=';
const CONNECTION = `Endpoint=sb://${NAMESPACE}/;SharedAccessKeyName=DefaultFullSharedAccessSignature;SharedAccessKey=${KEY}`;

interface Run {
  code: number;
  out: string;
  err: string;
}

/**
 * `credentials add nhub` (connection string from stdin) + `send nhub` as a user runs them, in
 * child processes with a private D-Bus session and gnome-keyring, against the published hub emulator.
 */
describeWithSystem(
  'push-console send nhub (child processes, real keychain)',
  missingCommand('dbus-run-session', 'dbus') ?? missingCommand('gnome-keyring-daemon', 'gnome-keyring'),
  () => {
    let dir: string;
    let set: EmulatorSet;
    let nhub: RunningNhubEmulator;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'nhub-cli-'));
      set = await startEmulators({ dataDir: join(dir, 'data'), only: ['nhub'] });
      nhub = set.emulators.nhub as RunningNhubEmulator;
      nhub.registerCredential({ connectionString: CONNECTION, hub: 'CliHub' });
      await writeFile(join(dir, 'apple.json'), JSON.stringify({ aps: { alert: 'From the CLI' } }));
      await writeFile(
        join(dir, 'toast.xml'),
        '<toast><visual><binding template="ToastText01"><text id="1">Hi</text></binding></visual></toast>',
      );
      await writeFile(join(dir, 'big.json'), JSON.stringify({ aps: { alert: 'x'.repeat(4200) } }));
    });
    afterAll(async () => {
      await set.close();
      await rm(dir, { recursive: true, force: true });
    });

    async function cli(...invocations: Array<{ args: string[]; stdin?: string }>): Promise<Run[]> {
      const store = ['--data-dir', join(dir, 'data'), '--workspace', join(dir, 'ws')];
      const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
      const lines = invocations.map(({ args, stdin }) => {
        const feed = stdin === undefined ? '' : `printf '%s' ${quote(stdin)} | `;
        return (
          `out=$(${feed}node --import tsx main/cli/index.ts ${[...args, ...store].map(quote).join(' ')} 2>"$HOME/err"); code=$?; ` +
          `node -e 'const fs=require("fs");console.log(JSON.stringify({code:+process.argv[1],out:process.argv[2],err:fs.readFileSync(process.env.HOME+"/err","utf8")}))' "$code" "$out"`
        );
      });
      const script = ['echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null', ...lines].join(
        '\n',
      );
      const { stdout } = await run('dbus-run-session', ['--', 'sh', '-c', script], {
        cwd: ROOT,
        env: { ...process.env, HOME: dir, XDG_DATA_HOME: join(dir, 'xdg'), XDG_RUNTIME_DIR: dir },
        timeout: 180_000,
      });
      return stdout
        .trim()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Run);
    }

    it('imports a connection string, sends tag, test, direct and windows sends, refuses bad input, writes a redacted HAR', async () => {
      const registration = nhub.createRegistration({
        hub: 'CliHub',
        platform: 'apple',
        installationId: 'cli-1',
        tags: ['cli'],
      });
      const har = join(dir, 'send.har');
      const common = ['--credential', 'CLI hub', '--env', 'local'];
      const [added, tagged, tested, direct, windows, badTags, tooBig, directTest] = await cli(
        {
          args: ['credentials', 'add', 'nhub', '--secret-stdin', '--hub', 'CliHub', '--label', 'CLI hub'],
          stdin: CONNECTION,
        },
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
  },
);
