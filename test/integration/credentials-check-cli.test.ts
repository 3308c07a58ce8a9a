import { generateKeyPairSync } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { CredentialCheck } from '../../shared/domain/credential-check';
import { missingKeyringSession, useCliSandbox } from '../support/cli-harness';
import { describeWithSystem } from '../support/system';

/**
 * `push-console credentials check` as a user runs it, in child processes with a private D-Bus
 * session and gnome-keyring: text with a word beside each mark, --json, and exit 1 on a problem.
 */
describeWithSystem('push-console credentials check (child processes, real keychain)', missingKeyringSession(), () => {
  let dir: string;
  const cli = useCliSandbox('cred-check-cli-', 'webpush', async (folder) => {
    dir = folder;
    const key = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
    await writeFile(join(dir, 'AuthKey_ABC123DEFG.p8'), key.export({ type: 'pkcs8', format: 'pem' }).toString());
  });

  it('prints findings as text and JSON, and exits 1 only when one is a problem', async () => {
    const p8 = join(dir, 'AuthKey_ABC123DEFG.p8');
    const [vapid, text, json, apns, mismatch, doctor] = await cli(
      ['credentials', 'add', 'vapid', '--generate', '--subject', 'mailto:cli@localhost', '--label', 'CLI VAPID'],
      ['credentials', 'check', 'CLI VAPID'],
      ['credentials', 'check', 'CLI VAPID', '--json'],
      [
        'credentials',
        'add',
        'apns-token',
        '--file',
        p8,
        '--key-id',
        'ZZZ999YYYX',
        '--team-id',
        'TEAM123456',
        '--label',
        'Renamed key',
      ],
      ['credentials', 'check', 'Renamed key'],
      ['doctor', '--credential', 'Renamed key'],
    );
    expect(vapid, vapid?.err).toMatchObject({ code: 0 });
    expect(text, text?.err).toMatchObject({ code: 0 });
    expect(text!.out).toMatch(
      /^Check of "CLI VAPID" \(vapid, live\):\n✓ ok {2}Key pair: The public key k=.{12}… derives from the private key\./,
    );
    expect(text!.out).toMatch(
      /\n! warning {2}Subject for Apple: sub names localhost, .*BadJwtToken.*\n {4}→ Use a mailto: address/,
    );
    const parsed = JSON.parse(json!.out) as CredentialCheck;
    expect(parsed).toMatchObject({ label: 'CLI VAPID', kind: 'vapid', environment: 'live' });
    expect(parsed.findings.map((f) => [f.title, f.severity])).toEqual([
      ['Key pair', 'ok'],
      ['Subject', 'ok'],
      ['Subject for Apple', 'warning'],
    ]);
    expect(json!.out).not.toMatch(/privateKey|"d"/);
    expect(apns, apns?.err).toMatchObject({ code: 0 });
    expect(mismatch).toMatchObject({ code: 1 });
    expect(mismatch!.out).toContain(
      '✗ problem  Key ID: The file was named AuthKey_ABC123DEFG.p8 but the key id entered is ZZZ999YYYX',
    );
    // `doctor --credential` is the same check, with the same exit code.
    expect(doctor, doctor?.err).toMatchObject({ code: 1, out: mismatch!.out });
  }, 120_000);
});
