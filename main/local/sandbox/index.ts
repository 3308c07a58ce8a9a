import { join } from 'node:path';
import type { Provider } from '../../../shared/domain/exchange';
import { AppError } from '../../../shared/errors';
import { readLocalEnvironment, type LocalEnvironment } from '../../core/local/local-env';
import type { EmulatorControl, LocalHost } from '../../core/local/local-services';
import { LockedFile } from '../../core/workspace/json-file';
import { apnsSandbox } from './apns';
import { fcmSandbox } from './fcm';
import { nhubSandbox } from './nhub';
import { SANDBOX_TAG, type ProviderSandbox } from './types';
import { webpushSandbox } from './webpush';
import { wnsSandbox } from './wns';

/**
 * Each provider's sandbox: its setup and its emulated devices (a new provider without one does
 * not compile), in the setups' run order.
 */
export const SANDBOX: { [P in Provider]: ProviderSandbox } = {
  apns: apnsSandbox,
  fcm: fcmSandbox,
  wns: wnsSandbox,
  webpush: webpushSandbox,
  // Last: it registers the APNs sandbox device's token with the hub.
  nhub: nhubSandbox,
};

export interface SandboxStep {
  provider: Provider;
  ok: boolean;
  message: string;
  profileId?: string;
  deviceId?: string;
}

/**
 * "Try it locally": demo credentials (generated, kept in the keychain like any other), one
 * emulated device and one `local` profile per provider, and composer drafts aimed at them, so a
 * first push needs no account. Safe to run again: credentials and profiles are reused, the
 * sandbox devices are replaced by fresh ones the emulators know.
 */
export async function initSandbox(
  core: LocalHost,
  emulators: EmulatorControl,
  options: { startEmulators: boolean },
): Promise<SandboxStep[]> {
  let env = await readLocalEnvironment(core.dataDir);
  if (!env && options.startEmulators) {
    await emulators.start();
    env = await readLocalEnvironment(core.dataDir);
  }
  if (!env) {
    throw new AppError(
      'LOCAL_NOT_RUNNING',
      'The local emulators are not running.',
      'Start them with: push-console emulators start (then run this again), or use “Try it locally” in the app.',
    );
  }
  const keychain = await core.secrets.status();
  if (keychain.state === 'unavailable') throw new AppError('KEYCHAIN_UNAVAILABLE', keychain.message, keychain.hint);

  // One setup at a time per workspace, across processes: each step reads what the one before it
  // left (the kept credentials above all), so parallel runs end with one of everything.
  const lock = new LockedFile(join(core.workspaceDir, 'sandbox-init'), { waitMs: 120_000 });
  return lock.withLock(() => setUp(core, env));
}

async function setUp(core: LocalHost, env: LocalEnvironment): Promise<SandboxStep[]> {
  const steps: SandboxStep[] = [];
  const composer = await core.drafts.load();
  const drafts = { ...composer.drafts };
  let apnsToken: string | undefined;
  for (const [provider, { setup }] of Object.entries(SANDBOX) as Array<[Provider, ProviderSandbox]>) {
    if (!env.admin[provider]) {
      steps.push({ provider, ok: false, message: `The ${provider} emulator is not running.` });
      continue;
    }
    try {
      const result = await setup({ env, credentials: core.credentials, ...(apnsToken ? { apnsToken } : {}) });
      if (provider === 'apns') apnsToken = result.device.target;
      const { device } = await core.devices.replace((d) => d.provider === provider && d.tags.includes(SANDBOX_TAG), {
        label: result.device.label,
        provider,
        platform: result.device.platform,
        environment: 'local',
        target: result.device.target,
        tags: [SANDBOX_TAG],
        notes: 'Emulated by Push Console’s local sandbox.',
        fields: result.device.fields ?? {},
      });
      const name = `Sandbox ${provider} (local)`;
      const profile = await core.profiles.saveByName({
        name,
        provider,
        credentialId: result.credentialId,
        environment: 'local',
        defaults: result.profileDefaults,
      });
      drafts[provider] = { profileId: profile.id, target: device.target, ...result.draft };
      steps.push({
        provider,
        ok: true,
        message: `Ready: profile “${name}”, device “${device.label}”.`,
        profileId: profile.id,
        deviceId: device.id,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      steps.push({ provider, ok: false, message });
    }
  }
  core.drafts.save({ provider: steps.find((s) => s.ok)?.provider ?? composer.provider, drafts });
  await core.drafts.flush();
  return steps;
}
