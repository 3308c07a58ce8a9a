import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmulators, type EmulatorSet } from '../../main/emulators/run';
import type { RunningWebpushEmulator } from '../../main/emulators/webpush';
import { describeWithSystem, missingCommand } from '../support/system';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');

interface Run {
  code: number;
  out: string;
  err: string;
}

/**
 * `credentials add vapid` + `send webpush` + `vapid generate` as a user runs them, in child
 * processes with a private D-Bus session and gnome-keyring (own HOME), against the Web Push
 * emulator published in the data folder the way `emulators start` does.
 */
describeWithSystem(
  'push-console send webpush (child processes, real keychain)',
  missingCommand('dbus-run-session', 'dbus') ?? missingCommand('gnome-keyring-daemon', 'gnome-keyring'),
  () => {
    let dir: string;
    let set: EmulatorSet;
    let webpush: RunningWebpushEmulator;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'webpush-cli-'));
      set = await startEmulators({ dataDir: join(dir, 'data'), only: ['webpush'] });
      webpush = set.emulators.webpush as RunningWebpushEmulator;
      await writeFile(join(dir, 'payload.json'), JSON.stringify({ title: 'From the CLI', body: 'Decrypted locally' }));
      await writeFile(join(dir, 'big.txt'), 'x'.repeat(4000));
    });
    afterAll(async () => {
      await set.close();
      await rm(dir, { recursive: true, force: true });
    });

    async function cli(...invocations: string[][]): Promise<Run[]> {
      const store = ['--data-dir', join(dir, 'data'), '--workspace', join(dir, 'ws')];
      const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
      const lines = invocations.map((args) => {
        const words = args[0] === 'vapid' ? args : [...args, ...store];
        return (
          `out=$(node --import tsx main/cli/index.ts ${words.map(quote).join(' ')} 2>"$HOME/err"); code=$?; ` +
          `node -e 'const fs=require("fs");console.log(JSON.stringify({code:+process.argv[1],out:process.argv[2],err:fs.readFileSync(process.env.HOME+"/err","utf8")}))' "$code" "$out"`
        );
      });
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
        .map((line) => JSON.parse(line) as Run);
    }

    it('imports generated VAPID keys, sends with and without payload, reports gone, dry-runs and writes a redacted HAR', async () => {
      const browser = webpush.createSubscription({ label: 'cli browser' });
      const expired = webpush.createSubscription({ label: 'expired browser' });
      webpush.expireSubscription(expired.id);
      await writeFile(join(dir, 'subscription.json'), JSON.stringify(browser.subscription));
      const har = join(dir, 'send.har');
      const common = ['--credential', 'CLI VAPID', '--env', 'local'];
      const [added, sent, empty, gone, dry, generated, removed] = await cli(
        ['credentials', 'add', 'vapid', '--generate', '--subject', 'mailto:cli@example.com', '--label', 'CLI VAPID'],
        [
          'send',
          'webpush',
          ...common,
          '--subscription',
          join(dir, 'subscription.json'),
          '--payload',
          join(dir, 'payload.json'),
          '--urgency',
          'high',
          '--topic',
          'cli',
          '--ttl',
          '120',
          '--json',
          '--har',
          har,
        ],
        ['send', 'webpush', ...common, '--subscription', JSON.stringify(browser.subscription), '--no-payload'],
        ['send', 'webpush', ...common, '--subscription', JSON.stringify(expired.subscription), '--no-payload'],
        [
          'send',
          'webpush',
          ...common,
          '--subscription',
          join(dir, 'subscription.json'),
          '--payload',
          join(dir, 'big.txt'),
          '--dry-run',
        ],
        ['vapid', 'generate'],
        ['credentials', 'remove', 'CLI VAPID'],
      );
      expect(added, added?.err).toMatchObject({ code: 0 });
      expect(sent, sent?.err).toMatchObject({ code: 0 });
      const { result, exchanges } = JSON.parse(sent!.out) as {
        result: { outcome: string; messageIds: Record<string, string> };
        exchanges: Array<{ purpose: string; notes: { encryption: { plaintextBytes: number } } }>;
      };
      expect(result.outcome).toBe('accepted');
      expect(result.messageIds['location']).toMatch(new RegExp(`^${webpush.baseUrl}/m/`));
      expect(exchanges.map((e) => e.purpose)).toEqual(['send']);
      expect(exchanges[0]!.notes.encryption.plaintextBytes).toBe(
        Buffer.byteLength(await readFile(join(dir, 'payload.json'), 'utf8')),
      );
      expect(empty, empty?.err).toMatchObject({ code: 0 });
      expect(gone!.code).toBe(1);
      expect(gone!.out).toContain('410 errno 103');
      expect(gone!.out).toContain('Device marked gone');
      expect(dry!.code).toBe(1);
      expect(dry!.err).toContain('Encrypted payload is 4,103 bytes; Web Push allows 4,096');
      expect(generated!.code).toBe(0);
      expect(generated!.out).toMatch(/Public key: {2}B[\w-]{86}\nPrivate key: [\w-]{43}/);
      expect(removed!.code).toBe(0);

      const inbox = webpush.inbox.list(browser.id);
      expect(inbox.map((d) => d.payload)).toEqual([await readFile(join(dir, 'payload.json'), 'utf8'), '']);
      expect(inbox[0]!.headers).toMatchObject({ ttl: '120', urgency: 'high', topic: 'cli' });
      const harText = await readFile(har, 'utf8');
      expect(JSON.parse(harText).log.entries).toHaveLength(1);
      // The JWT signature is redacted in the HAR; the header and claims stay readable.
      expect(harText).toMatch(/vapid t=eyJ[\w-]+\.eyJ[\w-]+\.…redacted…/);
    });
  },
);
