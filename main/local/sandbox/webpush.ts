import { adminCall } from '../../emulators/admin-client';
import { generateVapidPair } from '../../core/credentials/vapid';
import type { VapidSecret } from '../../core/credentials/vapid';
import type { LocalEnvironment } from '../../core/local/local-env';
import type { ProviderSandbox, ProviderSetup, SandboxCredentialId } from './types';
import { sandboxCredential } from './types';

const WEBPUSH_SANDBOX_CREDENTIAL: SandboxCredentialId = { label: 'Sandbox VAPID keys', kind: 'vapid' };

/** One emulated browser subscribed with this VAPID public key: the subscription JSON, keys included. */
async function mintWebpushSubscription(env: LocalEnvironment, publicKey: string, label: string): Promise<string> {
  const minted = await adminCall<{ subscription: unknown }>(env, 'webpush', 'POST', '/__admin/devices', {
    applicationServerKey: publicKey,
    label,
  });
  return JSON.stringify(minted.subscription);
}

/** A VAPID key pair and a subscription minted by the Web Push emulator for that key. */
const setupWebpush: ProviderSetup = async (ctx) => {
  const credentialId = await sandboxCredential(ctx, WEBPUSH_SANDBOX_CREDENTIAL, async () => ({
    ...generateVapidPair(),
    subject: 'mailto:sandbox@push-console.dev',
  }));
  const { secret } = await ctx.credentials.resolve(credentialId);
  const subscription = await mintWebpushSubscription(ctx.env, (secret as VapidSecret).publicKey, 'Sandbox browser');
  return {
    provider: 'webpush',
    credentialId,
    device: { label: 'Sandbox browser', platform: 'web', target: subscription },
    profileDefaults: {},
    draft: {
      options: { ttl: 60 },
      payload: JSON.stringify(
        {
          title: 'Hello from Push Console',
          body: 'Your first Web Push, encrypted and decrypted locally',
          data: { url: '/' },
        },
        null,
        2,
      ),
    },
  };
};

export const webpushSandbox = {
  setup: setupWebpush,
  emulated: {
    credential: WEBPUSH_SANDBOX_CREDENTIAL,
    noun: 'browser',
    platform: 'web',
    mint: (env, secret, label) => mintWebpushSubscription(env, (secret as VapidSecret).publicKey, label),
    register:
      'A Web Push subscription carries keys only the emulator holds the other half of: add emulated devices instead.',
  },
} satisfies ProviderSandbox;
