import { join } from 'node:path';
import { createCore, type Core } from '../../main/core/core';
import { createLocalServices } from '../../main/local';
import { publishLocalEnvironment } from '../../main/core/local/local-env';
import type { RunningApnsEmulator } from '../../main/emulators/apns';
import type { RunningFcmEmulator } from '../../main/emulators/fcm';
import type { CredentialMeta } from '../../shared/domain/credential';

/**
 * A browser-mode Core under `dir` (`data/` and `ws/`) whose secrets stay in memory, so the
 * integration tests that are not about the keychain never touch it.
 */
export function createTestCore(dir: string): Promise<Core> {
  return createCore({
    local: createLocalServices,
    mode: 'browser',
    dataDir: join(dir, 'data'),
    workspaceDir: join(dir, 'ws'),
    ephemeralSecrets: true,
    log: () => {},
  });
}

/** Publishes emulators started in the test itself (with `ca`) as the core's local environment. */
export async function publishTestEmulators(
  core: Core,
  caPem: string,
  emulators: { apns?: RunningApnsEmulator; fcm?: RunningFcmEmulator },
): Promise<void> {
  const { apns, fcm } = emulators;
  await publishLocalEnvironment(core.dataDir, {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    ca: caPem,
    ...(apns ? { apns: apns.baseUrl } : {}),
    ...(fcm ? { fcm: { baseUrl: fcm.baseUrl, tokenUri: fcm.tokenUri } } : {}),
    admin: { ...(apns ? { apns: apns.adminUrl } : {}), ...(fcm ? { fcm: fcm.adminUrl } : {}) },
  });
}

/** Imports an emulator-made .p8 key as a user would (file, key id, team id). */
export function importApnsKey(
  core: Core,
  key: { keyId: string; teamId: string; keyPem: string },
): Promise<CredentialMeta> {
  return core.credentials.import({
    kind: 'apns-token',
    file: Buffer.from(key.keyPem),
    fileName: `AuthKey_${key.keyId}.p8`,
    keyId: key.keyId,
    teamId: key.teamId,
  });
}

/** Imports an emulator-made service account JSON as a user would. */
export function importServiceAccount(core: Core, account: Record<string, string>): Promise<CredentialMeta> {
  return core.credentials.import({
    kind: 'fcm-service-account',
    file: Buffer.from(JSON.stringify(account)),
    fileName: 'service-account.json',
  });
}
