import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeychainStatus } from '../../../../../shared/contract';
import { EphemeralSecrets, type SecretStore } from '../../../../../main/core/credentials/keychain';
import { createCredentialService } from '../../../../../main/core/credentials/service';
import { generateFixtures, P12_PASSPHRASE, TEAM_ID, type Fixtures } from '../../../../fixtures/generate';

let fx: Fixtures;
const dirs: string[] = [];
beforeAll(() => {
  fx = generateFixtures();
});
afterAll(() => {
  rmSync(fx.dir, { recursive: true, force: true });
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function setup(secrets: SecretStore = new EphemeralSecrets()) {
  const workspaceDir = mkdtempSync(join(tmpdir(), 'pc-cred-'));
  dirs.push(workspaceDir);
  return { service: createCredentialService({ secrets, workspaceDir }), secrets, workspaceDir };
}

class UnavailableSecrets extends EphemeralSecrets {
  override async status(): Promise<KeychainStatus> {
    return {
      state: 'unavailable',
      message: 'No keychain is reachable (no D-Bus).',
      hint: 'Install and unlock gnome-keyring.',
    };
  }
}

/** A real memory store whose `sabotage`, when set, breaks the workspace right after a secret is stored. */
class SabotagedSecrets extends EphemeralSecrets {
  sabotage: (() => void) | undefined;
  readonly accounts: string[] = [];
  override async set(account: string, secret: string): Promise<void> {
    await super.set(account, secret);
    this.accounts.push(account);
    this.sabotage?.();
  }
}

/** The workspace folder becomes a plain file: the metadata cannot be written, even by root. */
function breakFolder(dir: string): () => void {
  return () => {
    rmSync(dir, { recursive: true, force: true });
    writeFileSync(dir, 'not a folder');
  };
}

describe('credential service', () => {
  it('imports a key: secret in the store as JSON, metadata in credentials.json without secret fields', async () => {
    const { service, secrets, workspaceDir } = setup();
    const meta = await service.import({
      kind: 'apns-token',
      file: readFileSync(fx.p8),
      fileName: 'AuthKey_ABC123DEFG.p8',
      teamId: TEAM_ID,
    });
    expect(meta).toMatchObject({ kind: 'apns-token', label: 'APNs key ABC123DEFG', metadata: { keyId: 'ABC123DEFG' } });
    const stored = JSON.parse((await secrets.get(meta.id))!);
    expect(stored).toMatchObject({ kind: 'apns-token', keyId: 'ABC123DEFG', teamId: TEAM_ID });
    const onDisk = readFileSync(join(workspaceDir, 'credentials.json'), 'utf8');
    expect(onDisk).not.toContain('PRIVATE KEY');
    expect(onDisk).not.toContain(stored.keyPem.split('\n')[1]);
    expect(readdirSync(workspaceDir)).toEqual(['credentials.json']);
    expect((await service.list()).map((m) => m.id)).toEqual([meta.id]);
  });

  it('resolves by id or label and gives the secret to main', async () => {
    const { service } = setup();
    const meta = await service.import({
      kind: 'vapid',
      privateKey: Buffer.alloc(32, 7).toString('base64url'),
      subject: 'mailto:a@example.com',
      label: 'Site keys',
    });
    expect((await service.resolve(meta.id)).secret.kind).toBe('vapid');
    expect((await service.resolve('site keys')).meta.id).toBe(meta.id);
    await expect(service.resolve('nothing')).rejects.toThrow('No credential named "nothing".');
  });

  it('renames, refusing empty and duplicate labels, and keeps labels unique on import', async () => {
    const { service } = setup();
    const connectionString = 'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=a;SharedAccessKey=k';
    const one = await service.import({ kind: 'nhub', connectionString, hubName: 'hub' });
    const two = await service.import({ kind: 'nhub', connectionString, hubName: 'hub' });
    expect([one.label, two.label]).toEqual(['ns/hub', 'ns/hub (2)']);
    await expect(service.import({ kind: 'nhub', connectionString, hubName: 'hub', label: 'ns/hub' })).rejects.toThrow(
      'Another credential is already called "ns/hub".',
    );
    expect((await service.rename(two.id, '  Staging hub ')).label).toBe('Staging hub');
    await expect(service.rename(one.id, 'staging HUB')).rejects.toThrow(/already called/);
    await expect(service.rename(one.id, ' ')).rejects.toThrow('A label cannot be empty.');
    expect((await service.get('Staging hub')).id).toBe(two.id);
  });

  it('replaces a secret in place, keeping id and label and updating metadata', async () => {
    const { service, secrets } = setup();
    const meta = await service.import({
      kind: 'apns-certificate',
      file: readFileSync(fx.p12Expired),
      passphrase: P12_PASSPHRASE,
      label: 'Cert',
    });
    expect(meta.warnings[0]).toMatch(/^Expired on/);
    const replaced = await service.replaceSecret(meta.id, {
      file: readFileSync(fx.p12WithPassphrase),
      passphrase: P12_PASSPHRASE,
    });
    expect(replaced).toMatchObject({ id: meta.id, label: 'Cert', warnings: [] });
    expect(replaced.metadata['notAfter']).not.toBe(meta.metadata['notAfter']);
    expect(JSON.parse((await secrets.get(meta.id))!).certPem).toContain('BEGIN CERTIFICATE');
    // The kind stays: a wrong file for this kind fails with the parser's error.
    await expect(service.replaceSecret(meta.id, { file: readFileSync(fx.p8) })).rejects.toThrow(
      /not a \.p12\/\.pfx file or a PEM certificate|holds no PEM certificate/,
    );
  });

  it('blocks sends with an expired certificate but still resolves it for other uses', async () => {
    const { service } = setup();
    const meta = await service.import({
      kind: 'apns-certificate',
      file: readFileSync(fx.p12Expired),
      passphrase: P12_PASSPHRASE,
      label: 'Old cert',
    });
    await expect(service.resolve(meta.id)).resolves.toMatchObject({ meta: { id: meta.id } });
    const error = await service.resolve('Old cert', { forSend: true }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CREDENTIAL_EXPIRED' });
    expect((error as Error).message).toMatch(
      /^The certificate "Old cert" expired on \d{4}-\d{2}-\d{2}; renew it in the Apple Developer portal\.$/,
    );
  });

  it('adds the expiry warning when listing, because it depends on today', async () => {
    const workspaceDir = mkdtempSync(join(tmpdir(), 'pc-cred-'));
    dirs.push(workspaceDir);
    const secrets = new EphemeralSecrets();
    const today = createCredentialService({ secrets, workspaceDir });
    const meta = await today.import({
      kind: 'apns-certificate',
      file: readFileSync(fx.p12WithPassphrase),
      passphrase: P12_PASSPHRASE,
    });
    expect(meta.warnings).toEqual([]);
    const stored = JSON.parse(readFileSync(join(workspaceDir, 'credentials.json'), 'utf8'));
    expect(stored.credentials[0].warnings).toEqual([]);
    const later = createCredentialService({
      secrets,
      workspaceDir,
      now: () => Date.parse(String(meta.metadata['notAfter'])) - 5 * 86_400_000,
    });
    expect((await later.list())[0]!.warnings).toEqual([expect.stringMatching(/^Expires in 5 days/)]);
  });

  it('removes metadata and the secret', async () => {
    const { service, secrets, workspaceDir } = setup();
    const meta = await service.import({ kind: 'wns', packageSid: 'ms-app://S-1-15-2-1-2-3', clientSecret: 'shh' });
    await service.remove(meta.id);
    expect(await secrets.get(meta.id)).toBeNull();
    expect(await service.list()).toEqual([]);
    expect(readFileSync(join(workspaceDir, 'credentials.json'), 'utf8')).not.toContain(meta.id);
    await expect(service.remove(meta.id)).rejects.toThrow(/No credential named/);
  });

  it('says plainly when a secret is missing from the keychain', async () => {
    const { service, secrets } = setup();
    const meta = await service.import({
      kind: 'wns',
      packageSid: 'ms-app://S-1-15-2-1-2-3',
      clientSecret: 'shh',
      label: 'W',
    });
    await secrets.delete(meta.id);
    await expect(service.resolve(meta.id)).rejects.toThrow('The secret of "W" is missing from the keychain.');
  });

  it('refuses imports when no keychain is reachable, writing nothing', async () => {
    const { service, workspaceDir } = setup(new UnavailableSecrets());
    const error = await service
      .import({ kind: 'wns', packageSid: 'ms-app://S-1-15-2-1', clientSecret: 'x' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE', hint: 'Install and unlock gnome-keyring.' });
    expect(readdirSync(workspaceDir)).toEqual([]);
  });

  it('keeps every concurrent import', async () => {
    const { service } = setup();
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        service.import({ kind: 'wns', packageSid: `ms-app://S-1-15-2-${i}`, clientSecret: 'x', label: `w${i}` }),
      ),
    );
    expect((await service.list()).map((m) => m.label).sort()).toEqual(['w0', 'w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7']);
  });

  it('deletes the new keychain entry when the metadata cannot be written, so none is orphaned', async () => {
    const secrets = new SabotagedSecrets();
    const { service, workspaceDir } = setup(secrets);
    secrets.sabotage = breakFolder(workspaceDir);
    await expect(
      service.import({ kind: 'wns', packageSid: 'ms-app://S-1-15-2-7', clientSecret: 'lost' }),
    ).rejects.toThrow();
    expect(secrets.accounts).toHaveLength(1);
    expect(await secrets.get(secrets.accounts[0]!)).toBeNull();
  });

  it("puts the old secret back when a replacement's metadata cannot be written", async () => {
    const secrets = new SabotagedSecrets();
    const { service, workspaceDir } = setup(secrets);
    const meta = await service.import({ kind: 'wns', packageSid: 'ms-app://S-1-15-2-8', clientSecret: 'old' });
    const before = await secrets.get(meta.id);
    secrets.sabotage = breakFolder(workspaceDir);
    await expect(
      service.replaceSecret(meta.id, { packageSid: 'ms-app://S-1-15-2-8', clientSecret: 'new' }),
    ).rejects.toThrow();
    expect(await secrets.get(meta.id)).toBe(before);
  });
});
