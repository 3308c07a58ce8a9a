import {
  createAppleInstallation,
  createAppleNotification,
  createAppleRegistrationDescription,
  createAppleTemplateRegistrationDescription,
  createBrowserRegistrationDescription,
  createFcmV1Installation,
  createFcmV1RegistrationDescription,
  createFcmV1TemplateRegistrationDescription,
  createTemplateNotification,
  createWindowsRegistrationDescription,
  createWindowsTemplateRegistrationDescription,
  createAdmRegistrationDescription,
  createBaiduRegistrationDescription,
  createXiaomiRegistrationDescription,
  createFcmLegacyRegistrationDescription,
  isRestError,
  NotificationHubsClient,
  type RegistrationDescription,
} from '@azure/notification-hubs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LocalCa } from '../../main/emulators/common/ca';
import type { RunningEmulator } from '../../main/emulators/common/types';
import { startNhubEmulator, type RunningNhubEmulator } from '../../main/emulators/nhub';
import { startEmulators, type EmulatorSet } from '../../main/emulators/run';

const HUB = 'RestHub';
const KEY = 'rest-key=';

/** The status of the SDK's RestError, or of an unexpected success. */
async function statusOf(operation: Promise<unknown>): Promise<number | string> {
  try {
    await operation;
    return 'succeeded';
  } catch (error) {
    return isRestError(error) ? (error.statusCode ?? 'no status') : String(error);
  }
}

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[][]> {
  const out: T[][] = [];
  for await (const page of pages) out.push(page);
  return out;
}

/**
 * The official `@azure/notification-hubs` client, unchanged, pointed at the emulator through a
 * connection string whose Endpoint is `sb://127.0.0.1:PORT/`, trusting only the emulators' CA.
 */
