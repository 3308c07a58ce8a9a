import { createPublicKey } from 'node:crypto';
import { adminCall } from '../../emulators/admin-client';
import type { ApnsTokenSecret } from '../../core/credentials/types';
import type { ProviderSetup } from './types';
import { sandboxCredential } from './types';

const BUNDLE_ID = 'dev.pushconsole.sandbox';

/** A .p8-style key the APNs emulator trusts, and one emulated iPhone registered for the sandbox. */
export const setupApns: ProviderSetup = async (ctx) => {
  const credentialId = await sandboxCredential(ctx, { label: 'Sandbox APNs key', kind: 'apns-token' }, async () => {
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
  const device = await adminCall<{ token: string }>(ctx.env, 'apns', 'POST', '/__admin/devices', {
    bundleId: BUNDLE_ID,
    environment: 'sandbox',
    label: 'Sandbox iPhone',
  });
  return {
    provider: 'apns',
    credentialId,
    device: { label: 'Sandbox iPhone', platform: 'ios', target: device.token, fields: { badge: '1' } },
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
