import { adminCall } from '../../emulators/admin-client';
import type { FcmServiceAccountSecret } from '../../core/credentials/types';
import type { ProviderSetup } from './types';
import { sandboxCredential } from './types';

const PROJECT = 'push-console-sandbox';

/** A generated service account the FCM emulator trusts, and one emulated Android app instance. */
export const setupFcm: ProviderSetup = async (ctx) => {
  const credentialId = await sandboxCredential(
    ctx,
    { label: 'Sandbox FCM service account', kind: 'fcm-service-account' },
    async () => {
      const account = await adminCall<Record<string, string>>(ctx.env, 'fcm', 'POST', '/__admin/credentials', {
        generate: true,
        projectId: PROJECT,
      });
      return {
        file: Buffer.from(JSON.stringify(account)),
        fileName: 'sandbox-service-account.json',
      };
    },
  );
  // Re-register the kept account: the emulator's state may have been reset since.
  const { secret } = await ctx.credentials.resolve(credentialId);
  const sa = secret as FcmServiceAccountSecret;
  await adminCall(ctx.env, 'fcm', 'POST', '/__admin/credentials', {
    clientEmail: sa.clientEmail,
    projectId: sa.projectId,
    privateKeyPem: sa.privateKeyPem,
  });
  const device = await adminCall<{ token: string }>(ctx.env, 'fcm', 'POST', '/__admin/devices', {
    projectId: sa.projectId,
    platform: 'android',
    topics: ['news'],
  });
  return {
    provider: 'fcm',
    credentialId,
    device: { label: 'Sandbox Android', platform: 'android', target: device.token },
    profileDefaults: {},
    draft: {
      options: {},
      payload: JSON.stringify(
        { notification: { title: 'Hello from Push Console', body: 'Your first FCM push, sent locally' } },
        null,
        2,
      ),
    },
  };
};
