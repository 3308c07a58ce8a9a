import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import { adminCall } from '../../main/emulators/admin-client';
import type { RunningApnsEmulator } from '../../main/emulators/apns';
import type { RunningFcmEmulator } from '../../main/emulators/fcm';
import type { RunningNhubEmulator } from '../../main/emulators/nhub';
import { startEmulators, type EmulatorSet } from '../../main/emulators/run';
import type { RunningWnsEmulator } from '../../main/emulators/wns';
import type { CredentialImport } from '../../shared/domain/credential';
import type { CredentialCheck, CredentialFinding } from '../../shared/domain/credential-check';
import type { Provider } from '../../shared/providers/ids';
import { generateFixtures, P12_PASSPHRASE, TEAM_ID, type Fixtures } from '../fixtures/generate';
import { rc2LegacyP12 } from '../fixtures/legacy-p12';
import { createTestCore } from '../support/core-harness';

/**
 * The credential doctor through the dispatcher: credentials in the real keychain, findings from
 * the keys and certificates themselves and from the local FCM, WNS and hub emulators' answers.
 */
const caller = { transport: 'test', trusted: true } as const;
let dir: string;
let set: EmulatorSet;
let core: Core;
let fx: Fixtures;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cred-check-'));
  fx = generateFixtures();
  set = await startEmulators({ dataDir: join(dir, 'data'), only: ['apns', 'fcm', 'wns', 'nhub'] });
  core = await createTestCore(dir);
}, 60_000);
afterAll(async () => {
  await core.close();
  await set.close();
  await rm(dir, { recursive: true, force: true });
  await rm(fx.dir, { recursive: true, force: true });
});

/** Imports a credential (the secret goes to the keychain) and gives it a profile of that environment. */
async function imported(
  input: CredentialImport & Record<string, unknown>,
  provider: Provider,
  environment = 'local',
  defaults: Record<string, unknown> = {},
) {
  const meta = await core.credentials.import(input as never);
  await core.profiles.save({
    name: `${meta.label} profile`,
    provider,
    credentialId: meta.id,
    environment: environment as 'local',
    defaults,
  });
  return meta.id;
}

async function check(id: string): Promise<CredentialFinding[]> {
  const answer = await core.dispatch('credentials.check', { id }, caller);
  if (!answer.ok) throw new Error(JSON.stringify(answer));
  return (answer.value as CredentialCheck).findings;
}

const finding = (findings: CredentialFinding[], title: string) => {
  const found = findings.filter((f) => f.title === title);
  expect(found, `a "${title}" finding in ${JSON.stringify(findings)}`).not.toHaveLength(0);
  return found;
};