describe('Notification Hubs emulator REST surface through @azure/notification-hubs', () => {
  const ca = LocalCa.create('nhub rest CA');
  let emulator: RunningNhubEmulator;
  let client: NotificationHubsClient;

  beforeAll(async () => {
    emulator = await startNhubEmulator({ ca });
    const connectionString = `Endpoint=sb://${new URL(emulator.baseUrl).host}/;SharedAccessKeyName=Full;SharedAccessKey=${KEY}`;
    emulator.registerCredential({ connectionString, hub: HUB });
    client = new NotificationHubsClient(connectionString, HUB, {
      tlsOptions: { ca: ca.certPem },
      retryOptions: { maxRetries: 0 },
    });
  });
  afterAll(() => emulator.close());
  beforeEach(() => emulator.inbox.clear());

  it('creates, reads, updates and deletes registrations of every platform, templates included', async () => {
    const descriptions: RegistrationDescription[] = [
      createAppleRegistrationDescription({ deviceToken: 'ab'.repeat(32), tags: ['a', 'b'] }),
      createAppleTemplateRegistrationDescription({
        deviceToken: 'cd'.repeat(32),
        bodyTemplate: '{"aps":{"alert":"$(msg)"}}',
        templateName: 'alert',
        tags: ['t'],
      }),
      createFcmV1RegistrationDescription({ fcmV1RegistrationId: 'fcm-token-1' }),
      createFcmV1TemplateRegistrationDescription({
        fcmV1RegistrationId: 'fcm-token-2',
        bodyTemplate: '{"message":{"notification":{"body":"$(msg)"}}}',
      }),
      createFcmLegacyRegistrationDescription({ gcmRegistrationId: 'gcm-token' }),
      createWindowsRegistrationDescription({ channelUri: 'https://wns.example/?token=a&b=1' }),
      createWindowsTemplateRegistrationDescription({
        channelUri: 'https://wns.example/?token=t',
        bodyTemplate:
          '<toast><visual><binding template="ToastText01"><text id="1">$(msg)</text></binding></visual></toast>',
        wnsHeaders: { 'X-WNS-Type': 'wns/toast' },
      }),
      createBrowserRegistrationDescription({ endpoint: 'https://push.example/sub/1', p256dh: 'p256', auth: 'auth' }),
      createAdmRegistrationDescription({ admRegistrationId: 'adm-id' }),
      createBaiduRegistrationDescription({ baiduChannelId: 'channel', baiduUserId: 'user' }),
      createXiaomiRegistrationDescription({ xiaomiRegistrationId: 'xiaomi-id' }),
    ];
    for (const description of descriptions) {
      const kind = description.kind;
      const created = await client.createRegistration({ ...description });
      expect({ kind: created.kind, etag: created.etag }).toEqual({ kind, etag: '1' });
      expect(created.registrationId).toMatch(/^\d{19}-\d+$/);
      const read = await client.getRegistration(created.registrationId!);
      expect(read).toEqual({ ...created });
      expect(read).toMatchObject({ ...description, registrationId: created.registrationId });
    }

    const apple = await client.createRegistration(
      createAppleRegistrationDescription({ deviceToken: 'ef'.repeat(32), tags: ['old'] }),
    );
    const updated = await client.updateRegistration({ ...apple, tags: ['new'] });
    expect({ etag: updated.etag, tags: updated.tags }).toEqual({ etag: '2', tags: ['new'] });
    expect(await statusOf(client.updateRegistration({ ...apple, tags: ['stale'] }))).toBe(412);
    expect(await statusOf(client.deleteRegistration(apple.registrationId!, { etag: '1' }))).toBe(412);
    await client.deleteRegistration(apple.registrationId!, { etag: '2' });
    expect(await statusOf(client.getRegistration(apple.registrationId!))).toBe(404);
    expect(await statusOf(client.deleteRegistration('1234567890123456789-99'))).toBe(404);
    expect(await statusOf(client.updateRegistration({ ...apple, etag: '*', tags: [] }))).toBe(404);
  });

  it('creates a registration id, then a registration at it', async () => {
    const id = await client.createRegistrationId();
    expect(id).toMatch(/^\d{19}-\d+$/);
    expect(await statusOf(client.getRegistration(id))).toBe(404);
    const put = await client.createOrUpdateRegistration(
      createFcmV1RegistrationDescription({ registrationId: id, fcmV1RegistrationId: 'at-id', tags: ['put'] }),
    );
    expect({ id: put.registrationId, tags: put.tags }).toEqual({ id, tags: ['put'] });
    const again = await client.createOrUpdateRegistration({ ...put, tags: ['put', 'again'] });
    expect({ id: again.registrationId, etag: again.etag }).toEqual({ id, etag: '2' });
  });

  it('lists registrations by tag and by handle, paged with a continuation token', async () => {
    for (let i = 0; i < 5; i++) {
      await client.createRegistration(
        createFcmV1RegistrationDescription({ fcmV1RegistrationId: `page-${i}`, tags: ['paged', `n${i}`] }),
      );
    }
    const pages = await collect(client.listRegistrationsByTag('paged', { top: 2 }).byPage());
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(pages.flat().map((r) => (r as { fcmV1RegistrationId: string }).fcmV1RegistrationId)).toEqual([
      'page-0',
      'page-1',
      'page-2',
      'page-3',
      'page-4',
    ]);
    const everything = await collect(client.listRegistrations({ top: 3 }).byPage());
    expect(everything.length).toBeGreaterThan(1);
    expect(everything.flat().filter((r) => r.tags?.includes('paged'))).toHaveLength(5);

    await client.createRegistration(createAppleRegistrationDescription({ deviceToken: '0a'.repeat(32) }));
    await client.createRegistration(
      createWindowsRegistrationDescription({ channelUri: 'https://wns.example/?c=1&d=2' }),
    );
    const byApple = await collect(
      client.listRegistrationsByChannel({ kind: 'apple', deviceToken: '0a'.repeat(32) }).byPage(),
    );
    expect(byApple.flat().map((r) => r.kind)).toEqual(['Apple']);
    const byWindows = await collect(
      client.listRegistrationsByChannel({ kind: 'windows', channelUri: 'https://wns.example/?c=1&d=2' }).byPage(),
    );
    expect(byWindows.flat()).toHaveLength(1);
    const byFcm = await collect(
      client.listRegistrationsByChannel({ kind: 'fcmv1', fcmV1RegistrationId: 'page-3' }).byPage(),
    );
    expect(byFcm.flat().map((r) => r.tags)).toEqual([['paged', 'n3']]);
    expect(await collect(client.listRegistrationsByTag('nobody-has-this').byPage())).toEqual([[]]);
  });

  it('creates, patches, reads and deletes installations with the documented codes', async () => {
    await client.createOrUpdateInstallation(
      createAppleInstallation({ installationId: 'inst-1', pushChannel: '11'.repeat(32), tags: ['x'] }),
    );
    expect(await client.getInstallation('inst-1')).toMatchObject({
      installationId: 'inst-1',
      platform: 'apns',
      pushChannel: '11'.repeat(32),
      tags: ['x'],
    });
    await client.updateInstallation('inst-1', [
      { op: 'add', path: '/tags', value: 'y' },
      { op: 'remove', path: '/tags/x' },
      {
        op: 'add',
        path: '/templates/hello',
        value: JSON.stringify({ body: '{"aps":{"alert":"$(msg)"}}', tags: ['tpl'] }),
      },
      { op: 'replace', path: '/pushChannel', value: '22'.repeat(32) },
    ]);
    expect(await client.getInstallation('inst-1')).toMatchObject({
      pushChannel: '22'.repeat(32),
      tags: ['y'],
      templates: { hello: { body: '{"aps":{"alert":"$(msg)"}}', tags: ['tpl'] } },
    });
    // Listed as the hub lists an installation: its platform's registration and one per template,
    // each readable by id; a change goes through the installation, not the registration.
    const listed = (await collect(client.listRegistrationsByTag('$InstallationId:{inst-1}').byPage())).flat();
    expect(listed.map((r) => [r.kind, r.tags, 'deviceToken' in r ? r.deviceToken : null])).toEqual([
      ['Apple', ['y', '$InstallationId:{inst-1}'], '22'.repeat(32)],
      ['AppleTemplate', ['y', '$InstallationId:{inst-1}', 'tpl'], '22'.repeat(32)],
    ]);
    expect((await client.getRegistration(listed[1]!.registrationId!)).kind).toBe('AppleTemplate');
    expect(await statusOf(client.deleteRegistration(listed[0]!.registrationId!))).toBe(400);
    expect(await statusOf(client.updateInstallation('inst-1', [{ op: 'add', path: '/nonsense', value: 'v' }]))).toBe(
      400,
    );
    expect(await statusOf(client.getInstallation('no-such-installation'))).toBe(404);
    expect(
      await statusOf(client.updateInstallation('no-such-installation', [{ op: 'add', path: '/tags', value: 'z' }])),
    ).toBe(404);
    await client.deleteInstallation('inst-1');
    expect(await statusOf(client.getInstallation('inst-1'))).toBe(404);
    // The service answers 204 whether or not the installation existed.
    expect(await statusOf(client.deleteInstallation('inst-1'))).toBe('succeeded');
  });

  it('tag and template sends reach the registrations and installations whose tags match, and no others', async () => {
    await client.createRegistration(
      createAppleRegistrationDescription({ deviceToken: 'a1'.repeat(32), tags: ['sports'] }),
    );
    await client.createRegistration(
      createAppleRegistrationDescription({ deviceToken: 'a2'.repeat(32), tags: ['news'] }),
    );
    await client.createOrUpdateInstallation(
      createAppleInstallation({ installationId: 'fan', pushChannel: 'a3'.repeat(32), tags: ['sports', 'eu'] }),
    );
    await client.createOrUpdateInstallation(
      createAppleInstallation({ installationId: 'reader', pushChannel: 'a4'.repeat(32), tags: ['news'] }),
    );
    await client.createOrUpdateInstallation(
      createFcmV1Installation({
        installationId: 'templated',
        pushChannel: 'fcm-templated',
        tags: ['sports'],
        templates: { t: { body: '{"message":{"notification":{"body":"$(msg)"}}}', headers: {}, tags: ['tpl-only'] } },
      }),
    );
    const handles = () =>
      emulator.inbox
        .list()
        .map((d) => d.details?.['handle'])
        .sort();

    const sent = await client.sendNotification(createAppleNotification({ body: '{"aps":{"alert":"goal"}}' }), {
      tagExpression: 'sports',
      enableTestSend: true,
    });
    expect(handles()).toEqual(['a1'.repeat(32), 'a3'.repeat(32)]);
    expect(sent.results.map((r) => r.registrationId).sort()).toEqual([expect.stringMatching(/-\d+$/), 'fan'].sort());

    emulator.inbox.clear();
    await client.sendNotification(createAppleNotification({ body: '{"aps":{}}' }), {
      tagExpression: '$InstallationId:{reader}',
    });
    expect(handles()).toEqual(['a4'.repeat(32)]);

    emulator.inbox.clear();
    await client.sendNotification(createTemplateNotification({ body: { msg: 'hi' } }), { tagExpression: 'tpl-only' });
    expect(emulator.inbox.list().map((d) => [d.details?.['handle'], d.payload])).toEqual([
      ['fcm-templated', '{"message":{"notification":{"body":"hi"}}}'],
    ]);
  });

  it('sends one notification to a list of handles through $batch?direct', async () => {
    const result = await client.sendNotification(createAppleNotification({ body: '{"aps":{"alert":"batch"}}' }), {
      deviceHandle: ['b1'.repeat(32), 'b2'.repeat(32), 'b3'.repeat(32)],
    });
    expect(result.notificationId).toMatch(/^[0-9a-f]{32}$/);
    expect(emulator.inbox.list().map((d) => [d.device, d.payload])).toEqual([
      ['b1'.repeat(32), '{"aps":{"alert":"batch"}}'],
      ['b2'.repeat(32), '{"aps":{"alert":"batch"}}'],
      ['b3'.repeat(32), '{"aps":{"alert":"batch"}}'],
    ]);
  });

  it('delivers a scheduled notification at its time and never a cancelled one', async () => {
    await client.createRegistration(
      createAppleRegistrationDescription({ deviceToken: 'c1'.repeat(32), tags: ['later'] }),
    );
    const at = new Date(Date.now() + 1_000);
    const kept = await client.scheduleNotification(at, createAppleNotification({ body: '{"aps":{"alert":"kept"}}' }), {
      tagExpression: 'later',
    });
    const dropped = await client.scheduleNotification(
      at,
      createAppleNotification({ body: '{"aps":{"alert":"dropped"}}' }),
      {
        tagExpression: 'later',
      },
    );
    expect(kept.notificationId).toMatch(/^[0-9a-f]{32}$/);
    await client.cancelScheduledNotification(dropped.notificationId!);
    expect(await statusOf(client.cancelScheduledNotification(dropped.notificationId!))).toBe(404);
    expect(emulator.inbox.list()).toEqual([]);

    for (let i = 0; i < 50 && emulator.inbox.size === 0; i++) await new Promise((r) => setTimeout(r, 100));
    // Both were due at the same instant: a cancelled one would have arrived with the kept one.
    await new Promise((r) => setTimeout(r, 200));
    expect(emulator.inbox.list().map((d) => d.payload)).toEqual(['{"aps":{"alert":"kept"}}']);
    expect(Date.now()).toBeGreaterThanOrEqual(at.getTime());
  });
});

