import { randomBytes } from 'node:crypto';
import { adminCall } from '../../emulators/admin-client';
import type { NhubSecret } from '../../core/credentials/types';
import type { ProviderSetup } from './types';
import { sandboxCredential } from './types';

const HUB = 'sandbox-hub';

/**
 * A hub with a full-access policy on the Notification Hubs emulator, and one Apple registration
 * tagged `sandbox`: its handle is the APNs sandbox device when there is one, so a hub send shows
 * up in the APNs emulator's inbox too.
 */
export const setupNhub: ProviderSetup = async (ctx) => {
  const credentialId = await sandboxCredential(ctx, { label: 'Sandbox Notification Hub', kind: 'nhub' }, async () => ({
    connectionString: `Endpoint=sb://push-console-sandbox.servicebus.windows.net/;SharedAccessKeyName=DefaultFullSharedAccessSignature;SharedAccessKey=${randomBytes(32).toString('base64')}`,
    hubName: HUB,
  }));
  const { secret } = await ctx.credentials.resolve(credentialId);
  const hub = secret as NhubSecret;
  await adminCall(ctx.env, 'nhub', 'POST', '/__admin/credentials', {
    connectionString: `Endpoint=${hub.endpoint};SharedAccessKeyName=${hub.keyName};SharedAccessKey=${hub.key}`,
    hub: hub.hubName,
  });
  const handle = ctx.apnsToken ?? randomBytes(32).toString('hex');
  await adminCall(ctx.env, 'nhub', 'POST', '/__admin/devices', {
    hub: hub.hubName,
    namespace: new URL(hub.endpoint.replace(/^sb:/, 'https:')).host,
    platform: 'apple',
    handle,
    tags: ['sandbox', 'news'],
  });
  return {
    provider: 'nhub',
    credentialId,
    device: { label: 'Sandbox hub: tag sandbox', platform: 'other', target: 'sandbox' },
    profileDefaults: { format: 'apple' },
    draft: {
      options: { format: 'apple', targetKind: 'tags' },
      payload: JSON.stringify(
        { aps: { alert: { title: 'Hello from Push Console', body: 'Sent through the local Notification Hub' } } },
        null,
        2,
      ),
    },
  };
};
