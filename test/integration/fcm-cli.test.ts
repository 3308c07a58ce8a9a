import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmulators, type EmulatorSet } from '../../main/emulators/run';
import type { RunningFcmEmulator } from '../../main/emulators/fcm';
import { describeWithSystem, missingCommand } from '../support/system';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');

/**
 * `push-console credentials add` + `send fcm` as a user runs them, in child processes, against the
 * FCM emulator this test starts (published in the data folder like `emulators start` does). The
 * children get a private D-Bus session with their own gnome-keyring and HOME, so the real
 * keychain is used without touching anyone's entries.
 */
describeWithSystem(
  'push-console send fcm (child processes, real keychain)',
  missingCommand('dbus-run-session', 'dbus') ?? missingCommand('gnome-keyring-daemon', 'gnome-keyring'),
  () => {
    let dir: string;
    let set: EmulatorSet;
    let fcm: RunningFcmEmulator;
    let token: string;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'fcm-cli-'));
      set = await startEmulators({ dataDir: join(dir, 'data'), only: ['fcm'] });
      fcm = set.emulators.fcm as RunningFcmEmulator;
      const account = await fcm.createServiceAccount('cli-project');
      await writeFile(join(dir, 'service-account.json'), JSON.stringify(account));
      token = (await fcm.registerDevice({ projectId: 'cli-project', topics: ['news'] })).token;
      await writeFile(join(dir, 'message.json'), JSON.stringify({ notification: { title: 'From the CLI' } }));
      await writeFile(join(dir, 'bad.json'), JSON.stringify({ data: { count: 1 } }));
    });
    afterAll(async () => {
      await set.close();
      await rm(dir, { recursive: true, force: true });
    });

    /** Runs CLI invocations in one keyring session; prints each exit code and output, JSON-encoded. */
    async function cli(...invocations: string[][]): Promise<Array<{ code: number; out: string; err: string }>> {
      const store = ['--data-dir', join(dir, 'data'), '--workspace', join(dir, 'ws')];
      const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
      const lines = invocations.map(
        (args) =>
          `out=$(node --import tsx main/cli/index.ts ${[...args, ...store].map(quote).join(' ')} 2>"$HOME/err"); code=$?; ` +
          `node -e 'const fs=require("fs");console.log(JSON.stringify({code:+process.argv[1],out:process.argv[2],err:fs.readFileSync(process.env.HOME+"/err","utf8")}))' "$code" "$out"`,
      );
      const script = ['echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null', ...lines].join(
        '\n',
      );
      const { stdout } = await run('dbus-run-session', ['--', 'sh', '-c', script], {
        cwd: ROOT,
        env: { ...process.env, HOME: dir, XDG_DATA_HOME: join(dir, 'xdg'), XDG_RUNTIME_DIR: dir },
        timeout: 120_000,
      });
      return stdout
        .trim()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { code: number; out: string; err: string });
    }

    it('imports the service account, sends, dry-runs, refuses bad data, and writes a redacted HAR', async () => {
      const har = join(dir, 'send.har');
      const common = ['--credential', 'CLI FCM', '--env', 'local', '--message'];
      const [added, sent, dry, refused, topic, removed] = await cli(
        [
          'credentials',
          'add',
          'fcm-service-account',
          '--file',
          join(dir, 'service-account.json'),
          '--label',
          'CLI FCM',
        ],
        ['send', 'fcm', ...common, join(dir, 'message.json'), '--token', token, '--json', '--har', har],
        ['send', 'fcm', ...common, join(dir, 'message.json'), '--token', token, '--dry-run'],
        ['send', 'fcm', ...common, join(dir, 'bad.json'), '--token', token],
        ['send', 'fcm', ...common, join(dir, 'message.json'), '--topic', 'news'],
        ['credentials', 'remove', 'CLI FCM'],
      );
      expect(added, added?.err).toMatchObject({ code: 0 });
      expect(sent, sent?.err).toMatchObject({ code: 0 });
      const { result, exchanges } = JSON.parse(sent!.out) as {
        result: { outcome: string; messageIds: Record<string, string> };
        exchanges: Array<{ purpose: string; httpVersion: string }>;
      };
      expect(result.outcome).toBe('accepted');
      expect(result.messageIds['name']).toMatch(/^projects\/cli-project\/messages\/0:/);
      expect(exchanges.map((e) => `${e.purpose} ${e.httpVersion}`)).toEqual(['auth 1.1', 'send 2']);
      expect(dry!.code).toBe(0);
      expect(dry!.out).toContain('projects/cli-project/messages/fake_message_id');
      expect(dry!.out).toContain('Dry run');
      expect(refused!.code).not.toBe(0);
      expect(refused!.err).toContain('Data value "count" must be a string');
      expect(topic!.code).toBe(0);
      expect(removed!.code).toBe(0);
      // One delivery from the token send and one from the topic; the dry run delivered nothing.
      expect(fcm.inbox.list(token).map((d) => JSON.parse(d.payload).notification.title)).toEqual([
        'From the CLI',
        'From the CLI',
      ]);
      const harText = await readFile(har, 'utf8');
      expect(JSON.parse(harText).log.entries).toHaveLength(2);
      expect(harText).not.toMatch(/ya29\.local-[\w-]{20,}/);
      expect(harText).not.toContain('PRIVATE KEY');
      expect(harText).toContain('redacted');
    });
  },
);
