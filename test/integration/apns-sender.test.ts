import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import type { RunningApnsEmulator } from '../../main/emulators/apns';
import { startEmulators, type EmulatorSet } from '../../main/emulators/run';
import { createTestCore, importApnsKey } from '../support/core-harness';

/**
 * APNs through the whole main-side path: credentials imported as a user would (.p8 with key and
 * team ids; PEM certificate with its key), the Sender (kind check, preflight, local endpoints),
 * the provider and the transport, against emulators started and published the way
 * `push-console emulators start` does.
 */
const BUNDLE = 'com.example.sender';
let dir: string;
let set: EmulatorSet;
let apns: RunningApnsEmulator;
let core: Core;
let tokenId: string;
let certId: string;
let device: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apns-sender-'));
  set = await startEmulators({ dataDir: join(dir, 'data'), only: ['apns'] });
  apns = set.emulators.apns as RunningApnsEmulator;
  core = await createTestCore(dir);
  const key = apns.createKey({ teamId: 'TEAMSENDER' });
  tokenId = (await importApnsKey(core, key)).id;
  const cert = apns.issueCertificate({ bundleId: BUNDLE, environment: 'sandbox' });
  const certMeta = await core.credentials.import({
    kind: 'apns-certificate',
    file: Buffer.from(cert.certPem),
    fileName: 'cert.pem',
    keyFile: Buffer.from(cert.keyPem),
  });
  certId = certMeta.id;
  expect(certMeta.metadata).toMatchObject({ bundleId: BUNDLE, environment: 'sandbox' });
  device = apns.createDevice({ bundleId: BUNDLE }).token;
});
afterAll(async () => {
  await core.close();
  await set.close();
  await rm(dir, { recursive: true, force: true });
});

const request = (credential: string, options: Record<string, unknown>, payload: unknown, environment = 'local') => ({
  provider: 'apns' as const,
  credential,
  environment: environment as 'local',
  target: device,
  options: { pushType: 'alert' as const, port: 443 as const, ...options },
  payload: JSON.stringify(payload),
});

describe('APNs through the Sender in the local environment', () => {
  it('sends with an imported .p8 key and delivers to the emulated device', async () => {
    const { result, preflight } = await core.sender.send(
      request(tokenId, { topic: BUNDLE }, { aps: { alert: 'Via Sender' } }),
    );
    expect(preflight).toEqual([]);
    expect(result.outcome).toBe('accepted');
    expect(JSON.parse(apns.inbox.list(device).at(-1)!.payload)).toEqual({ aps: { alert: 'Via Sender' } });
  });

  it('sends with an imported certificate, the topic taken from it', async () => {
    const { result } = await core.sender.send(request(certId, {}, { aps: { alert: 'Cert' } }));
    expect(result.outcome).toBe('accepted');
    expect(apns.inbox.list(device).at(-1)!.details?.['auth']).toBe('certificate');
  });

  it('blocks on preflight errors with a human message, and forced sends get APNs’ reason', async () => {
    const bad = request(
      tokenId,
      { topic: BUNDLE, pushType: 'background', priority: 10 },
      { aps: { 'content-available': 1 } },
    );
    await expect(core.sender.send(bad)).rejects.toThrow('Background notifications must use priority 5; 10 is an error');
    const forced = await core.sender.send(bad, { ignorePreflight: true });
    expect(forced.result).toMatchObject({ outcome: 'rejected', status: 400, reason: 'BadPriority' });
  });

  it('refuses a sandbox certificate for production before sending', async () => {
    const issues = await core.sender.preflight(request(certId, {}, { aps: { alert: 'x' } }, 'production'));
    expect(issues.map((i) => i.code)).toContain('apns.certificate.environment');
  });
});
