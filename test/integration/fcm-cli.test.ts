import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { RunningFcmEmulator } from '../../main/emulators/fcm';
import { missingKeyringSession, useCliSandbox } from '../support/cli-harness';
import { describeWithSystem } from '../support/system';

/**
 * `push-console credentials add` + `send fcm` as a user runs them, in child processes, against the
 * FCM emulator this test starts (published in the data folder like `emulators start` does). The
 * children get a private D-Bus session with their own gnome-keyring and HOME, so the real
 * keychain is used without touching anyone's entries.
 */
describeWithSystem('push-console send fcm (child processes, real keychain)', missingKeyringSession(), () => {
  let dir: string;
  let fcm: RunningFcmEmulator;
  let token: string;

  const cli = useCliSandbox<RunningFcmEmulator>('fcm-cli-', 'fcm', async (folder, emulator) => {
    dir = folder;
    fcm = emulator;
    const account = await fcm.createServiceAccount('cli-project');
    await writeFile(join(dir, 'service-account.json'), JSON.stringify(account));
    token = (await fcm.registerDevice({ projectId: 'cli-project', topics: ['news'] })).token;
    await writeFile(join(dir, 'message.json'), JSON.stringify({ notification: { title: 'From the CLI' } }));
    await writeFile(join(dir, 'bad.json'), JSON.stringify({ data: { count: 1 } }));
  });

  it('imports the service account, sends, dry-runs, refuses bad data, and writes a redacted HAR', async () => {
    const har = join(dir, 'send.har');
    const common = ['--credential', 'CLI FCM', '--env', 'local', '--message'];
    const [added, sent, dry, refused, topic, removed] = await cli(
      ['credentials', 'add', 'fcm-service-account', '--file', join(dir, 'service-account.json'), '--label', 'CLI FCM'],
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
});
