import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import type { ApnsProbe } from '../../shared/contract/token-doctor';
import type { StoredSend } from '../../main/core/workspace/history/store';
import type { RunningApnsEmulator } from '../../main/emulators/apns';
import { startEmulators, type EmulatorSet } from '../../main/emulators/run';
import { createTestCore, importApnsKey } from '../support/core-harness';

/**
 * The APNs environment probe against the local emulator's two hosts, through the dispatcher as a
 * window calls it: a real silent background push to sandbox, then production when sandbox refused it.
 */
const BUNDLE = 'com.example.probe';
const trusted = { transport: 'test' as const, trusted: true };
let dir: string;
let set: EmulatorSet;
let apns: RunningApnsEmulator;
let core: Core;
let credentialId: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'token-probe-'));
  set = await startEmulators({ dataDir: join(dir, 'data'), only: ['apns'] });
  apns = set.emulators.apns as RunningApnsEmulator;
  core = await createTestCore(dir);
  credentialId = (await importApnsKey(core, apns.createKey({ environment: 'both' }))).id;
});
afterAll(async () => {
  await core.close();
  await set.close();
  await rm(dir, { recursive: true, force: true });
});

async function probe(token: string, extra: Record<string, unknown> = {}): Promise<ApnsProbe> {
  const answer = await core.dispatch(
    'doctor.probeApnsEnvironment',
    { token, credentialId, topic: BUNDLE, where: 'local', confirmed: true, ...extra },
    trusted,
  );
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.value as ApnsProbe;
}

describe('the APNs environment probe', () => {
  it('a sandbox token: sandbox takes the silent push, production is never asked', async () => {
    const token = apns.createDevice({ bundleId: BUNDLE, environment: 'sandbox' }).token;
    const result = await probe(token);
    expect(result.belongsTo).toBe('sandbox');
    expect(result.attempts.map((a) => [a.environment, a.status])).toEqual([['sandbox', 200]]);
    const delivered = apns.inbox.list(token);
    expect(delivered).toHaveLength(1);
    expect(JSON.parse(delivered[0]!.payload)).toEqual({ aps: { 'content-available': 1 } });
    expect(result.verdict).toMatch(/^The token is for sandbox: sandbox \(127\.0\.0\.1:\d+\) answered 200/);
  });

  it('a production token: sandbox answers BadDeviceToken, production 200, and both sends are in history', async () => {
    const token = apns.createDevice({ bundleId: BUNDLE, environment: 'production' }).token;
    const result = await probe(token.toUpperCase());
    expect(result.belongsTo).toBe('production');
    expect(result.attempts.map((a) => [a.environment, a.status, a.reason])).toEqual([
      ['sandbox', 400, 'BadDeviceToken'],
      ['production', 200, null],
    ]);
    expect(result.attempts[0]!.host).not.toBe(result.attempts[1]!.host);
    expect(result.verdict).toContain('sandbox (');
    expect(result.verdict).toContain('answered 400 BadDeviceToken; production (');
    for (const attempt of result.attempts) {
      const stored = await core.dispatch('history.get', { id: attempt.resultId }, trusted);
      expect(stored.ok && (stored.value as StoredSend).request).toMatchObject({
        options: { pushType: 'background', priority: 5 },
        payload: '{"aps":{"content-available":1}}',
      });
    }
  });

  it('a token neither host knows: BadDeviceToken from both, no environment', async () => {
    const result = await probe('0e'.repeat(32));
    expect(result.belongsTo).toBeNull();
    expect(result.attempts.map((a) => a.reason)).toEqual(['BadDeviceToken', 'BadDeviceToken']);
    expect(result.verdict).toMatch(/^Neither environment knows the token/);
  });

  it('an answer about something else stops the probe and says so', async () => {
    const token = apns.createDevice({ bundleId: 'com.example.other', environment: 'sandbox' }).token;
    const result = await probe(token);
    expect(result.attempts).toHaveLength(1);
    expect(result.attempts[0]!.reason).toBe('DeviceTokenNotForTopic');
    expect(result.verdict).toMatch(/for sandbox, but for another app/);
  });

  it('refuses without the confirmation', async () => {
    const answer = await core.dispatch(
      'doctor.probeApnsEnvironment',
      { token: 'ab'.repeat(32), credentialId, topic: BUNDLE, where: 'local' },
      trusted,
    );
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.error.code).toBe('INVALID_INPUT');
    expect(apns.inbox.list('ab'.repeat(32))).toEqual([]);
  });
});