function sdkClient(emulator: RunningNhubEmulator, ca: string, keyName: string, key: string): NotificationHubsClient {
  const host = new URL(emulator.baseUrl).host;
  return new NotificationHubsClient(
    `Endpoint=sb://${host}/;SharedAccessKeyName=${keyName};SharedAccessKey=${key}`,
    HUB,
    { tlsOptions: { ca }, retryOptions: { maxRetries: 0 } },
  );
}

describe('Notification Hubs emulator REST state, rights and scheduled delivery to the peers', () => {
  let dir: string;
  let set: EmulatorSet;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nhub-rest-'));
    set = await startEmulators({ dataDir: dir, stateDir: join(dir, 'state'), only: ['apns', 'nhub'] });
  });
  afterAll(async () => {
    await set.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a scheduled send to an installation lands in the APNs emulator inbox at its time', async () => {
    const nhub = set.emulators.nhub as RunningNhubEmulator;
    const apns = set.emulators.apns as RunningEmulator & {
      createDevice(input: { bundleId: string }): { token: string };
    };
    const host = new URL(nhub.baseUrl).host;
    nhub.registerCredential({
      connectionString: `Endpoint=sb://${host}/;SharedAccessKeyName=Full;SharedAccessKey=${KEY}`,
      hub: HUB,
    });
    const client = sdkClient(nhub, set.ca.certPem, 'Full', KEY);
    const { token } = apns.createDevice({ bundleId: 'com.example.rest' });
    await client.createOrUpdateInstallation(createAppleInstallation({ installationId: 'phone', pushChannel: token }));
    await client.scheduleNotification(
      new Date(Date.now() + 800),
      createAppleNotification({ body: '{"aps":{"alert":"on time"}}' }),
      { tagExpression: '$InstallationId:{phone}' },
    );
    expect(apns.inbox.list()).toEqual([]);
    for (let i = 0; i < 40 && apns.inbox.size === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(apns.inbox.list().map((d) => [d.device, d.payload])).toEqual([
      [token.toLowerCase(), '{"aps":{"alert":"on time"}}'],
    ]);
  });

  it('keeps registrations and installations across a restart, and drops pending schedules on close', async () => {
    const stateDir = join(dir, 'restart');
    const ca = set.ca;
    let emulator = await startNhubEmulator({ ca, stateDir });
    const host = () => new URL(emulator.baseUrl).host;
    emulator.registerCredential({
      connectionString: `Endpoint=sb://${host()}/;SharedAccessKeyName=Full;SharedAccessKey=${KEY}`,
      hub: HUB,
    });
    let client = sdkClient(emulator, ca.certPem, 'Full', KEY);
    const created = await client.createRegistration(
      createAppleTemplateRegistrationDescription({
        deviceToken: 'd1'.repeat(32),
        bodyTemplate: '{"aps":{"alert":"$(m)"}}',
        tags: ['kept'],
      }),
    );
    await client.createOrUpdateInstallation(
      createFcmV1Installation({ installationId: 'kept', pushChannel: 'fcm-kept', tags: ['kept'] }),
    );
    // A template send the template registration would take, were the schedule not dropped.
    await client.scheduleNotification(new Date(Date.now() + 300), createTemplateNotification({ body: { m: 'late' } }), {
      tagExpression: 'kept',
    });
    const inbox = emulator.inbox;
    await emulator.close();
    await new Promise((r) => setTimeout(r, 500));
    expect(inbox.size).toBe(0);

    emulator = await startNhubEmulator({ ca, stateDir });
    try {
      client = sdkClient(emulator, ca.certPem, 'Full', KEY);
      expect(await client.getRegistration(created.registrationId!)).toEqual(created);
      expect(await client.getInstallation('kept')).toMatchObject({ pushChannel: 'fcm-kept', tags: ['kept'] });
    } finally {
      await emulator.close();
    }
  });

  it('asks for the claims the service asks for: Listen writes registrations, Manage lists them, Send sends', async () => {
    const nhub = set.emulators.nhub as RunningNhubEmulator;
    nhub.registerCredential({
      namespace: '127.0.0.1',
      hub: HUB,
      keyName: 'ListenOnly',
      key: 'listen',
      rights: ['Listen'],
    });
    nhub.registerCredential({ namespace: '127.0.0.1', hub: HUB, keyName: 'SendOnly', key: 'send', rights: ['Send'] });
    const listen = sdkClient(nhub, set.ca.certPem, 'ListenOnly', 'listen');
    const send = sdkClient(nhub, set.ca.certPem, 'SendOnly', 'send');
    const mine = await listen.createRegistration(
      createFcmV1RegistrationDescription({ fcmV1RegistrationId: 'listen-token' }),
    );
    expect((await listen.getRegistration(mine.registrationId!)).registrationId).toBe(mine.registrationId);
    expect(await statusOf(collect(listen.listRegistrations().byPage()))).toBe(401);
    expect(
      await statusOf(send.createRegistration(createFcmV1RegistrationDescription({ fcmV1RegistrationId: 'x' }))),
    ).toBe(401);
    expect(
      await statusOf(listen.sendNotification(createAppleNotification({ body: '{"aps":{}}' }), { tagExpression: 'a' })),
    ).toBe(401);
    expect(
      await statusOf(send.sendNotification(createAppleNotification({ body: '{"aps":{}}' }), { tagExpression: 'a' })),
    ).toBe('succeeded');
  });
});
