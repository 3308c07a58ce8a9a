import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { RunningWebpushEmulator } from '../../main/emulators/webpush';
import { missingKeyringSession, useCliSandbox } from '../support/cli-harness';
import { describeWithSystem } from '../support/system';

/**
 * `credentials add vapid` + `send webpush` + `vapid generate` as a user runs them, in child
 * processes with a private D-Bus session and gnome-keyring (own HOME), against the Web Push
 * emulator published in the data folder the way `emulators start` does.
 */
describeWithSystem('push-console send webpush (child processes, real keychain)', missingKeyringSession(), () => {
  let dir: string;
  let webpush: RunningWebpushEmulator;

  const cli = useCliSandbox<RunningWebpushEmulator>('webpush-cli-', 'webpush', async (folder, emulator) => {
    dir = folder;
    webpush = emulator;
    await writeFile(join(dir, 'payload.json'), JSON.stringify({ title: 'From the CLI', body: 'Decrypted locally' }));
    await writeFile(join(dir, 'big.txt'), 'x'.repeat(4000));
  });

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
      { args: ['vapid', 'generate'], store: false },
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
    expect(harText).toMatch(/vapid t=eyJ[\w-]+\.eyJ[\w-]+\.\[redacted\]/);
  });
});
