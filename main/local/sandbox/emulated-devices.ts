import type { DeviceInput } from '../../../shared/domain/device';
import type { Provider } from '../../../shared/domain/exchange';
import { AppError } from '../../../shared/errors';
import type { CredentialSecret } from '../../core/credentials/types';
import { readLocalEnvironment, type LocalEnvironment } from '../../core/local/local-env';
import type { LocalHost } from '../../core/local/local-services';
import { eachLimited } from './bulk';
import { SANDBOX } from './index';
import { EMULATED_TAG, findSandboxCredential, type EmulatedDevices } from './types';

/**
 * Adds `count` devices the provider's emulator knows to Devices ("Emulated iPhone 001"…,
 * numbered on from the ones already there), all for the sandbox's demo app.
 */
export async function addEmulatedDevices(
  core: LocalHost,
  provider: Provider,
  count: number,
): Promise<{ added: number; labels: string[] }> {
  const spec = SANDBOX[provider].emulated;
  const { env, secret } = await sandboxParts(core, spec);
  const existing = (await core.devices.list()).filter(
    (d) => d.provider === provider && d.tags.includes(EMULATED_TAG),
  ).length;
  const width = Math.max(3, String(existing + count).length);
  const labels = Array.from(
    { length: count },
    (_, i) => `Emulated ${spec.noun} ${String(existing + i + 1).padStart(width, '0')}`,
  );
  const targets = await eachLimited(labels, (label) => spec.mint(env, secret, label));
  const inputs: DeviceInput[] = labels.map((label, i) => ({
    label,
    provider,
    platform: spec.platform,
    environment: 'local',
    target: targets[i]!,
    tags: [EMULATED_TAG],
    notes: 'Emulated by Push Console’s local emulator (added on the Emulators screen).',
  }));
  await core.devices.saveMany(inputs);
  return { added: count, labels: [labels[0]!, labels[labels.length - 1]!] };
}

/**
 * Tells the provider's emulator about the saved `local` devices it does not know yet (imported
 * tokens, say), so sends to them are accepted; registered for the sandbox's demo app.
 */
export async function registerLocalDevices(
  core: LocalHost,
  provider: Provider,
): Promise<{ registered: number; local: number }> {
  const spec = SANDBOX[provider].emulated;
  if (typeof spec.register === 'string') throw new AppError('UNSUPPORTED', spec.register);
  const targets = (await core.devices.list())
    .filter((d) => d.provider === provider && d.environment === 'local')
    .map((d) => d.target);
  if (targets.length === 0) {
    throw new AppError(
      'NOT_FOUND',
      `There are no ${provider} devices in the local environment to register.`,
      'Import them on the Devices screen with environment “local”, or add emulated devices here.',
    );
  }
  const { env, secret } = await sandboxParts(core, spec);
  return { registered: await spec.register(env, secret, targets), local: targets.length };
}

async function sandboxParts(
  core: LocalHost,
  spec: EmulatedDevices,
): Promise<{ env: LocalEnvironment; secret: CredentialSecret }> {
  const env = await readLocalEnvironment(core.dataDir);
  if (!env) {
    throw new AppError('LOCAL_NOT_RUNNING', 'The local emulators are not running.', 'Press “Start emulators” first.');
  }
  const meta = await findSandboxCredential(core.credentials, spec.credential);
  if (!meta || !(await core.credentials.hasSecret(meta.id))) {
    throw new AppError(
      'SANDBOX_NOT_SET_UP',
      `Emulated devices belong to the sandbox’s demo app, whose credential “${spec.credential.label}” is ${meta ? 'missing its secret' : 'not there yet'}.`,
      'Press “Try it locally” first.',
    );
  }
  return { env, secret: (await core.credentials.resolve(meta.id)).secret };
}
