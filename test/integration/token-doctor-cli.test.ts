import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { RunningApnsEmulator } from '../../main/emulators/apns';
import { missingKeyringSession, useCliSandbox } from '../support/cli-harness';
import { describeWithSystem } from '../support/system';

const BUNDLE = 'com.example.tokendoc';

/**
 * `push-console doctor <target>` in child processes: what a pasted target is, the credentials that
 * fit, the APNs environment probe (refused without --yes), and a send id still read as one.
 */
describeWithSystem('push-console doctor <target> (child processes, real keychain)', missingKeyringSession(), () => {
  let dir: string;
  let production: string;
  let keyId: string;
  let teamId: string;

  const cli = useCliSandbox<RunningApnsEmulator>('tokendoc-cli-', 'apns', async (folder, apns) => {
    dir = folder;
    const key = apns.createKey({ teamId: 'TEAMDOC001' });
    keyId = key.keyId;
    teamId = key.teamId;
    await writeFile(join(dir, `AuthKey_${keyId}.p8`), key.keyPem);
    production = apns.createDevice({ bundleId: BUNDLE, environment: 'production' }).token;
  });

  it('reads targets, probes the environment only with --yes, and still reads a send id', async () => {
    const subscription = JSON.stringify({
      endpoint: 'https://web.push.apple.com/QGuQyavXutnMH6sVN8hb',
      keys: {
        p256dh: 'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4',
        auth: 'BTBZMqHH6r4Tts7J_aSIgg',
      },
    });
    const probe = [
      'doctor',
      production,
      '--probe-environment',
      '--credential',
      'Doctor key',
      '--env',
      'local',
      '--topic',
      BUNDLE,
    ];
    const [, token, json, unknown, refused, probed] = await cli(
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
        'Doctor key',
      ],
      ['doctor', production],
      ['doctor', subscription, '--json'],
      ['doctor', 'https://example.com/not-a-push-service'],
      probe,
      [...probe, '--yes', '--json'],
    );
    expect(token!.code, token!.err).toBe(0);
    expect(token!.out).toContain('APNs device token (likely)');
    expect(token!.out).toContain('Rests on: 64 hex digits (32 bytes)');
    expect(token!.out).toContain('Credentials that fit: "Doctor key".');
    expect(token!.out).toContain('APNs push-to-start token (possible)');

    const read = JSON.parse(json!.out) as { readings: { kind: string; service?: string }[] };
    expect(read.readings[0]).toMatchObject({ kind: 'webpush-subscription', service: 'apple' });

    expect(unknown!.code).toBe(1);
    expect(unknown!.out).toMatch(/^Not a target Push Console recognizes/);

    expect(refused!.code).not.toBe(0);
    expect(refused!.err).toContain('This sends a real silent push to this device');
    expect(refused!.err).toContain('--yes');

    expect(probed!.code, probed!.err).toBe(0);
    const { probe: answer } = JSON.parse(probed!.out) as {
      probe: { belongsTo: string; attempts: { reason: string | null; resultId: string }[] };
    };
    expect(answer.belongsTo).toBe('production');
    expect(answer.attempts.map((a) => a.reason)).toEqual(['BadDeviceToken', null]);

    // The probe's refused sandbox send is in history, and its id is read as a send id.
    const [past] = await cli(['doctor', answer.attempts[0]!.resultId.slice(0, 8)]);
    expect(past!.code, past!.err).toBe(0);
    expect(past!.out).toContain('apns rejected 400 BadDeviceToken');
  }, 120_000);
});
