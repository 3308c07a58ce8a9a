import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OsKeychain } from '../../main/core/credentials/keychain';
import { createCredentialService, type CredentialService } from '../../main/core/credentials/service';
import { generateFixtures, P12_PASSPHRASE, TEAM_ID, type Fixtures } from '../fixtures/generate';
import { describeWithSystem } from '../support/system';

const run = promisify(execFile);

// Set by dbus-run-session; without it there is no Secret Service to talk to.
const missing = process.env['DBUS_SESSION_BUS_ADDRESS']
  ? null
  : "no D-Bus session: run under dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets; npx vitest run …'";

describeWithSystem('credentials in the real OS keychain', missing, () => {
  const serviceName = `push-console-test-${randomUUID()}`;
  const keychain = new OsKeychain(serviceName);
  let fx: Fixtures;
  let workspaceDir: string;
  let service: CredentialService;
  const created: string[] = [];

  beforeAll(async () => {
    fx = generateFixtures();
    workspaceDir = mkdtempSync(join(tmpdir(), 'pc-keychain-'));
    service = createCredentialService({ secrets: keychain, workspaceDir });
    expect(await keychain.status()).toEqual({ state: 'available', message: 'Secret Service' });
  }, 60_000);

  afterAll(async () => {
    for (const id of created) await keychain.delete(id).catch(() => false);
    rmSync(fx.dir, { recursive: true, force: true });
    rmSync(workspaceDir, { recursive: true, force: true });
  });

  it('stores a secret under its id and resolves it by id and label', async () => {
    const meta = await service.import({
      kind: 'apns-token',
      file: readFileSync(fx.p8),
      fileName: 'AuthKey_ABC123DEFG.p8',
      teamId: TEAM_ID,
      label: 'Team key',
    });
    created.push(meta.id);
    // A second handle on the same service proves the value is in the keychain, not in memory.
    const raw = await new OsKeychain(serviceName).get(meta.id);
    expect(JSON.parse(raw!)).toMatchObject({ kind: 'apns-token', keyId: 'ABC123DEFG', teamId: TEAM_ID });
    expect((await service.resolve('Team key')).secret).toMatchObject({ keyId: 'ABC123DEFG' });
    expect(readFileSync(join(workspaceDir, 'credentials.json'), 'utf8')).not.toContain('PRIVATE KEY');
  });

  it('renames without touching the secret, and replaces the secret in place', async () => {
    const meta = await service.import({
      kind: 'apns-certificate',
      file: readFileSync(fx.p12Expired),
      passphrase: P12_PASSPHRASE,
    });
    created.push(meta.id);
    const before = await keychain.get(meta.id);
    await service.rename(meta.id, 'Push cert');
    expect(await keychain.get(meta.id)).toBe(before);
    await expect(service.resolve('Push cert', { forSend: true })).rejects.toThrow(
      /expired on .*renew it in the Apple Developer portal/,
    );
    await service.replaceSecret(meta.id, { file: readFileSync(fx.p12WithPassphrase), passphrase: P12_PASSPHRASE });
    const after = await new OsKeychain(serviceName).get(meta.id);
    expect(after).not.toBe(before);
    await expect(service.resolve('Push cert', { forSend: true })).resolves.toMatchObject({
      meta: { label: 'Push cert' },
    });
  });

  it('deletes the keychain entry with the credential', async () => {
    const meta = await service.import({ kind: 'wns', packageSid: 'ms-app://S-1-15-2-42', clientSecret: 'wns-secret' });
    created.push(meta.id);
    expect(await keychain.get(meta.id)).not.toBeNull();
    await service.remove(meta.id);
    expect(await new OsKeychain(serviceName).get(meta.id)).toBeNull();
    expect((await service.list()).some((m) => m.id === meta.id)).toBe(false);
  });
});

describe('no keychain reachable', () => {
  it('app.info reports it and imports are refused with the fix, writing nothing', async () => {
    const { stdout } = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        join(import.meta.dirname, '../support/keychain-child.ts'),
        `push-console-test-${randomUUID()}`,
      ],
      {
        env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' },
        timeout: 60_000,
      },
    );
    const { info, imported, read, workspaceFiles } = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(info.ok).toBe(true);
    // Words for people; the D-Bus library's own message is kept apart, as detail.
    expect(info.value.keychain).toMatchObject({
      state: 'unavailable',
      message: "No keychain reachable: secrets can't be saved.",
      detail: expect.stringMatching(/\S/),
    });
    expect(info.value.keychain.message + info.value.keychain.hint).not.toMatch(/D-?Bus|Platform failure/i);
    expect(info.value.keychain.hint).toMatch(/keep secrets in memory for this run \(--ephemeral-secrets\)\.$/);
    if (process.platform === 'linux') {
      expect(info.value.keychain.hint).toMatch(/^Start gnome-keyring or KWallet \(a Secret Service\) and unlock it/);
    }
    expect(imported).toEqual({
      ok: false,
      error: {
        code: 'KEYCHAIN_UNAVAILABLE',
        message: expect.stringMatching(/Credentials cannot be imported\.$/),
        hint: info.value.keychain.hint,
      },
    });
    expect(read).toEqual({
      code: 'KEYCHAIN_UNAVAILABLE',
      message: "No keychain reachable: secrets can't be saved.",
      hint: info.value.keychain.hint,
    });
    expect(workspaceFiles).not.toContain('credentials.json');
    expect(stdout).not.toContain('unavailable-secret');
  }, 90_000);
});
