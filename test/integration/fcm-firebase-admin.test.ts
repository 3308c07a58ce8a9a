import { randomUUID } from 'node:crypto';
import Ajv from 'ajv';
import https from 'node:https';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import { deleteApp, initializeApp, type App, type Credential } from 'firebase-admin/app';
import { getMessaging, type Message } from 'firebase-admin/messaging';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalCa } from '../../main/emulators/common/ca';
import { startFcmEmulator, type RunningFcmEmulator } from '../../main/emulators/fcm';
import { createFcmProvider } from '../../main/core/providers/fcm';
import { FcmTokenCache } from '../../main/core/providers/fcm/token-cache';
import { preflightFcm } from '../../shared/providers/fcm/preflight';
import { fcmMessageJsonSchema } from '../../shared/providers/fcm/message-schema';
import { LoopbackTransport, localEnvFor, serviceAccountCredential, serviceAccountSecret } from '../support/fcm-harness';

/**
 * firebase-admin has no FCM emulator switch, so its HTTPS agent is replaced by one that opens
 * every connection to the local emulator on 127.0.0.1 (with its CA), whatever host the SDK asks
 * for. Nothing leaves the machine. The SDK's `cert()` credential goes through google-auth-library,
 * which ignores both `token_uri` and the agent (it resolved oauth2.googleapis.com when tried), so
 * the access token comes from the emulator through a `Credential` object, the SDK's documented
 * extension point; the message bodies and error parsing are the SDK's own.
 */
class LoopbackAgent extends https.Agent {
  constructor(
    readonly port: number,
    readonly caPem: string,
  ) {
    super({ keepAlive: false });
  }
  override createConnection(
    options: tls.ConnectionOptions,
    callback?: (err: Error | null, socket: Duplex) => void,
  ): Duplex {
    const socket = tls.connect({
      ...options,
      host: '127.0.0.1',
      port: this.port,
      servername: 'localhost',
      ca: this.caPem,
    });
    if (callback) socket.once('secureConnect', () => callback(null, socket));
    return socket;
  }
}

let ca: LocalCa;
let emulator: RunningFcmEmulator;
let app: App;
let account: Record<string, string>;
const hosts: string[] = [];

beforeAll(async () => {
  ca = LocalCa.create();
  emulator = await startFcmEmulator({ ca });
  account = await emulator.createServiceAccount('admin-check');
  const agent = new LoopbackAgent(Number(new URL(emulator.baseUrl).port), ca.certPem);
  const original = agent.createConnection.bind(agent);
  agent.createConnection = (options: tls.ConnectionOptions, cb?: (err: Error | null, socket: Duplex) => void) => {
    hosts.push(String(options.host));
    return original(options, cb);
  };
  const tokens = new FcmTokenCache();
  const credential: Credential = {
    async getAccessToken() {
      const token = await tokens.get('admin', serviceAccountSecret(account), {
        transport: new LoopbackTransport(),
        tokenUri: emulator.tokenUri,
        tls: { ca: ca.certPem },
        exchangeIds: [],
      });
      return { access_token: token.value, expires_in: Math.floor((token.expiresAt - Date.now()) / 1000) };
    },
  };
  app = initializeApp({ credential, projectId: 'admin-check', httpAgent: agent }, `fcm-cross-check-${randomUUID()}`);
});
afterAll(async () => {
  await deleteApp(app);
  await emulator.close();
});

function fullMessage(token: string): Message {
  return {
    token,
    notification: { title: 'Cross-check', body: 'From firebase-admin', imageUrl: 'https://example.com/i.png' },
    data: { orderId: '1001', kind: 'shipping' },
    android: {
      priority: 'high',
      ttl: 3_500,
      collapseKey: 'orders',
      restrictedPackageName: 'com.example.app',
      directBootOk: true,
      fcmOptions: { analyticsLabel: 'android_label' },
      notification: {
        color: '#ff0000',
        channelId: 'orders',
        clickAction: 'OPEN_ORDER',
        sound: 'default',
        tag: 'order-1001',
        bodyLocKey: 'order_body',
        bodyLocArgs: ['1001'],
        eventTimestamp: new Date('2026-01-01T00:00:00Z'),
        notificationCount: 2,
        visibility: 'public',
        priority: 'high',
        vibrateTimingsMillis: [100, 200],
        lightSettings: { color: '#00ff00', lightOnDurationMillis: 100, lightOffDurationMillis: 200 },
      },
    },
    apns: {
      headers: { 'apns-push-type': 'alert', 'apns-priority': '10' },
      payload: {
        aps: {
          alert: { title: 'Hi', body: 'There' },
          badge: 1,
          sound: 'default',
          mutableContent: true,
          threadId: 'orders',
        },
        custom: 'x',
      },
      fcmOptions: { analyticsLabel: 'ios_label', imageUrl: 'https://example.com/i.png' },
    },
    webpush: {
      headers: { TTL: '60', Urgency: 'high' },
      data: { web: 'yes' },
      notification: {
        title: 'Web',
        body: 'Push',
        icon: 'https://example.com/icon.png',
        actions: [{ action: 'open', title: 'Open' }],
      },
      fcmOptions: { link: 'https://example.com/orders/1001' },
    },
    fcmOptions: { analyticsLabel: 'all_label' },
  };
}

