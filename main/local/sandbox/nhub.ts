import { randomBytes } from 'node:crypto';
import { adminCall } from '../../emulators/admin-client';
import type { NhubSecret } from '../../core/credentials/nhub-connection-string';
import type { LocalEnvironment } from '../../core/local/local-env';
import { mintApnsDevice } from './apns';
import type { ProviderSandbox, ProviderSetup, SandboxCredentialId } from './types';
import { EMULATED_TAG, sandboxCredential } from './types';

const NHUB_SANDBOX_CREDENTIAL: SandboxCredentialId = { label: 'Sandbox Notification Hub', kind: 'nhub' };

const HUB = 'sandbox-hub';

/** An Apple registration on the hub with this handle (an APNs emulator token) and these tags. */
async function registerHubDevice(
  env: LocalEnvironment,
  hub: NhubSecret,
  handle: string,
  tags: string[],
): Promise<void> {
  await adminCall(env, 'nhub', 'POST', '/__admin/devices', {
    hub: hub.hubName,
    namespace: new URL(hub.endpoint.replace(/^sb:/, 'https:')).host,
    platform: 'apple',
    handle,
    tags,
  });
}

/**
 * A hub with a full-access policy on the Notification Hubs emulator, and one Apple registration
 * tagged `sandbox`: its handle is the APNs sandbox device when there is one, so a hub send shows
 * up in the APNs emulator's inbox too.
 */
const setupNhub: ProviderSetup = async (ctx) => {
  const credentialId = await sandboxCredential(ctx, NHUB_SANDBOX_CREDENTIAL, async () => ({
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
  await registerHubDevice(ctx.env, hub, handle, ['sandbox', 'news']);
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

export const nhubSandbox = {
  setup: setupNhub,
  emulated: {
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
} satisfies ProviderSandbox;
