import { createPublicKey } from 'node:crypto';
import { adminCall } from '../../emulators/admin-client';
import type { ApnsTokenSecret } from '../../core/credentials/apns-p8';
import type { LocalEnvironment } from '../../core/local/local-env';
import { registerUnknownTokens } from './bulk';
import type { ProviderSandbox, ProviderSetup, SandboxCredentialId } from './types';
import { sandboxCredential } from './types';

const APNS_SANDBOX_CREDENTIAL: SandboxCredentialId = { label: 'Sandbox APNs key', kind: 'apns-token' };

/** The sandbox app's bundle id: its key's topic, and the app its emulated iPhones have installed. */
export const BUNDLE_ID = 'dev.pushconsole.sandbox';

/** One emulated iPhone with the sandbox app installed: a sandbox token the emulator knows. */
export async function mintApnsDevice(env: LocalEnvironment, label: string): Promise<string> {
  const device = await adminCall<{ token: string }>(env, 'apns', 'POST', '/__admin/devices', {
    bundleId: BUNDLE_ID,
    environment: 'sandbox',
    label,
  });
  return device.token;
}

/** A .p8-style key the APNs emulator trusts, and one emulated iPhone registered for the sandbox. */
const setupApns: ProviderSetup = async (ctx) => {
  const credentialId = await sandboxCredential(ctx, APNS_SANDBOX_CREDENTIAL, async () => {
    const key = await adminCall<{ keyId: string; teamId: string; keyPem: string }>(
      ctx.env,
      'apns',
      'POST',
      '/__admin/keys',
      {
        environment: 'both',
        topics: [BUNDLE_ID],
      },
    );
    return {
      file: Buffer.from(key.keyPem),
      fileName: `AuthKey_${key.keyId}.p8`,
      keyId: key.keyId,
      teamId: key.teamId,
    };
  });
  // Re-register the kept key's public half: the emulator's state may have been reset since.
  const { secret } = await ctx.credentials.resolve(credentialId);
  const key = secret as ApnsTokenSecret;
  await adminCall(ctx.env, 'apns', 'POST', '/__admin/credentials', {
    keyId: key.keyId,
    teamId: key.teamId,
    publicKeyPem: createPublicKey(key.keyPem).export({ type: 'spki', format: 'pem' }).toString(),
    environment: 'both',
    topics: [BUNDLE_ID],
  });
  const token = await mintApnsDevice(ctx.env, 'Sandbox iPhone');
  return {
    provider: 'apns',
    credentialId,
    device: { label: 'Sandbox iPhone', platform: 'ios', target: token, fields: { badge: '1' } },
    profileDefaults: { topic: BUNDLE_ID },
    draft: {
      options: { pushType: 'alert', priority: 10 },
      payload: JSON.stringify(
        {
          aps: {
            alert: { title: 'Hello from Push Console', body: 'Your first APNs push, sent locally' },
            sound: 'default',
          },
        },
        null,
        2,
      ),
    },
  };
};

export const apnsSandbox = {
  setup: setupApns,
  emulated: {
    credential: APNS_SANDBOX_CREDENTIAL,
    noun: 'iPhone',
    platform: 'ios',
    mint: (env, _secret, label) => mintApnsDevice(env, label),
    register: (env, _secret, targets) =>
      registerUnknownTokens(
        env,
        'apns',
        targets,
        (t) => t.toLowerCase(),
        (token) => ({ bundleId: BUNDLE_ID, environment: 'sandbox', token }),
      ),
  },
} satisfies ProviderSandbox;