describe('firebase-admin against the FCM emulator', () => {
  it('accepts and delivers the full message body the SDK builds', async () => {
    const device = await emulator.registerDevice({ projectId: 'admin-check' });
    const name = await getMessaging(app).send(fullMessage(device.token));
    expect(name).toMatch(/^projects\/admin-check\/messages\/0:/);
    expect(hosts).toContain('fcm.googleapis.com');
    const delivered = emulator.inbox.list(device.token);
    expect(delivered).toHaveLength(1);
    const sent = JSON.parse(delivered[0]!.payload) as Record<string, unknown>;
    // The SDK sends snake_case and proto JSON forms (ttl as a Duration string).
    expect(sent['android']).toMatchObject({
      ttl: '3.500000000s',
      collapse_key: 'orders',
      direct_boot_ok: true,
      priority: 'high',
    });
    // webpush.fcmOptions stays lowerCamel in the SDK's body; proto3 JSON accepts both spellings.
    expect(sent['webpush']).toMatchObject({ fcmOptions: { link: 'https://example.com/orders/1001' } });

    // The editor's JSON Schema and our preflight accept the SDK's body as is, and our client sends it.
    const validate = new Ajv({ strict: false, allErrors: true }).compile(fcmMessageJsonSchema);
    expect(validate(sent), JSON.stringify(validate.errors)).toBe(true);
    const payload = JSON.stringify(sent);
    const options = { targetKind: 'auto' as const, validateOnly: false };
    expect(preflightFcm({ target: device.token, options, payload }).filter((i) => i.severity === 'error')).toEqual([]);
    const ours = await createFcmProvider().send(
      { provider: 'fcm', credential: 'c', environment: 'local', target: device.token, options, payload },
      {
        transport: new LoopbackTransport(),
        credential: serviceAccountCredential({ ...account, token_uri: emulator.tokenUri }),
        local: localEnvFor({ baseUrl: emulator.baseUrl, tokenUri: emulator.tokenUri }, ca.certPem),
      },
    );
    expect(ours.outcome).toBe('accepted');
    expect(JSON.parse(emulator.inbox.list(device.token)[1]!.payload)).toEqual(sent);
  });

  it('dry run returns the fake message id and delivers nothing', async () => {
    const device = await emulator.registerDevice({ projectId: 'admin-check', topics: ['news'] });
    emulator.inbox.clear();
    expect(await getMessaging(app).send({ token: device.token, data: { a: 'b' } }, true)).toBe(
      'projects/admin-check/messages/fake_message_id',
    );
    expect(await getMessaging(app).send({ topic: 'news', notification: { title: 'x' } }, true)).toBe(
      'projects/admin-check/messages/fake_message_id',
    );
    expect(emulator.inbox.size).toBe(0);
  });

  it("the emulator's error bodies parse into the SDK's own error codes", async () => {
    const gone = await emulator.registerDevice({ projectId: 'admin-check', state: 'unregistered' });
    await expect(getMessaging(app).send({ token: gone.token })).rejects.toMatchObject({
      code: 'messaging/registration-token-not-registered',
    });
    const other = await emulator.registerDevice({ projectId: 'someone-else' });
    await expect(getMessaging(app).send({ token: other.token })).rejects.toMatchObject({
      code: 'messaging/mismatched-credential',
    });
    await expect(getMessaging(app).send({ token: 'malformed token' })).rejects.toMatchObject({
      code: 'messaging/invalid-argument',
    });
    const device = await emulator.registerDevice({ projectId: 'admin-check' });
    for (const [status, code] of [
      [429, 'messaging/message-rate-exceeded'],
      [500, 'messaging/internal-error'],
    ] as const) {
      emulator.faults.add({ match: { device: device.token }, action: { kind: 'status', status }, times: 1 });
      await expect(getMessaging(app).send({ token: device.token })).rejects.toMatchObject({ code });
    }
    // The SDK retries 503 itself, honouring Retry-After: one injected 503 is absorbed…
    const once = emulator.faults.add({
      match: { device: device.token },
      action: { kind: 'status', status: 503, retryAfterSeconds: 0 },
      times: 1,
    });
    await expect(getMessaging(app).send({ token: device.token })).resolves.toMatch(/messages\/0:/);
    expect(emulator.faults.list().find((rule) => rule.id === once.id)?.hits).toBe(1);
    // …and a lasting one surfaces as the SDK's server-unavailable after its retries.
    emulator.faults.add({
      match: { device: device.token },
      action: { kind: 'status', status: 503, retryAfterSeconds: 0 },
    });
    await expect(getMessaging(app).send({ token: device.token })).rejects.toMatchObject({
      code: 'messaging/server-unavailable',
    });
    emulator.faults.clear();
    await emulator.registerServiceAccount({ ...account, apnsConfigured: false });
    const ios = await emulator.registerDevice({ projectId: 'admin-check', platform: 'ios' });
    await expect(getMessaging(app).send({ token: ios.token })).rejects.toMatchObject({
      code: 'messaging/third-party-auth-error',
    });
  });
});
