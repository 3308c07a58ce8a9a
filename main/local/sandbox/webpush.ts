import { adminCall } from '../../emulators/admin-client';
import { generateVapidPair } from '../../core/credentials/vapid';
import type { VapidSecret } from '../../core/credentials/types';
import type { ProviderSetup } from './types';
import { sandboxCredential } from './types';

/** A VAPID key pair and a subscription minted by the Web Push emulator for that key. */
export const setupWebpush: ProviderSetup = async (ctx) => {
  const credentialId = await sandboxCredential(ctx, { label: 'Sandbox VAPID keys', kind: 'vapid' }, async () => ({
    ...generateVapidPair(),
    subject: 'mailto:sandbox@push-console.dev',
  }));
  const { secret } = await ctx.credentials.resolve(credentialId);
  const minted = await adminCall<{ subscription: unknown }>(ctx.env, 'webpush', 'POST', '/__admin/devices', {
    applicationServerKey: (secret as VapidSecret).publicKey,
    label: 'Sandbox browser',
  });
  return {
    provider: 'webpush',
    credentialId,
    device: { label: 'Sandbox browser', platform: 'web', target: JSON.stringify(minted.subscription) },
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
