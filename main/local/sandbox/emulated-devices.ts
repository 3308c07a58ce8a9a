import type { Device, DeviceInput } from '../../../shared/domain/device';
import type { Provider } from '../../../shared/domain/exchange';
import { AppError } from '../../../shared/errors';
import type { FcmServiceAccountSecret } from '../../core/credentials/fcm-service-account';
import type { NhubSecret } from '../../core/credentials/nhub-connection-string';
import type { CredentialSecret } from '../../core/credentials/types';
import type { VapidSecret } from '../../core/credentials/vapid';
import type { WnsSecret } from '../../core/credentials/wns';
import { readLocalEnvironment, type LocalEnvironment } from '../../core/local/local-env';
import type { LocalHost } from '../../core/local/local-services';
import { adminCall } from '../../emulators/admin-client';
import { APNS_SANDBOX_CREDENTIAL, BUNDLE_ID, mintApnsDevice } from './apns';
import { FCM_SANDBOX_CREDENTIAL, mintFcmDevice } from './fcm';
import { NHUB_SANDBOX_CREDENTIAL, registerHubDevice } from './nhub';
import { findSandboxCredential, type SandboxCredentialId } from './types';
import { mintWebpushSubscription, WEBPUSH_SANDBOX_CREDENTIAL } from './webpush';
import { mintWnsChannel, WNS_SANDBOX_CREDENTIAL } from './wns';

/** Devices added from the Emulators screen carry this tag (the sandbox's own one carries `sandbox`). */
export const EMULATED_TAG = 'emulated';

/** Admin calls in flight at once: enough to hide the round trips, few enough for a busy machine. */
const ADMIN_CONCURRENCY = 8;

interface EmulatedDevices {
  /** The sandbox credential whose app the devices belong to. */
  credential: SandboxCredentialId;
  /** "Emulated iPhone 001". */
  noun: string;
  platform: Device['platform'];
  /** One new device the emulator knows, for the sandbox app: its target. */
  mint(env: LocalEnvironment, secret: CredentialSecret, label: string): Promise<string>;
  /**
   * Tells the emulator about targets made elsewhere (imported tokens), or says why it cannot:
   * some emulators issue their targets themselves (channel URIs, subscriptions with keys).
   */
  register: ((env: LocalEnvironment, secret: CredentialSecret, targets: string[]) => Promise<number>) | string;
}

const EMULATED: Record<Provider, EmulatedDevices> = {
  apns: {
    credential: APNS_SANDBOX_CREDENTIAL,
    noun: 'iPhone',
    platform: 'ios',
    mint: (env, _secret, label) => mintApnsDevice(env, label),
    async register(env, _secret, targets) {
      const known = await adminCall<Array<{ token: string }>>(env, 'apns', 'GET', '/__admin/devices');
      const fresh = unknownTargets(
        targets,
        known.map((d) => d.token),
        (t) => t.toLowerCase(),
      );
      await eachLimited(fresh, (token) =>
        adminCall(env, 'apns', 'POST', '/__admin/devices', { bundleId: BUNDLE_ID, environment: 'sandbox', token }),
      );
      return fresh.length;
    },
  },
  fcm: {
    credential: FCM_SANDBOX_CREDENTIAL,
    noun: 'Android',
    platform: 'android',
    mint: (env, secret) => mintFcmDevice(env, (secret as FcmServiceAccountSecret).projectId),
    async register(env, secret, targets) {
      const known = await adminCall<Array<{ token: string }>>(env, 'fcm', 'GET', '/__admin/devices');
      const fresh = unknownTargets(
        targets,
        known.map((d) => d.token),
        (t) => t,
      );
      const projectId = (secret as FcmServiceAccountSecret).projectId;
      await eachLimited(fresh, (token) => adminCall(env, 'fcm', 'POST', '/__admin/devices', { projectId, token }));
      return fresh.length;
    },
  },
  wns: {
    credential: WNS_SANDBOX_CREDENTIAL,
    noun: 'Windows PC',
    platform: 'windows',
    mint: (env, secret, label) => mintWnsChannel(env, (secret as WnsSecret & { packageSid: string }).packageSid, label),
    register: 'The WNS emulator issues its own channel URIs: add emulated devices instead.',
  },
  webpush: {
    credential: WEBPUSH_SANDBOX_CREDENTIAL,
    noun: 'browser',
    platform: 'web',
    mint: (env, secret, label) => mintWebpushSubscription(env, (secret as VapidSecret).publicKey, label),
    register:
      'A Web Push subscription carries keys only the emulator holds the other half of: add emulated devices instead.',
  },
  nhub: {
    credential: NHUB_SANDBOX_CREDENTIAL,
    noun: 'hub device',
    platform: 'other',
    async mint(env, secret, label) {
      // The hub forwards to the APNs emulator: each registration's handle is a token it knows.
      const tag = label.toLowerCase().replace(/[^a-z0-9]+/g, '-');
      await registerHubDevice(env, secret as NhubSecret, await mintApnsDevice(env, label), [EMULATED_TAG, tag]);
      return tag;
    },
    register: 'Hub registrations are made by the hub: add emulated devices instead.',
  },
};

/**
 * Adds `count` devices the provider's emulator knows to Devices ("Emulated iPhone 001"…,
 * numbered on from the ones already there), all for the sandbox's demo app.
 */
export async function addEmulatedDevices(
  core: LocalHost,
  provider: Provider,
  count: number,
): Promise<{ added: number; labels: string[] }> {
  const spec = EMULATED[provider];
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
  const spec = EMULATED[provider];
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

function unknownTargets(targets: string[], known: string[], canonical: (target: string) => string): string[] {
  const seen = new Set(known.map(canonical));
  return targets.filter((target) => {
    const key = canonical(target);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Runs `work` on every item, a few at a time, and keeps the results in the items' order. */
async function eachLimited<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(ADMIN_CONCURRENCY, items.length) }, worker));
  return results;
}
