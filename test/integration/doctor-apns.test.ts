import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doctorCommand } from '../../main/cli/commands/doctor';
import type { Core } from '../../main/core/core';
import { publishLocalEnvironment } from '../../main/core/local/local-env';
import { adminCall } from '../../main/emulators/admin-client';
import type { RunningApnsEmulator } from '../../main/emulators/apns';
import { startEmulators, type EmulatorSet } from '../../main/emulators/run';
import type { SendResult } from '../../shared/domain/send-result';
import { firstCause } from '../support/doctor';
import { createTestCore, importApnsKey } from '../support/core-harness';

/**
 * Each APNs failure the doctor explains, produced by the emulator as Apple would answer it, and
 * the diagnosis the Sender attaches: the first cause and the evidence it quotes from the exchange.
 * One key sends the good-token cases (a second key on the same connection would be 429).
 */
const BUNDLE = 'com.example.doctor';
let dir: string;
let set: EmulatorSet;
let apns: RunningApnsEmulator;
let core: Core;
let keyId: string;
let device: string;
let key: { keyId: string; teamId: string; keyPem: string };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'doctor-apns-'));
  set = await startEmulators({ dataDir: join(dir, 'data'), only: ['apns'] });
  apns = set.emulators.apns as RunningApnsEmulator;
  core = await createTestCore(dir);
  key = apns.createKey({ teamId: 'TEAMDOCTOR' });
  keyId = (await importApnsKey(core, key)).id;
  device = apns.createDevice({ bundleId: BUNDLE }).token;
});
afterAll(async () => {
  await core.close();
  await set.close();
  await rm(dir, { recursive: true, force: true });
});

async function send(credential: string, target: string, topic = BUNDLE, pushType = 'alert'): Promise<SendResult> {
  const { result } = await core.sender.send(
    {
      provider: 'apns',
      credential,
      environment: 'local',
      target,
      options: { pushType: pushType as 'alert', port: 443, topic },
      payload: JSON.stringify({ aps: { alert: 'doctor' } }),
    },
    { ignorePreflight: true },
  );
  return result;
}

async function doctor(args: string[]): Promise<{ code: number; out: string }> {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  const io = { stdout, stderr: new PassThrough(), stdin: new PassThrough(), env: {} };
  const code = await doctorCommand.run([...args, '--data-dir', core.dataDir], io);
  return { code, out: Buffer.concat(chunks).toString('utf8') };
}

const clock = (offsetSeconds: number) => adminCall(set.environment, 'apns', 'PUT', '/__admin/clock', { offsetSeconds });

