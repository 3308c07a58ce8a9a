import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Exchange } from '../../shared/domain/exchange';
import { readWebpushNotes } from '../../shared/providers/webpush/notes';
import { webpushTemplates } from '../../shared/providers/webpush/templates';
import { createCore, type Core } from '../../main/core/core';
import { createLocalServices } from '../../main/local';
import { publishLocalEnvironment } from '../../main/core/local/local-env';
import { generateVapidKeys } from '../../main/core/providers/webpush/vapid';
import { LocalCa } from '../../main/emulators/common/ca';
import { startWebpushEmulator, type RunningWebpushEmulator } from '../../main/emulators/webpush';

/** The whole path: imported VAPID credential → sender → preflight → Web Push client → transport → local push service. */
describe('Web Push through the core sender in the local environment', () => {
  const ca = LocalCa.create('Web Push core test CA');
  const keys = generateVapidKeys();
  let emulator: RunningWebpushEmulator;
  let core: Core;
  let dir: string;
  let credentialId: string;
  const exchanges: Exchange[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'webpush-core-'));
    emulator = await startWebpushEmulator({ ca });
    await publishLocalEnvironment(dir, {
      pid: process.pid,
      startedAt: new Date().toISOString(),
      ca: ca.certPem,
      webpush: { baseUrl: emulator.baseUrl },
      admin: { webpush: emulator.adminUrl },
    });
    core = await createCore({
      local: createLocalServices,
      mode: 'browser',
      dataDir: dir,
      workspaceDir: join(dir, 'ws'),
      ephemeralSecrets: true,
      log: () => {},
    });
    core.events.subscribe((name, payload) => name === 'exchange.recorded' && exchanges.push(payload as Exchange));
    credentialId = (
      await core.credentials.import({
        kind: 'vapid',
        privateKey: keys.privateKey,
        subject: 'mailto:ops@example.com',
        label: 'webpush-core',
      })
    ).id;
  });
  afterAll(async () => {
    await core.close();
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('delivers every template, decrypted, to an emulated browser', async () => {
    const browser = emulator.createSubscription({ applicationServerKey: keys.publicKey });
    for (const template of webpushTemplates) {
      const { result, preflight } = await core.sender.send({
        provider: 'webpush',
        credential: credentialId,
        environment: 'local',
        target: JSON.stringify(browser.subscription),
        options: template.options,
        payload: template.payload,
      });
      expect(result.outcome, template.id).toBe('accepted');
      expect(preflight.filter((issue) => issue.severity !== 'info')).toEqual([]);
    }
    expect(emulator.inbox.list(browser.id).map((d) => d.payload)).toEqual(webpushTemplates.map((t) => t.payload));
  });

  it('records readable encryption and VAPID notes on each exchange, without the private key', async () => {
    const browser = emulator.createSubscription({ applicationServerKey: keys.publicKey });
    exchanges.length = 0;
    const { result } = await core.sender.send({
      provider: 'webpush',
      credential: 'webpush-core',
      environment: 'local',
      target: JSON.stringify(browser.subscription),
      options: { ttl: 10 },
      payload: 'notes',
    });
    const exchange = exchanges.find((e) => e.id === result.exchangeIds[0])!;
    const notes = readWebpushNotes(exchange.notes);
    expect(notes?.encryption?.plaintextBytes).toBe(5);
    expect(notes?.vapid.claims.sub).toBe('mailto:ops@example.com');
    expect(notes?.pushService).toBe('a push service on this machine');
    expect(JSON.stringify(exchanges)).not.toContain(keys.privateKey);
  });

  it('tests the imported credential through the provider', async () => {
    const resolved = await core.credentials.resolve(credentialId);
    const summary = await core.providers.webpush.testCredential(resolved, {
      transport: core.transport,
      credential: resolved,
      local: null,
    });
    expect(summary).toContain(keys.publicKey.slice(0, 12));
  });

  it('marks an expired subscription gone', async () => {
    const browser = emulator.createSubscription({ applicationServerKey: keys.publicKey });
    emulator.expireSubscription(browser.id);
    const { result } = await core.sender.send({
      provider: 'webpush',
      credential: credentialId,
      environment: 'local',
      target: JSON.stringify(browser.subscription),
      options: { ttl: 10 },
      payload: 'late',
    });
    expect(result).toMatchObject({ outcome: 'rejected', status: 410, reason: 'errno 103' });
    expect(result.deviceStateChange?.state).toBe('gone');
  });

  describe('Declarative Web Push', () => {
    const send = (target: string, payload: string, options: Record<string, unknown> = { ttl: 60 }) =>
      core.sender.send({
        provider: 'webpush',
        credential: credentialId,
        environment: 'local',
        target,
        options,
        payload,
      });

    it('puts title, body, navigate, badge and actions in the inbox entry, as a browser shows them', async () => {
      const browser = emulator.createSubscription({ applicationServerKey: keys.publicKey });
      const template = webpushTemplates.find((t) => t.id === 'webpush.declarative')!;
      const { result, preflight } = await send(
        JSON.stringify(browser.subscription),
        template.payload,
        template.options,
      );
      expect(result.outcome).toBe('accepted');
      expect(preflight.map((issue) => issue.code)).toContain('webpush.declarative.placement');
      const [delivery] = emulator.inbox.list(browser.id);
      expect(delivery!.payload).toBe(template.payload);
      const sent = JSON.parse(template.payload);
      const { title, body, navigate, lang, dir, tag, icon, silent, actions } = sent.notification;
      expect(delivery!.details!['declarative']).toEqual({
        ...{ title, body, navigate, lang, dir, tag, icon, silent, actions },
        image: null,
        requireInteraction: false,
        appBadge: sent.app_badge,
        mutable: sent.mutable,
      });
      expect(actions[0].navigate).toMatch(/^https:\/\//);
    });

    it('is refused by preflight without navigate, and rendered as nothing declarative when forced through', async () => {
      const browser = emulator.createSubscription({ applicationServerKey: keys.publicKey });
      const payload = JSON.stringify({ web_push: 8030, notification: { title: 'No link' } });
      const target = JSON.stringify(browser.subscription);
      await expect(send(target, payload)).rejects.toThrow(
        'Declarative Web Push needs notification.navigate: the URL opened on click.',
      );
      expect(emulator.inbox.list(browser.id)).toEqual([]);
      const forced = await core.sender.send(
        { provider: 'webpush', credential: credentialId, environment: 'local', target, options: { ttl: 60 }, payload },
        { ignorePreflight: true },
      );
      expect(forced.result.outcome).toBe('accepted');
      expect(emulator.inbox.list(browser.id)[0]!.details!['declarative']).toBeNull();
    });

    it('leaves an ordinary payload without a declarative rendering', async () => {
      const browser = emulator.createSubscription({ applicationServerKey: keys.publicKey });
      await send(JSON.stringify(browser.subscription), '{"title":"Service worker shows this"}');
      expect(emulator.inbox.list(browser.id)[0]!.details!['declarative']).toBeNull();
    });
  });
});
