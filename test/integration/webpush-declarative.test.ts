import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webpushTemplates } from '../../shared/providers/webpush/templates';
import { createCore, type Core } from '../../main/core/core';
import { createLocalServices } from '../../main/local';
import { publishLocalEnvironment } from '../../main/core/local/local-env';
import { generateVapidKeys } from '../../main/core/providers/webpush/vapid';
import { LocalCa } from '../../main/emulators/common/ca';
import { startWebpushEmulator, type RunningWebpushEmulator } from '../../main/emulators/webpush';

/** A Declarative Web Push message through the core sender, decrypted and rendered by the local push service. */
describe('Declarative Web Push to the local push service', () => {
  const ca = LocalCa.create('Declarative Web Push test CA');
  const keys = generateVapidKeys();
  let emulator: RunningWebpushEmulator;
  let core: Core;
  let dir: string;
  let credentialId: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'webpush-declarative-'));
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
    credentialId = (
      await core.credentials.import({
        kind: 'vapid',
        privateKey: keys.privateKey,
        subject: 'mailto:ops@example.com',
        label: 'declarative',
      })
    ).id;
  });
  afterAll(async () => {
    await core.close();
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  });

  const send = (target: string, payload: string, options: Record<string, unknown> = { ttl: 60 }) =>
    core.sender.send({ provider: 'webpush', credential: credentialId, environment: 'local', target, options, payload });

  it('puts title, body, navigate, badge and actions in the inbox entry, as a browser shows them', async () => {
    const browser = emulator.createSubscription({ applicationServerKey: keys.publicKey });
    const template = webpushTemplates.find((t) => t.id === 'webpush.declarative')!;
    const { result, preflight } = await send(JSON.stringify(browser.subscription), template.payload, template.options);
    expect(result.outcome).toBe('accepted');
    expect(preflight.map((issue) => issue.code)).toContain('webpush.declarative.placement');
    const [delivery] = emulator.inbox.list(browser.id);
    expect(delivery!.payload).toBe(template.payload);
    expect(delivery!.details!['declarative']).toEqual({
      title: 'Your order has shipped',
      body: 'Parcel 4711 is on its way and arrives tomorrow.',
      navigate: 'https://example.com/orders/4711',
      lang: 'en-US',
      dir: 'ltr',
      tag: 'order-4711',
      icon: 'https://example.com/icons/icon-192.png',
      image: null,
      silent: false,
      requireInteraction: false,
      actions: [{ action: 'track', title: 'Track parcel', navigate: 'https://example.com/orders/4711/track' }],
      appBadge: 3,
      mutable: false,
    });
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