describe('APNs failures, diagnosed from their own exchange', () => {
  it('accepted sends carry no diagnosis', async () => {
    const result = await send(keyId, device);
    expect(result.outcome).toBe('accepted');
    expect(result.diagnosis).toBeUndefined();
  });

  it('BadDeviceToken for a production token sent to the sandbox host: the environment, quoting the host', async () => {
    const production = apns.createDevice({ bundleId: BUNDLE, environment: 'production' }).token;
    const result = await send(keyId, production);
    expect(result.reason).toBe('BadDeviceToken');
    const cause = firstCause(result);
    expect(cause.id).toBe('apns.bad-device-token.environment');
    expect(cause.evidence).toContainEqual({ source: 'request', name: 'environment', quote: 'local' });
    expect(cause.evidence).toContainEqual(
      expect.objectContaining({ name: ':authority', quote: new URL(apns.baseUrl).host }),
    );
    // A token of the right shape is never offered as malformed: its own evidence would refute it.
    expect(result.diagnosis!.causes.map((c) => c.id)).not.toContain('apns.bad-device-token.malformed');

    // History keeps it, and `push-console doctor <id>` prints it from there, as text and as JSON.
    const stored = await core.history.getSend(result.id);
    expect(stored?.result.diagnosis).toEqual(result.diagnosis);
    const text = await doctor([result.id.slice(0, 8)]);
    expect(text.code).toBe(0);
    expect(text.out).toContain('1. The token is not one the local emulator has for its sandbox host (likely)');
    expect(text.out).toContain('     request environment: local');
    const json = await doctor([result.id, '--json']);
    expect(JSON.parse(json.out)).toMatchObject({
      id: result.id,
      reason: 'BadDeviceToken',
      diagnosis: result.diagnosis,
    });
  });

  it('BadDeviceToken for a cut token: malformed, quoting its length', async () => {
    const result = await send(keyId, device.slice(0, 40));
    expect(result.reason).toBe('BadDeviceToken');
    const cause = firstCause(result);
    expect(cause.id).toBe('apns.bad-device-token.malformed');
    expect(cause.evidence).toContainEqual({ source: 'request', name: 'device token', quote: '40 characters, hex' });
  });

  it('DeviceTokenNotForTopic: another app, quoting apns-topic', async () => {
    const result = await send(keyId, device, 'com.example.other');
    expect(result.reason).toBe('DeviceTokenNotForTopic');
    const cause = firstCause(result);
    expect(cause.id).toBe('apns.not-for-topic.other-app');
    expect(cause.evidence).toContainEqual({ source: 'request header', name: 'apns-topic', quote: 'com.example.other' });
  });

  it('DeviceTokenNotForTopic from the suffix: another suffix for a VoIP push, .voip extra for an alert', async () => {
    // With the topic-suffix check on the emulator answers BadTopic first; off, the token decides.
    // (A bare bundle id gets the push type's suffix from the core, so the wrong suffix is typed.)
    apns.setCheck('topicSuffix', false);
    apns.setCheck('tokenKind', true);
    try {
      const voip = apns.createDevice({ bundleId: BUNDLE, tokenFor: 'voip' }).token;
      const missing = await send(keyId, voip, `${BUNDLE}.complication`, 'voip');
      expect(missing.reason).toBe('DeviceTokenNotForTopic');
      const cause = firstCause(missing);
      expect(cause.id).toBe('apns.not-for-topic.suffix');
      expect(cause.title).toBe('The topic has the .complication suffix, not .voip, for a voip push');
      expect(cause.evidence).toContainEqual({
        source: 'request header',
        name: 'apns-topic',
        quote: `${BUNDLE}.complication`,
      });
      expect(cause.evidence).toContainEqual({ source: 'request header', name: 'apns-push-type', quote: 'voip' });

      const extra = await send(keyId, device, `${BUNDLE}.voip`, 'alert');
      expect(extra.reason).toBe('DeviceTokenNotForTopic');
      const second = firstCause(extra);
      expect(second.id).toBe('apns.not-for-topic.suffix');
      expect(second.title).toBe('The topic has a .voip suffix a alert push does not take');
      expect(second.evidence).toContainEqual({
        source: 'request header',
        name: 'apns-topic',
        quote: `${BUNDLE}.voip`,
      });
    } finally {
      apns.setCheck('topicSuffix', true);
      apns.setCheck('tokenKind', false);
    }
  });

  it('DeviceTokenNotForTopic for a VoIP push to the app’s own token: the token kind, quoting topic and push type', async () => {
    apns.setCheck('tokenKind', true);
    const result = await send(keyId, device, `${BUNDLE}.voip`, 'voip').finally(() => apns.setCheck('tokenKind', false));
    expect(result.reason).toBe('DeviceTokenNotForTopic');
    const cause = firstCause(result);
    expect(cause.id).toBe('apns.not-for-topic.token-kind');
    expect(cause.evidence).toContainEqual({ source: 'request header', name: 'apns-topic', quote: `${BUNDLE}.voip` });
    expect(cause.evidence).toContainEqual({ source: 'request header', name: 'apns-push-type', quote: 'voip' });
    expect(cause.fix).toMatch(/PushKit/);
  });

  it('InvalidProviderToken with a wrong team id: the ids, quoting kid and iss', async () => {
    const wrong = await importApnsKey(core, { ...key, teamId: 'WRONGTEAM1' });
    const result = await send(wrong.id, device);
    expect(result.reason).toBe('InvalidProviderToken');
    const cause = firstCause(result);
    expect(cause.id).toBe('apns.invalid-provider-token.ids');
    expect(cause.evidence).toContainEqual({ source: 'jwt claim', name: 'kid', quote: key.keyId });
    expect(cause.evidence).toContainEqual({ source: 'jwt claim', name: 'iss', quote: 'WRONGTEAM1' });
  });

  it('InvalidProviderToken when this clock is an hour ahead: clock skew from iat and Date', async () => {
    await clock(-3600);
    apns.setCheck('futureIssuedAt', true);
    try {
      const ahead = await importApnsKey(core, apns.createKey({ teamId: 'TEAMAHEAD1' }));
      const result = await send(ahead.id, device);
      expect(result.reason).toBe('InvalidProviderToken');
      const cause = firstCause(result);
      expect(cause.id).toBe('apns.invalid-provider-token.clock');
      expect(cause.evidence.map((e) => e.name)).toEqual(['iat', 'date', 'iat − Date']);
      const skew = cause.evidence.find((e) => e.source === 'clock')!.quote;
      expect(Number(/^(-?\d+) s/.exec(skew)![1])).toBeGreaterThanOrEqual(3598);
      expect(skew).toMatch(/ahead of Apple's$/);
    } finally {
      apns.setCheck('futureIssuedAt', false);
      await clock(0);
    }
  });

  it('ExpiredProviderToken when this clock is two hours behind: quoting iat, Date and the difference', async () => {
    await clock(7200);
    try {
      const behind = await importApnsKey(core, apns.createKey({ teamId: 'TEAMBEHIND' }));
      const result = await send(behind.id, device);
      expect(result.reason).toBe('ExpiredProviderToken');
      const cause = firstCause(result);
      expect(cause.id).toBe('apns.expired-provider-token.clock');
      const skew = cause.evidence.find((e) => e.source === 'clock')!.quote;
      expect(Number(/^(-?\d+) s/.exec(skew)![1])).toBeLessThanOrEqual(-7198);
      expect(cause.fix).toMatch(/behind Apple’s/);
    } finally {
      await clock(0);
    }
  });

  it('TooManyProviderTokenUpdates when a second token for the same key arrives on the connection', async () => {
    const again = await importApnsKey(core, key);
    const result = await send(again.id, device);
    expect(result.reason).toBe('TooManyProviderTokenUpdates');
    const cause = firstCause(result);
    expect(cause.id).toBe('apns.too-many-token-updates');
    expect(cause.evidence).toContainEqual({ source: 'jwt claim', name: 'kid', quote: key.keyId });
    expect(cause.evidence.map((e) => e.name)).toContain('iat');
  });

  it('InvalidProviderToken for a key that worked and was revoked: the revocation, quoting the earlier success', async () => {
    const revokedKey = apns.createKey({ teamId: 'TEAMREVOKE' });
    // Its own emulator connection would see a token change; a fresh core has its own connection.
    const other = await createTestCore(join(dir, 'revoked'));
    await publishLocalEnvironment(other.dataDir, set.environment);
    try {
      const { id } = await importApnsKey(other, revokedKey);
      const request = {
        provider: 'apns' as const,
        credential: id,
        environment: 'local' as const,
        target: device,
        options: { pushType: 'alert' as const, port: 443 as const, topic: BUNDLE },
        payload: JSON.stringify({ aps: { alert: 'doctor' } }),
      };
      expect((await other.sender.send(request)).result.outcome).toBe('accepted');
      await adminCall(set.environment, 'apns', 'DELETE', `/__admin/credentials/${revokedKey.keyId}`);
      const { result } = await other.sender.send(request);
      expect(result.reason).toBe('InvalidProviderToken');
      const cause = firstCause(result);
      expect(cause.id).toBe('apns.invalid-provider-token.revoked');
      expect(cause.evidence).toContainEqual({ source: 'jwt claim', name: 'kid', quote: revokedKey.keyId });
      expect(cause.evidence.map((e) => e.source)).toContain('history');
    } finally {
      await other.close();
    }
  });
});
