import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { RunningApnsEmulator } from '../../main/emulators/apns';
import { missingKeyringSession, useCliSandbox } from '../support/cli-harness';
import { describeWithSystem } from '../support/system';

const BUNDLE = 'com.example.channels.cli';

/**
 * `push-console apns channels …` and `send apns --channel` in child processes, real keychain,
 * against the APNs emulator's channel host as `emulators start` publishes it.
 */
describeWithSystem('push-console apns channels (child processes, real keychain)', missingKeyringSession(), () => {
  let dir: string;
  let apns: RunningApnsEmulator;
  let key: { keyId: string; teamId: string };
  const cli = useCliSandbox<RunningApnsEmulator>(
    'apns-channels-cli-',
    'apns',
    async (folder, emulator) => {
      dir = folder;
      apns = emulator;
      const made = apns.createKey({ teamId: 'TEAMCHCLI1' });
      key = made;
      await writeFile(join(dir, `AuthKey_${made.keyId}.p8`), made.keyPem);
      await writeFile(
        join(dir, 'update.json'),
        JSON.stringify({ aps: { timestamp: 1, event: 'update', 'content-state': { score: 3 } } }),
      );
    },
    { timeoutMs: 180_000 },
  );

  it('creates, lists, reads, broadcasts to two activities, deletes, and says a gone channel in words', async () => {
    const where = ['--credential', 'Channels key', '--env', 'local', '--bundle-id', BUNDLE];
    const [added, created, bad] = await cli(
      [
        'credentials',
        'add',
        'apns-token',
        '--file',
        join(dir, `AuthKey_${key.keyId}.p8`),
        '--key-id',
        key.keyId,
        '--team-id',
        key.teamId,
        '--label',
        'Channels key',
      ],
      ['apns', 'channels', 'create', ...where, '--storage', '0', '--json'],
      ['apns', 'channels', 'create', ...where, '--storage', '2'],
    );
    expect(added!.code, added!.err).toBe(0);
    expect(created!.code, created!.err).toBe(0);
    const channelId = (JSON.parse(created!.out) as { channel: { channelId: string } }).channel.channelId;
    expect(bad!.code).not.toBe(0);
    expect(bad!.err).toContain('--storage must be 0 (no message stored) or 1 (most recent stored), not "2".');

    const a = apns.createActivity({ bundleId: BUNDLE, channelIds: [channelId] });
    const b = apns.createActivity({ bundleId: BUNDLE, channelIds: [channelId] });
    const send = ['send', 'apns', '--credential', 'Channels key', '--env', 'local', '--topic', BUNDLE];
    const [listed, read, sent, deleted, after] = await cli(
      ['apns', 'channels', 'list', ...where],
      ['apns', 'channels', 'get', ...where, '--channel', channelId],
      [...send, '--channel', channelId, '--payload', join(dir, 'update.json'), '--json'],
      ['apns', 'channels', 'delete', ...where, '--channel', channelId],
      [...send, '--channel', channelId, '--payload', join(dir, 'update.json')],
    );
    expect(listed!.code, listed!.err).toBe(0);
    expect(listed!.out.trim().split('\n')).toEqual([channelId, `1 of 10,000 channels (${BUNDLE}, local)`]);
    expect(read!.out).toContain('Storage: No message stored');
    expect(read!.out).toContain('Push type: LiveActivity');
    expect(sent!.code, sent!.err).toBe(0);
    expect(JSON.parse(sent!.out)).toMatchObject({ result: { outcome: 'accepted', status: 200 } });
    expect(
      apns.inbox
        .list()
        .map((d) => d.device)
        .sort(),
    ).toEqual([a.token, b.token].sort());
    expect(deleted!.out.trim()).toBe(`Deleted ${channelId} (${BUNDLE}, local).`);
    expect(after!.code).not.toBe(0);
    expect(`${after!.out}${after!.err}`).toContain('ChannelNotRegistered');
    expect(`${after!.out}${after!.err}`).toContain('There is no such channel for this app in this environment');
  });
});
