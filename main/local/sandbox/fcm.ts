import { adminCall } from '../../emulators/admin-client';
import type { FcmServiceAccountSecret } from '../../core/credentials/fcm-service-account';
import type { LocalEnvironment } from '../../core/local/local-env';
import { registerUnknownTokens } from './bulk';
import type { ProviderSandbox, ProviderSetup, SandboxCredentialId } from './types';
import { sandboxCredential } from './types';

const FCM_SANDBOX_CREDENTIAL: SandboxCredentialId = {
  label: 'Sandbox FCM service account',
  kind: 'fcm-service-account',
};

const PROJECT = 'push-console-sandbox';

/** One emulated Android app instance of the account's project: a registration token the emulator knows. */
async function mintFcmDevice(env: LocalEnvironment, projectId: string): Promise<string> {
  const device = await adminCall<{ token: string }>(env, 'fcm', 'POST', '/__admin/devices', {
    projectId,
    platform: 'android',
    topics: ['news'],
  });
  return device.token;
}

/** A generated service account the FCM emulator trusts, and one emulated Android app instance. */
const setupFcm: ProviderSetup = async (ctx) => {
  const credentialId = await sandboxCredential(ctx, FCM_SANDBOX_CREDENTIAL, async () => {
    const account = await adminCall<Record<string, string>>(ctx.env, 'fcm', 'POST', '/__admin/credentials', {
      generate: true,
      projectId: PROJECT,
    });
    return {
      file: Buffer.from(JSON.stringify(account)),
      fileName: 'sandbox-service-account.json',
    };
  });
  // Re-register the kept account: the emulator's state may have been reset since.
  const { secret } = await ctx.credentials.resolve(credentialId);
  const sa = secret as FcmServiceAccountSecret;
  await adminCall(ctx.env, 'fcm', 'POST', '/__admin/credentials', {
    clientEmail: sa.clientEmail,
    projectId: sa.projectId,
    privateKeyPem: sa.privateKeyPem,
  });
  const token = await mintFcmDevice(ctx.env, sa.projectId);
  return {
    provider: 'fcm',
    credentialId,
    device: { label: 'Sandbox Android', platform: 'android', target: token },
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

export const fcmSandbox = {
  setup: setupFcm,
  emulated: {
    credential: FCM_SANDBOX_CREDENTIAL,
    noun: 'Android',
    platform: 'android',
    mint: (env, secret) => mintFcmDevice(env, (secret as FcmServiceAccountSecret).projectId),
    register: (env, secret, targets) =>
      registerUnknownTokens(
        env,
        'fcm',
        targets,
        (t) => t,
        (token) => ({ projectId: (secret as FcmServiceAccountSecret).projectId, token }),
      ),
  },
} satisfies ProviderSandbox;