describe('credentials.check: APNs', () => {
  it('.p8: a key id that is not the one in AuthKey_<id>.p8 is a problem, and APNs refuses its token', async () => {
    const apns = set.emulators.apns as RunningApnsEmulator;
    const key = apns.createKey({ teamId: TEAM_ID });
    const file = Buffer.from(key.keyPem);
    const fileName = `AuthKey_${key.keyId}.p8`;
    const wrong = await imported(
      { kind: 'apns-token', file, fileName, keyId: 'ZZZ999YYYX', teamId: TEAM_ID } as never,
      'apns',
    );
    const findings = await check(wrong);
    expect(finding(findings, 'Key ID')[0]).toMatchObject({
      severity: 'problem',
      fact: expect.stringContaining(`${fileName} but the key id entered is ZZZ999YYYX`),
      todo: expect.stringContaining(`Replace the key id with ${key.keyId}`),
    });
    expect(finding(findings, 'Provider token (local)')[0]).toMatchObject({
      severity: 'problem',
      fact: expect.stringMatching(
        /^the local APNs emulator answered 403 InvalidProviderToken: the key id or team id is not this key's, or the key was revoked/,
      ),
      todo: 'Fix the key id or team id above first, then check again.',
    });
  });

  it('.p8: ids, curve and the provider token ok against the emulator; once revoked, "most likely revoked"', async () => {
    const apns = set.emulators.apns as RunningApnsEmulator;
    const key = apns.createKey({ teamId: TEAM_ID });
    const fileName = `AuthKey_${key.keyId}.p8`;
    const id = await imported(
      { kind: 'apns-token', file: Buffer.from(key.keyPem), fileName, teamId: TEAM_ID } as never,
      'apns',
      'local',
      { topic: 'com.example.app' },
    );
    let findings = await check(id);
    expect(finding(findings, 'Key ID')[0]).toMatchObject({
      severity: 'ok',
      fact: `${key.keyId} matches the file name ${fileName}.`,
    });
    expect(finding(findings, 'Team ID')[0]).toMatchObject({ severity: 'ok', fact: expect.stringContaining(TEAM_ID) });
    expect(finding(findings, 'Key type')[0]).toMatchObject({ severity: 'ok', fact: expect.stringMatching(/P-256/) });
    expect(finding(findings, 'Provider token (local)')[0]).toMatchObject({
      severity: 'ok',
      fact: expect.stringMatching(
        /^the local APNs emulator answered 400 BadDeviceToken to a made-up device token \(reaching nobody\): the provider token was accepted/,
      ),
    });
    expect(apns.inbox.list().length).toBe(0);
    // No secret in what comes back.
    expect(JSON.stringify(findings)).not.toMatch(/PRIVATE KEY|MIG/);
    await adminCall(set.environment, 'apns', 'DELETE', `/__admin/credentials/${key.keyId}`);
    findings = await check(id);
    expect(finding(findings, 'Provider token (local)')[0]).toMatchObject({
      severity: 'problem',
      fact: expect.stringMatching(
        /answered 403 InvalidProviderToken\. The key id matches its AuthKey file .* so the key was most likely revoked/,
      ),
    });
  });

  it('.p12 expiring in 10 days: a countdown warning, the topics and both environments from the certificate', async () => {
    const id = await imported(
      {
        kind: 'apns-certificate',
        file: readFileSync(fx.p12ExpiringSoon),
        fileName: 'soon.p12',
        passphrase: P12_PASSPHRASE,
      } as never,
      'apns',
      'production',
    );
    const findings = await check(id);
    expect(finding(findings, 'Expiry')[0]).toMatchObject({
      severity: 'warning',
      fact: expect.stringMatching(/^Expires in 10 days \(\d{4}-\d\d-\d\d\)\.$/),
    });
    expect(finding(findings, 'Topics')[0]!.fact).toContain(
      'com.example.app, com.example.app.voip, com.example.app.complication',
    );
    expect(finding(findings, 'Environments')[0]).toMatchObject({
      severity: 'ok',
      fact: expect.stringMatching(/sandbox and production .*profiles send to production/),
    });
    // forge wrote this one: the key under 3DES, the certificates unencrypted.
    expect(finding(findings, '.p12 encryption')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        fact: expect.stringMatching(/private key use 3DES-CBC, an old scheme OpenSSL 3 still reads/),
      }),
    ]);
  });

  it('legacy .p12 (RC2-40 certificates, 3DES key): read, and named from the bags’ OIDs', async () => {
    const file = rc2LegacyP12(fx.apple, P12_PASSPHRASE);
    const path = join(fx.dir, 'legacy-rc2.p12');
    writeFileSync(path, file);
    // The fact the finding states: OpenSSL 3 without -legacy refuses this file.
    expect(() =>
      execFileSync('openssl', ['pkcs12', '-in', path, '-nokeys', '-passin', `pass:${P12_PASSPHRASE}`], {
        stdio: 'pipe',
      }),
    ).toThrow(/RC2-40-CBC|unsupported/i);
    const id = await imported(
      { kind: 'apns-certificate', file, fileName: 'legacy-rc2.p12', passphrase: P12_PASSPHRASE } as never,
      'apns',
      'sandbox',
    );
    const encryption = finding(await check(id), '.p12 encryption');
    expect(encryption.map((f) => f.fact)).toEqual([
      "The .p12's certificates use RC2-40-CBC, which OpenSSL 3 refuses without the legacy provider; Push Console reads it.",
      "The .p12's private key use 3DES-CBC, an old scheme OpenSSL 3 still reads; Push Console reads it.",
    ]);
    expect(encryption[0]).toMatchObject({ severity: 'warning', todo: expect.stringMatching(/AES-256/) });
  });
});

describe('credentials.check: FCM through the emulator', () => {
  it('an active key is ok; the same key disabled reads "Invalid JWT Signature" as disabled or deleted; an unknown account as not found', async () => {
    const fcm = set.emulators.fcm as RunningFcmEmulator;
    const account = await fcm.createServiceAccount('check-project');
    const id = await imported(
      { kind: 'fcm-service-account', file: Buffer.from(JSON.stringify(account)), fileName: 'sa.json' } as never,
      'fcm',
    );
    let findings = await check(id);
    expect(finding(findings, 'Project')[0]).toMatchObject({ severity: 'ok' });
    expect(finding(findings, 'Token exchange')[0]).toMatchObject({
      severity: 'ok',
      fact: expect.stringMatching(/^the local FCM emulator issued an access token for .*: the key is active\.$/),
    });

    await fcm.registerServiceAccount({ ...account, keyDisabled: true });
    findings = await check(id);
    expect(finding(findings, 'Token exchange')[0]).toMatchObject({
      severity: 'problem',
      fact: 'the local FCM emulator answered 400 invalid_grant "Invalid JWT Signature.": the key this file holds is disabled or deleted in Google Cloud.',
      todo: expect.stringMatching(/Create a new key/),
    });

    const stranger = await imported(
      { kind: 'fcm-service-account', file: readFileSync(fx.serviceAccount), fileName: 'stranger.json' } as never,
      'fcm',
    );
    expect(finding(await check(stranger), 'Token exchange')[0]!.fact).toMatch(
      /"Invalid grant: account not found": the service account itself no longer exists\.$/,
    );
  });

  it('a project_id that is not the account’s own project is a problem', async () => {
    const json = JSON.parse(readFileSync(fx.serviceAccount, 'utf8')) as Record<string, string>;
    const id = await imported(
      {
        kind: 'fcm-service-account',
        file: Buffer.from(JSON.stringify({ ...json, project_id: 'other-project' })),
        fileName: 'edited.json',
      } as never,
      'fcm',
    );
    expect(finding(await check(id), 'Project')[0]).toMatchObject({
      severity: 'problem',
      fact: expect.stringMatching(
        /project_id is other-project but the account pusher@fixture-project\.iam\.gserviceaccount\.com belongs to fixture-project/,
      ),
    });
  });
});

