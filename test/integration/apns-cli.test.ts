import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { SendResult } from '../../shared/domain/send-result';
import type { RunningApnsEmulator } from '../../main/emulators/apns';
import { missingKeyringSession, useCliSandbox } from '../support/cli-harness';
import { describeWithSystem } from '../support/system';
const BUNDLE = 'com.example.cli';

/**
 * `push-console credentials add apns-token` + `send apns` in child processes, against the APNs
 * emulator published in the data folder like `emulators start` does, with a private D-Bus session
 * and gnome-keyring so the real keychain holds the .p8 key.
 */
describeWithSystem('push-console send apns (child processes, real keychain)', missingKeyringSession(), () => {
  let dir: string;
  let apns: RunningApnsEmulator;
  let token: string;
  let keyId: string;
  let teamId: string;

  const cli = useCliSandbox<RunningApnsEmulator>('apns-cli-', 'apns', async (folder, emulator) => {
    dir = folder;
    apns = emulator;
    const key = apns.createKey({ teamId: 'TEAMCLI001' });
    keyId = key.keyId;
    teamId = key.teamId;
    await writeFile(join(dir, `AuthKey_${keyId}.p8`), key.keyPem);
    token = apns.createDevice({ bundleId: BUNDLE }).token;
    await writeFile(join(dir, 'alert.json'), JSON.stringify({ aps: { alert: 'From the CLI' } }));
    await writeFile(join(dir, 'silent.json'), JSON.stringify({ aps: { 'content-available': 1 } }));
  });

  it('imports a .p8, sends, dry-runs, refuses a bad background push, reports a rejection, writes a redacted HAR', async () => {
    const har = join(dir, 'send.har');
    const common = ['--credential', 'CLI APNs', '--env', 'local', '--topic', BUNDLE, '--token', token];
    const [added, sent, dry, refused, rejected, removed] = await cli(
      [
        'credentials',
        'add',
        'apns-token',
        '--file',
        join(dir, `AuthKey_${keyId}.p8`),
        '--key-id',
        keyId,
        '--team-id',
        teamId,
        '--label',
        'CLI APNs',
      ],
      ['send', 'apns', ...common, '--payload', join(dir, 'alert.json'), '--collapse-id', 'c1', '--json', '--har', har],
      [
        'send',
        'apns',
        ...common,
        '--payload',
        join(dir, 'silent.json'),
        '--push-type',
        'background',
        '--priority',
        '5',
        '--dry-run',
      ],
      ['send', 'apns', ...common, '--payload', join(dir, 'silent.json'), '--push-type', 'background'],
      [
        'send',
        'apns',
        '--credential',
        'CLI APNs',
        '--env',
        'local',
        '--topic',
        'com.other',
        '--token',
        token,
        '--payload',
        join(dir, 'alert.json'),
      ],
      ['credentials', 'remove', 'CLI APNs'],
    );
    expect(added, added?.err).toMatchObject({ code: 0 });
    expect(sent, sent?.err).toMatchObject({ code: 0 });
    const { result, exchanges } = JSON.parse(sent!.out) as {
      result: { outcome: string; messageIds: Record<string, string> };
      exchanges: Array<{ purpose: string; httpVersion: string }>;
    };
    expect(result.outcome).toBe('accepted');
    expect(result.messageIds['apns-unique-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(exchanges.map((e) => `${e.purpose} ${e.httpVersion}`)).toEqual(['send 2']);
    expect(dry, dry?.err).toMatchObject({ code: 0 });
    expect(refused!.code).not.toBe(0);
    expect(refused!.err).toContain('Background notifications must use priority 5; 10 is an error');
    expect(rejected!.code).toBe(1);
    expect(rejected!.out).toContain('DeviceTokenNotForTopic');
    expect(removed!.code).toBe(0);
    // Only the accepted send delivered; the dry run and the refused one never left the machine.
    expect(apns.inbox.list(token).map((d) => JSON.parse(d.payload).aps.alert)).toEqual(['From the CLI']);
    const harText = await readFile(har, 'utf8');
    expect(JSON.parse(harText).log.entries).toHaveLength(1);
    expect(harText).not.toMatch(/bearer eyJ[\w-]+\.[\w-]+\.[\w-]{20,}/i);
    expect(harText).not.toContain('PRIVATE KEY');
    expect(harText).toContain('redacted');
  });
  it('says a missing topic as the --topic flag, and names a --device no device has', async () => {
    const add = ['credentials', 'add', 'apns-token', '--file', join(dir, `AuthKey_${keyId}.p8`)];
    const send = ['send', 'apns', '--credential', 'CLI APNs words', '--env', 'local'];
    const [added, noTopic, noDevice, removed] = await cli(
      [...add, '--key-id', keyId, '--team-id', teamId, '--label', 'CLI APNs words'],
      [...send, '--token', token, '--payload', join(dir, 'alert.json')],
      [...send, '--topic', BUNDLE, '--device', 'No Such Phone', '--payload', join(dir, 'alert.json')],
      ['credentials', 'remove', 'CLI APNs words'],
    );
    expect(added, added?.err).toMatchObject({ code: 0 });
    expect(noTopic!.code).toBe(1);
    expect(noTopic!.err).toContain(
      "--topic is required for APNs token auth: pass the app's bundle id (--topic com.example.app).",
    );
    expect(noTopic!.err).not.toContain('options.topic');
    expect(noDevice!.code).not.toBe(0);
    expect(noDevice!.err).toContain('No apns device is labelled "No Such Phone" in ');
    expect(noDevice!.err).toContain('sandbox init');
    expect(removed!.code).toBe(0);
    expect(apns.inbox.list(token)).toHaveLength(1);
  });

  it('sends a payload over the limit with --no-preflight: the emulator answers PayloadTooLarge, history marks it', async () => {
    const big = join(dir, 'big.json');
    await writeFile(big, JSON.stringify({ aps: { alert: 'x'.repeat(4211 - 20) } }));
    const common = ['--credential', 'CLI APNs 2', '--env', 'local', '--topic', BUNDLE, '--token', token];
    const p8 = join(dir, `AuthKey_${keyId}.p8`);
    const [added, refused, forced, listed, json] = await cli(
      [
        'credentials',
        'add',
        'apns-token',
        '--file',
        p8,
        '--key-id',
        keyId,
        '--team-id',
        teamId,
        '--label',
        'CLI APNs 2',
      ],
      ['send', 'apns', ...common, '--payload', big],
      ['send', 'apns', ...common, '--payload', big, '--no-preflight'],
      { args: ['history', 'list', '--json', '--limit', '1', '--data-dir', join(dir, 'data')], store: false },
      ['send', 'apns', ...common, '--payload', big, '--no-preflight', '--json'],
    );
    expect(added, added?.err).toMatchObject({ code: 0 });
    expect(refused!.code).not.toBe(0);
    expect(refused!.err).toContain('Payload is 4,211 bytes; APNs allows 4,096');
    expect(forced!.code, forced!.err).toBe(1);
    expect(forced!.out).toContain('413 PayloadTooLarge');
    expect(forced!.out).toContain('Sent against preflight (--no-preflight): Payload is 4,211 bytes; APNs allows 4,096');
    expect(listed, listed?.err).toMatchObject({ code: 0 });
    const [last] = JSON.parse(listed!.out) as Array<{ reason: string; sentAgainstPreflight?: unknown }>;
    expect(last).toMatchObject({
      reason: 'PayloadTooLarge',
      sentAgainstPreflight: [{ code: 'apns.payload.too-large', message: 'Payload is 4,211 bytes; APNs allows 4,096' }],
    });
    // --json prints the SendResult with its diagnosis: the cause, its evidence and the fix.
    expect(json!.code, json!.err).toBe(1);
    const { result } = JSON.parse(json!.out) as { result: SendResult };
    expect(result).toMatchObject({
      reason: 'PayloadTooLarge',
      sentAgainstPreflight: [{ code: 'apns.payload.too-large' }],
    });
    expect(result.diagnosis!.causes[0]).toMatchObject({
      id: 'apns.PayloadTooLarge',
      evidence: expect.arrayContaining([
        expect.objectContaining({ quote: expect.stringContaining('PayloadTooLarge') }),
      ]),
      fix: expect.stringMatching(/\S/),
    });
  });
});
