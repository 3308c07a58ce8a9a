import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import type { RunningFcmEmulator } from '../../main/emulators/fcm';
import { startEmulators, type EmulatorSet } from '../../main/emulators/run';
import type { SendResult } from '../../shared/domain/send-result';
import { firstCause } from '../support/doctor';
import { createTestCore, importServiceAccount } from '../support/core-harness';

/** Each FCM failure the doctor explains, from the emulator's answer: the first cause and what it quotes. */
const PROJECT = 'doctor-project';
let dir: string;
let set: EmulatorSet;
let fcm: RunningFcmEmulator;
let core: Core;
let credentialId: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'doctor-fcm-'));
  set = await startEmulators({ dataDir: join(dir, 'data'), only: ['fcm'] });
  fcm = set.emulators.fcm as RunningFcmEmulator;
  core = await createTestCore(dir);
  credentialId = (await importServiceAccount(core, await fcm.createServiceAccount(PROJECT))).id;
});
afterAll(async () => {
  await core.close();
  await set.close();
  await rm(dir, { recursive: true, force: true });
});

async function send(target: string, payload: unknown, credential = credentialId): Promise<SendResult> {
  const { result } = await core.sender.send(
    {
      provider: 'fcm',
      credential,
      environment: 'local',
      target,
      options: { targetKind: 'auto', validateOnly: false },
      payload: JSON.stringify(payload),
    },
    { ignorePreflight: true },
  );
  return result;
}

describe('FCM failures, diagnosed from their own exchange', () => {
  it('SENDER_ID_MISMATCH: a token of another project, quoting the error code and the URL’s project', async () => {
    const device = await fcm.registerDevice({ projectId: 'someone-else' });
    const result = await send(device.token, { notification: { title: 'x' } });
    expect(result.reason).toBe('SENDER_ID_MISMATCH');
    const cause = firstCause(result);
    expect(cause.id).toBe('fcm.sender-id-mismatch.token-project');
    expect(cause.evidence).toContainEqual({
      source: 'response body',
      name: 'error.details[0].errorCode',
      quote: 'SENDER_ID_MISMATCH',
    });
    expect(cause.evidence).toContainEqual({ source: 'request', name: 'url project', quote: PROJECT });
  });

  it('THIRD_PARTY_AUTH_ERROR for an iOS token when Firebase has no APNs key: quoting the ApnsError', async () => {
    const account = await fcm.createServiceAccount('no-apns-project');
    await fcm.registerServiceAccount({ ...account, apnsConfigured: false });
    const credential = (await importServiceAccount(core, account)).id;
    const device = await fcm.registerDevice({ projectId: 'no-apns-project', platform: 'ios' });
    const result = await send(device.token, { notification: { title: 'x' } }, credential);
    expect(result.reason).toBe('THIRD_PARTY_AUTH_ERROR');
    const cause = firstCause(result);
    expect(cause.id).toBe('fcm.third-party-auth.apns-key');
    expect(cause.evidence).toContainEqual({
      source: 'response body',
      name: 'ApnsError',
      quote: '403 InvalidProviderToken',
    });
    expect(cause.fix).toMatch(/Apple app configuration/);
  });

  it('THIRD_PARTY_AUTH_ERROR for a web token when Firebase has no Web Push certificate: the VAPID key, not APNs', async () => {
    const account = await fcm.createServiceAccount('no-vapid-project');
    await fcm.registerServiceAccount({ ...account, webPushConfigured: false });
    const credential = (await importServiceAccount(core, account)).id;
    const device = await fcm.registerDevice({ projectId: 'no-vapid-project', platform: 'web' });
    const result = await send(device.token, { notification: { title: 'x' } }, credential);
    expect(result.reason).toBe('THIRD_PARTY_AUTH_ERROR');
    const cause = firstCause(result);
    expect(cause.id).toBe('fcm.third-party-auth.web-push');
    expect(cause.evidence).toContainEqual({
      source: 'response body',
      name: 'error.details @type',
      quote: 'FcmError (no ApnsError)',
    });
    expect(cause.fix).toMatch(/Web Push certificates/);
    expect(result.diagnosis!.causes[1]!.id).toBe('fcm.third-party-auth.apns-key');

    // The same project with APNs configured but no web key still answers an iOS token.
    const ios = await fcm.registerDevice({ projectId: 'no-vapid-project', platform: 'ios' });
    expect((await send(ios.token, { notification: { title: 'x' } }, credential)).outcome).toBe('accepted');
  });

  it('UNREGISTERED: safe to delete, quoting the 404', async () => {
    const device = await fcm.registerDevice({ projectId: PROJECT, state: 'unregistered' });
    const result = await send(device.token, { notification: { title: 'x' } });
    expect(result.reason).toBe('UNREGISTERED');
    const cause = firstCause(result);
    expect(cause.id).toBe('fcm.unregistered');
    expect(cause.title).toMatch(/safe to delete/);
    expect(cause.evidence).toContainEqual({ source: 'response header', name: ':status', quote: '404' });
  });

  it('INVALID_ARGUMENT for a number in data: the path of the value, and not to delete the token', async () => {
    const device = await fcm.registerDevice({ projectId: PROJECT });
    const result = await send(device.token, { data: { title: 'ok', count: 3 } });
    expect(result.reason).toBe('INVALID_ARGUMENT');
    const cause = firstCause(result);
    expect(cause.id).toBe('fcm.invalid-argument.data-not-string');
    expect(cause.title).toBe('data must only contain string values: message.data.count is not a string');
    expect(cause.evidence).toContainEqual({ source: 'request body', name: 'message.data.count', quote: '3' });
    expect(cause.evidence[0]!.quote).toMatch(/^message\.data\[1\]\.value: /);
    expect(cause.fix).toMatch(/do not delete it/);
    expect(result.diagnosis!.causes.map((c) => c.id)).not.toContain('fcm.unregistered');
  });
});
