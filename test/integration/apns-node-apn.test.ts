import apn from '@parse/node-apn';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApnsProvider } from '../../main/core/providers/apns';
import { createTransport } from '../../main/core/transport';
import { LocalCa } from '../../main/emulators/common/ca';
import { startApnsEmulator, type RunningApnsEmulator } from '../../main/emulators/apns';
import { apnsSendSchema } from '../../shared/providers/apns/message';
import { apnsLocalEnv, certificateCredential, tokenCredential } from '../support/apns-harness';

/**
 * Cross-check: an independent client (node-apn, which signs with jsonwebtoken and speaks its own
 * HTTP/2) against the emulator. It must be accepted when well-formed and rejected with the same
 * status and reason as this app's client when not.
 */
const BUNDLE = 'com.example.crosscheck';
let ca: LocalCa;
let emulator: RunningApnsEmulator;
let key: { keyId: string; teamId: string; keyPem: string };
let device: string;
let nodeApn: apn.Provider;

interface Case {
  name: string;
  token: () => string;
  topic: string;
  pushType: string;
  priority?: number;
  payload: Record<string, unknown>;
}

async function viaNodeApn(c: Case, provider = nodeApn): Promise<{ status: number; reason: string | null }> {
  const note = new apn.Notification();
  note.topic = c.topic;
  note.pushType = c.pushType as apn.NotificationPushType;
  if (c.priority !== undefined) note.priority = c.priority;
  note.rawPayload = c.payload;
  const result = await provider.send(note, c.token());
  if (result.sent.length) return { status: 200, reason: null };
  const failed = result.failed[0]!;
  return {
    status: Number(failed.status),
    reason: (failed.response as { reason?: string } | undefined)?.reason ?? null,
  };
}

async function viaOurClient(c: Case): Promise<{ status: number | null; reason: string | null }> {
  const transport = createTransport();
  try {
    const result = await createApnsProvider().send(
      apnsSendSchema.parse({
        provider: 'apns',
        credential: 'x',
        environment: 'local',
        target: c.token(),
        options: { topic: c.topic, pushType: c.pushType, ...(c.priority ? { priority: c.priority } : {}) },
        payload: JSON.stringify(c.payload),
      }),
      { transport, credential: tokenCredential(key), local: apnsLocalEnv(emulator.baseUrl, ca.certPem) },
    );
    return { status: result.status, reason: result.reason };
  } finally {
    await transport.close();
  }
}

beforeAll(async () => {
  ca = LocalCa.create();
  emulator = await startApnsEmulator({ ca });
  key = emulator.createKey({ teamId: 'TEAMNODEAP' });
  nodeApn = new apn.Provider({
    token: { key: key.keyPem, keyId: key.keyId, teamId: key.teamId },
    address: '127.0.0.1',
    port: Number(new URL(emulator.baseUrl).port),
    ca: [ca.certPem],
    production: false,
  });
});
afterAll(async () => {
  await nodeApn.shutdown();
  await emulator.close();
});
beforeEach(() => {
  emulator.inbox.clear();
  device = emulator.createDevice({ bundleId: BUNDLE }).token;
});

const cases: Array<Case & { expected: [number, string | null] }> = [
  {
    name: 'alert',
    token: () => device,
    topic: BUNDLE,
    pushType: 'alert',
    payload: { aps: { alert: 'hi' } },
    expected: [200, null],
  },
  {
    name: 'voip',
    token: () => device,
    topic: `${BUNDLE}.voip`,
    pushType: 'voip',
    payload: { aps: {} },
    expected: [200, null],
  },
  {
    name: 'background',
    token: () => device,
    topic: BUNDLE,
    pushType: 'background',
    priority: 5,
    payload: { aps: { 'content-available': 1 } },
    expected: [200, null],
  },
  {
    name: 'background at 10',
    token: () => device,
    topic: BUNDLE,
    pushType: 'background',
    priority: 10,
    payload: { aps: { 'content-available': 1 } },
    expected: [400, 'BadPriority'],
  },
  {
    name: 'unknown token',
    token: () => 'ab'.repeat(32),
    topic: BUNDLE,
    pushType: 'alert',
    payload: { aps: { alert: 'hi' } },
    expected: [400, 'BadDeviceToken'],
  },
  {
    name: 'other app',
    token: () => device,
    topic: 'com.other.app',
    pushType: 'alert',
    payload: { aps: { alert: 'hi' } },
    expected: [400, 'DeviceTokenNotForTopic'],
  },
  {
    name: 'too large',
    token: () => device,
    topic: BUNDLE,
    pushType: 'alert',
    payload: { aps: { alert: 'x'.repeat(4100) } },
    expected: [413, 'PayloadTooLarge'],
  },
  {
    name: 'wrong suffix',
    token: () => device,
    topic: `${BUNDLE}.complication`,
    pushType: 'voip',
    payload: { aps: {} },
    expected: [400, 'BadTopic'],
  },
];

describe('node-apn against the APNs emulator', () => {
  it.each(cases)('$name: node-apn and this client get the same answer', async (c) => {
    const theirs = await viaNodeApn(c);
    expect([theirs.status, theirs.reason]).toEqual(c.expected);
    const ours = await viaOurClient(c);
    expect([ours.status, ours.reason]).toEqual(c.expected);
  });

  it('delivers node-apn’s payload verbatim to the inbox', async () => {
    await viaNodeApn({
      name: 'x',
      token: () => device,
      topic: BUNDLE,
      pushType: 'alert',
      payload: { aps: { alert: 'from node-apn' }, k: 1 },
    });
    expect(JSON.parse(emulator.inbox.list(device)[0]!.payload)).toEqual({ aps: { alert: 'from node-apn' }, k: 1 });
  });

  it('410 Unregistered reaches node-apn with the timestamp', async () => {
    emulator.unregisterDevice(device, 1_700_000_000_000);
    const note = new apn.Notification({ alert: 'hi' });
    note.topic = BUNDLE;
    const result = await nodeApn.send(note, device);
    expect(result.failed[0]).toMatchObject({
      status: 410,
      response: { reason: 'Unregistered', timestamp: 1_700_000_000_000 },
    });
  });

  it('node-apn with an emulator-issued certificate is accepted (certificate auth)', async () => {
    const cert = emulator.issueCertificate({ bundleId: BUNDLE });
    const provider = new apn.Provider({
      cert: cert.certPem,
      key: cert.keyPem,
      address: '127.0.0.1',
      port: Number(new URL(emulator.baseUrl).port),
      ca: [ca.certPem],
      production: false,
    });
    try {
      const answer = await viaNodeApn(
        { name: 'cert', token: () => device, topic: BUNDLE, pushType: 'alert', payload: { aps: { alert: 'cert' } } },
        provider,
      );
      expect(answer).toEqual({ status: 200, reason: null });
      expect(emulator.inbox.list(device)[0]!.details?.['auth']).toBe('certificate');
      // The same certificate through this app's client.
      const transport = createTransport();
      const ours = await createApnsProvider().send(
        apnsSendSchema.parse({
          provider: 'apns',
          credential: 'x',
          environment: 'local',
          target: device,
          options: {},
          payload: '{"aps":{"alert":"x"}}',
        }),
        { transport, credential: certificateCredential(cert), local: apnsLocalEnv(emulator.baseUrl, ca.certPem) },
      );
      await transport.close();
      expect(ours.outcome).toBe('accepted');
    } finally {
      await provider.shutdown();
    }
  });
});