describe('credentials.check: WNS, VAPID, Notification Hubs', () => {
  it('WNS Entra: the token scope from the emulator, and the package-mapping hint; a wrong secret is a problem', async () => {
    const wns = set.emulators.wns as RunningWnsEmulator;
    const tenantId = '11111111-2222-3333-4444-555555555555';
    const clientId = '66666666-7777-8888-9999-000000000000';
    wns.registerApp({ clientId, clientSecret: 'entra-secret', tenantId });
    const good = await imported({ kind: 'wns', tenantId, clientId, clientSecret: 'entra-secret' } as never, 'wns');
    const findings = await check(good);
    expect(finding(findings, 'Token scope')[0]).toMatchObject({
      severity: 'ok',
      fact: expect.stringContaining('https://wns.windows.com/.default'),
    });
    expect(finding(findings, 'Package mapping')[0]!.fact).toMatch(/403 with no X-WNS-\* headers/);
    // The token's aud, read from the JWT the token endpoint answered: a Graph token is a problem.
    wns.setCheck('otherAudienceToken', true);
    try {
      expect(finding(await check(good), 'Token scope')[0]).toMatchObject({
        severity: 'problem',
        fact: 'The local WNS emulator issued a token for https://graph.microsoft.com, not for WNS (scope https://wns.windows.com/.default).',
      });
    } finally {
      wns.setCheck('otherAudienceToken', false);
    }
    const bad = await imported({ kind: 'wns', tenantId, clientId, clientSecret: 'stale-secret' } as never, 'wns');
    expect(finding(await check(bad), 'Token scope')[0]).toMatchObject({
      severity: 'problem',
      fact: expect.stringMatching(/answered 401 invalid_client/),
    });
    expect(JSON.stringify(findings)).not.toContain('entra-secret');
  });

  it('VAPID: the key pair agrees; a localhost sub is flagged for Apple', async () => {
    const answer = await core.dispatch('credentials.generateVapid', { subject: 'mailto:dev@localhost' }, caller);
    if (!answer.ok) throw new Error('generate failed');
    const meta = { value: answer.value as { id: string } };
    await core.profiles.save({ name: 'wp', provider: 'webpush', credentialId: meta.value.id, environment: 'local' });
    const findings = await check(meta.value.id);
    expect(finding(findings, 'Key pair')[0]).toMatchObject({
      severity: 'ok',
      fact: expect.stringMatching(/derives from the private key/),
    });
    expect(finding(findings, 'Subject')[0]).toMatchObject({ severity: 'ok' });
    expect(finding(findings, 'Subject for Apple')[0]).toMatchObject({
      severity: 'warning',
      fact: expect.stringMatching(/localhost.*BadJwtToken/),
    });
  });

  it('NH: each right proven by a harmless call; a Listen-only key has Listen, not Manage or Send', async () => {
    const nhub = set.emulators.nhub as RunningNhubEmulator;
    const namespace = 'check-ns.servicebus.windows.net';
    nhub.registerCredential({
      namespace,
      hub: 'CheckHub',
      keyName: 'AppListen',
      key: 'listen-key=',
      rights: ['Listen'],
    });
    nhub.registerCredential({
      namespace,
      hub: 'CheckHub',
      keyName: 'Full',
      key: 'full-key=',
      rights: ['Listen', 'Send', 'Manage'],
    });
    const string = (name: string, key: string) =>
      `Endpoint=sb://${namespace}/;SharedAccessKeyName=${name};SharedAccessKey=${key}`;
    const listen = await imported(
      { kind: 'nhub', connectionString: string('AppListen', 'listen-key='), hubName: 'CheckHub' } as never,
      'nhub',
    );
    const findings = await check(listen);
    expect(findings.map((f) => [f.title, f.severity])).toEqual([
      ['Listen right', 'ok'],
      ['Manage right', 'warning'],
      ['Send right', 'problem'],
    ]);
    expect(findings[2]!.fact).toMatch(/^Not granted: the hub refused key "AppListen" a test send/);
    const full = await imported(
      { kind: 'nhub', connectionString: string('Full', 'full-key='), hubName: 'CheckHub' } as never,
      'nhub',
    );
    expect((await check(full)).map((f) => f.severity)).toEqual(['ok', 'ok', 'ok']);
    expect(nhub.inbox.list().length).toBe(0);
  });
});
