import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedCredential } from '../../main/core/credentials/types';
import type { NhubSecret } from '../../main/core/credentials/nhub-connection-string';
import { createNhubProvider } from '../../main/core/providers/nhub';
import { createTransport } from '../../main/core/transport';
import type { Transport } from '../../main/core/transport/types';
import type { RunningNhubEmulator } from '../../main/emulators/nhub';
import { startEmulators, type EmulatorSet } from '../../main/emulators/run';
import { nhubSendSchema } from '../../shared/providers/nhub/message';

const NAMESPACE = 'forward-ns.servicebus.windows.net';
const HUB = 'ForwardHub';
const secret: NhubSecret = {
  kind: 'nhub',
  endpoint: `sb://${NAMESPACE}/`,
  keyName: 'Full',
  key: 'forward-key',
  hubName: HUB,
};
const credential = {
  meta: { id: 'fwd', kind: 'nhub', label: 'fwd', createdAt: new Date().toISOString(), metadata: {}, warnings: [] },
  secret,
} as ResolvedCredential;

/** What the WNS emulator offers for minting channels; read duck-typed so this test runs with whatever peers exist. */
interface ChannelMaker {
  createChannel(input?: { label?: string }): { id: string; channelUri: string };
}

interface ApnsDeviceMaker {
  createDevice(input: { bundleId: string }): { token: string };
}

/**
 * The emulators as `emulators start` runs them: Notification Hubs started last with `peers()`
 * giving the others, so a hub send to an APNs or WNS registration lands in that emulator's inbox.
 */
describe('Notification Hubs forwards to the other local emulators', () => {
  let dir: string;
  let set: EmulatorSet;
  let nhub: RunningNhubEmulator;
  let transport: Transport;
  const provider = createNhubProvider();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nhub-forward-'));
    set = await startEmulators({ dataDir: dir, only: ['apns', 'wns', 'nhub'] });
    nhub = set.emulators.nhub as RunningNhubEmulator;
    nhub.registerCredential({ namespace: NAMESPACE, hub: HUB, keyName: 'Full', key: 'forward-key' });
    transport = createTransport();
  });
  afterAll(async () => {
    await transport.close();
    await set.close();
    await provider.close?.();
    await rm(dir, { recursive: true, force: true });
  });

  const send = (format: string, payload: string, target: string) =>
    provider.send(
      nhubSendSchema.parse({
        provider: 'nhub',
        credential: 'fwd',
        environment: 'local',
        target,
        options: { format, test: true },
        payload,
      }),
      { transport, credential, local: set.environment },
    );

  it('publishes the hub in the local environment', () => {
    expect(set.environment.nhub?.baseUrl).toBe(nhub.baseUrl);
  });

  it('an NH send to an APNs registration shows up in the APNs emulator inbox', async () => {
    const apns = set.emulators.apns as (typeof set.emulators.apns & Partial<ApnsDeviceMaker>) | undefined;
    // The APNs emulator mints devices; without it this test has nothing to prove, so it fails.
    expect(apns?.createDevice).toBeTypeOf('function');
    if (!apns?.createDevice) return;
    // The hub asks the APNs emulator about the handle, so the device must be one it issued.
    const handle = apns.createDevice({ bundleId: 'com.example.fwd' }).token.toUpperCase();
    const registration = nhub.createRegistration({ hub: HUB, platform: 'apple', handle, tags: ['fwd-apns'] });
    const result = await send('apple', '{"aps":{"alert":"via the hub"}}', 'fwd-apns');
    expect(result.outcome).toBe('accepted');
    const delivered = apns.inbox.list(handle.toLowerCase());
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({
      provider: 'apns',
      payload: '{"aps":{"alert":"via the hub"}}',
      details: expect.objectContaining({ via: 'nhub', registrationId: registration.registrationId }),
    });
  });

  it('an NH template send to a WNS registration arrives expanded in the WNS emulator inbox; unknown channels fail', async () => {
    const wns = set.emulators.wns as (typeof set.emulators.wns & Partial<ChannelMaker>) | undefined;
    expect(wns?.createChannel).toBeTypeOf('function');
    if (!wns?.createChannel) return;
    const channel = wns.createChannel({ label: 'nh device' });
    const toast =
      '<toast><visual><binding template="ToastText01"><text id="1">$(greeting_en)</text></binding></visual></toast>';
    nhub.createRegistration({
      hub: HUB,
      platform: 'windows',
      handle: channel.channelUri,
      template: toast,
      tags: ['fwd-wns'],
    });
    const stale = nhub.createRegistration({
      hub: HUB,
      platform: 'windows',
      handle: `${channel.channelUri}-gone`,
      template: toast,
      tags: ['fwd-wns'],
    });
    const result = await send('template', '{"greeting_en":"Hello","greeting_fr":"Salut"}', 'fwd-wns');
    const outcome = result.details?.['notificationOutcome'] as {
      success: number;
      failure: number;
      results: Array<{ registrationId: string; outcome: string }>;
    };
    expect(outcome.success).toBe(1);
    expect(outcome.failure).toBe(1);
    expect(outcome.results.find((r) => r.registrationId === stale.registrationId)?.outcome).toBe(
      'The Push Notification System handle for the registration is invalid',
    );
    const alone = await send('template', '{"greeting_en":"Hi"}', `$InstallationId:{stale-1}`);
    expect(alone.deviceStateChange).toBeNull();
    nhub.createRegistration({
      hub: HUB,
      platform: 'windows',
      handle: 'https://wns.invalid/gone',
      template: toast,
      installationId: 'stale-2',
    });
    const gone = await send('template', '{"greeting_en":"Hi"}', '$InstallationId:{stale-2}');
    expect(gone.deviceStateChange).toMatchObject({
      state: 'gone',
      reason: 'The Push Notification System handle for the registration is invalid',
    });
    const delivered = wns.inbox.list(channel.id);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.payload).toBe(
      '<toast><visual><binding template="ToastText01"><text id="1">Hello</text></binding></visual></toast>',
    );
  });
});
