import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core/core';
import { createLocalServices } from '../../main/local';
import { EphemeralSecrets } from '../../main/core/credentials/keychain';
import { generateVapidPair } from '../../main/core/credentials/vapid';
import type { RunningFcmEmulator } from '../../main/emulators/fcm';
import { startEmulators, type EmulatorSet } from '../../main/emulators/run';
import { generateFixtures, P12_PASSPHRASE, TEAM_ID, type Fixtures } from '../fixtures/generate';

const caller = { transport: 'test', trusted: true } as const;

/** The base64 lines of a PEM body: any of them showing up means the key leaked. */
function pemLines(pem: string): string[] {
  return pem.split('\n').filter((line) => line.length >= 40 && !line.startsWith('-----'));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('credentials never leak secrets', () => {
  let fx: Fixtures;
  let root: string;
  let core: Core;
  let emulators: EmulatorSet;
  const planted: string[] = [];
  const responses: unknown[] = [];
  const events: unknown[] = [];
  const logs: string[] = [];

  const dispatch = async (name: string, input: unknown) => {
    const result = await core.dispatch(name, input, caller);
    responses.push(result);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field below
    return result as { ok: boolean; value?: any; error?: any };
  };
  const b64 = (path: string) => readFileSync(path).toString('base64');

  beforeAll(async () => {
    fx = generateFixtures();
    root = mkdtempSync(join(tmpdir(), 'pc-leak-'));
    // The FCM emulator makes the service account real, so tests and a send (and its history) run too.
    emulators = await startEmulators({ dataDir: join(root, 'data'), only: ['fcm'] });
    core = await createCore({
      local: createLocalServices,
      mode: 'browser',
      dataDir: join(root, 'data'),
      workspaceDir: join(root, 'ws'),
      secrets: new EphemeralSecrets(),
      log: (line) => logs.push(line),
    });
    core.events.subscribe((name, payload) => events.push({ name, payload }));
  }, 60_000);

  afterAll(async () => {
    await core.close();
    await emulators.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(fx.dir, { recursive: true, force: true });
  });

  it('imports, renames, replaces, tests, generates and removes without a secret in any answer, event, file or log', async () => {
    const wnsSecret = `PLANTED-wns-${randomUUID()}`;
    const wnsSecret2 = `PLANTED-wns-new-${randomUUID()}`;
    const nhubKey = `PLANTED-nhub-${randomUUID()}=`;
    const vapid = generateVapidPair();
    const fcm = emulators.emulators.fcm as RunningFcmEmulator;
    const sa = await fcm.createServiceAccount('leak-project');
    planted.push(wnsSecret, wnsSecret2, nhubKey, vapid.privateKey, P12_PASSPHRASE, 'PLANTED-wrong-passphrase');
    planted.push(
      ...pemLines(readFileSync(fx.p8, 'utf8')),
      ...pemLines(fx.apple.keyPem),
      ...pemLines(sa['private_key']!),
    );

    const ids: Record<string, string> = {};
    const imports: Array<[string, Record<string, unknown>]> = [
      [
        'apns-token',
        { kind: 'apns-token', fileBase64: b64(fx.p8), fileName: 'AuthKey_ABC123DEFG.p8', teamId: TEAM_ID },
      ],
      [
        'apns-certificate',
        {
          kind: 'apns-certificate',
          fileBase64: b64(fx.p12WithPassphrase),
          fileName: 'push.p12',
          passphrase: P12_PASSPHRASE,
        },
      ],
      [
        'fcm-service-account',
        {
          kind: 'fcm-service-account',
          fileBase64: Buffer.from(JSON.stringify(sa)).toString('base64'),
          fileName: 'sa.json',
        },
      ],
      ['wns', { kind: 'wns', packageSid: 'ms-app://S-1-15-2-11-22-33', clientSecret: wnsSecret }],
      ['vapid', { kind: 'vapid', privateKey: vapid.privateKey, subject: 'mailto:ops@example.com' }],
      [
        'nhub',
        {
          kind: 'nhub',
          connectionString: `Endpoint=sb://leak-ns.servicebus.windows.net/;SharedAccessKeyName=Full;SharedAccessKey=${nhubKey}`,
          hubName: 'hub',
        },
      ],
    ];
    for (const [kind, input] of imports) {
      const result = await dispatch('credentials.import', input);
      expect(result.ok, JSON.stringify(result)).toBe(true);
      ids[kind] = result.value.id;
    }
    expect((await dispatch('credentials.list', {})).value).toHaveLength(6);

    // Errors that involve secrets must not echo them.
    const wrong = await dispatch('credentials.import', {
      kind: 'apns-certificate',
      fileBase64: b64(fx.p12WithPassphrase),
      passphrase: 'PLANTED-wrong-passphrase',
    });
    expect(wrong.error).toMatchObject({
      code: 'CREDENTIAL_INVALID',
      message: 'The passphrase is wrong for this .p12.',
    });
    const broken = await dispatch('credentials.import', {
      kind: 'nhub',
      connectionString: `Endpoint=sb://x.servicebus.windows.net/;${nhubKey}`,
      hubName: 'h',
    });
    expect(broken.ok).toBe(false);

    expect((await dispatch('credentials.rename', { id: ids['wns'], label: 'Renamed WNS' })).value.label).toBe(
      'Renamed WNS',
    );
    expect(
      (
        await dispatch('credentials.replaceSecret', {
          id: ids['wns'],
          packageSid: 'ms-app://S-1-15-2-11-22-33',
          clientSecret: wnsSecret2,
        })
      ).ok,
    ).toBe(true);

    for (const kind of ['apns-token', 'apns-certificate', 'vapid', 'nhub']) {
      const tested = await dispatch('credentials.test', { id: ids[kind] });
      expect(tested.value, kind).toMatchObject({ ok: true });
    }
    // The credential doctor's findings are answers too: searched below like every other. (Only the
    // kinds a check with no profile keeps offline: the others would ask the live services.)
    for (const kind of ['apns-token', 'apns-certificate', 'vapid']) {
      const checked = await dispatch('credentials.check', { id: ids[kind] });
      expect(checked.value?.findings.length, JSON.stringify(checked)).toBeGreaterThan(0);
    }
    // FCM gets a real token from the local emulator; WNS has no emulator running here, a plain failure.
    expect(
      (await dispatch('credentials.test', { id: ids['fcm-service-account'], environment: 'local' })).value,
    ).toMatchObject({ ok: true });
    const wnsTest = await dispatch('credentials.test', { id: ids['wns'], environment: 'local' });
    expect(wnsTest.ok ? wnsTest.value.ok : false, JSON.stringify(wnsTest)).toBe(false);

    // A real send writes history, which must not hold the key either.
    const device = await fcm.registerDevice({ projectId: 'leak-project' });
    const sent = await dispatch('send.run', {
      sendId: 'leak-send',
      request: {
        provider: 'fcm',
        credential: ids['fcm-service-account'],
        environment: 'local',
        target: device.token,
        options: { targetKind: 'auto', validateOnly: false },
        payload: JSON.stringify({ notification: { title: 'hi' } }),
      },
    });
    expect(sent.value?.result.outcome, JSON.stringify(sent)).toBe('accepted');

    const generated = await dispatch('credentials.generateVapid', {
      subject: 'https://example.com',
      label: 'Generated',
    });
    expect(generated.value.metadata.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    const generatedSecret = await core.credentials.resolve(generated.value.id);
    planted.push((generatedSecret.secret as { privateKey: string }).privateKey);

    expect((await dispatch('credentials.remove', { id: ids['nhub'] })).value).toEqual({ removed: true });
    expect((await dispatch('app.info', {})).value.keychain.state).toBe('ephemeral');

    // Closing flushes history and drafts, so every file is on disk before it is searched.
    await core.close();
    const answers = JSON.stringify(responses);
    const emitted = JSON.stringify(events);
    const logged = logs.join('\n');
    const files = filesUnder(root).map((path) => ({ path, text: readFileSync(path, 'latin1') }));
    expect(files.some((file) => file.path.endsWith('credentials.json'))).toBe(true);
    expect(
      files.some((file) => file.path.includes('history')),
      files.map((f) => f.path).join('\n'),
    ).toBe(true);
    expect(planted.length).toBeGreaterThan(10);
    for (const secret of planted) {
      expect(answers.includes(secret), `response leaks ${secret.slice(0, 12)}…`).toBe(false);
      expect(emitted.includes(secret), `event leaks ${secret.slice(0, 12)}…`).toBe(false);
      expect(logged.includes(secret), `log leaks ${secret.slice(0, 12)}…`).toBe(false);
      for (const file of files)
        expect(file.text.includes(secret), `${file.path} leaks ${secret.slice(0, 12)}…`).toBe(false);
    }
    // The check can fail: the haystack does hold what the renderer may see.
    expect(answers).toContain(String(generated.value.metadata.publicKey));
  }, 60_000);
});
