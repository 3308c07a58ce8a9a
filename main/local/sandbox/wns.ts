import { randomBytes, randomInt } from 'node:crypto';
import { adminCall } from '../../emulators/admin-client';
import { toastText } from '../../../shared/providers/wns/templates/toast';
import type { WnsSecret } from '../../core/credentials/wns';
import type { LocalEnvironment } from '../../core/local/local-env';
import type { ProviderSandbox, ProviderSetup, SandboxCredentialId } from './types';
import { sandboxCredential } from './types';

const WNS_SANDBOX_CREDENTIAL: SandboxCredentialId = { label: 'Sandbox WNS app', kind: 'wns' };

/** A made-up Package SID of the real shape (ms-app://s-1-15-2-<7 numbers>), so the parser accepts it. */
function sandboxPackageSid(): string {
  const parts = Array.from({ length: 7 }, () => String(randomInt(1_000_000_000, 4_294_967_295)));
  return `ms-app://s-1-15-2-${parts.join('-')}`;
}

/** One emulated Windows device of the app: a channel URI the emulator issued. */
async function mintWnsChannel(env: LocalEnvironment, packageSid: string, label: string): Promise<string> {
  const channel = await adminCall<{ channelUri: string }>(env, 'wns', 'POST', '/__admin/devices', {
    owner: packageSid,
    label,
  });
  return channel.channelUri;
}

/** A generated Package SID and secret the WNS emulator trusts, and one emulated Windows device. */
export const setupWns: ProviderSetup = async (ctx) => {
  const credentialId = await sandboxCredential(ctx, WNS_SANDBOX_CREDENTIAL, async () => ({
    packageSid: sandboxPackageSid(),
    clientSecret: randomBytes(24).toString('base64url'),
  }));
  // Re-register the kept app: the emulator's state may have been reset since.
  const { secret } = await ctx.credentials.resolve(credentialId);
  const app = secret as WnsSecret & { flavor: 'package-sid' };
  await adminCall(ctx.env, 'wns', 'POST', '/__admin/credentials', {
    packageSid: app.packageSid,
    clientSecret: app.clientSecret,
    label: 'Sandbox WNS app',
  });
  const channelUri = await mintWnsChannel(ctx.env, app.packageSid, 'Sandbox Windows PC');
  return {
    provider: 'wns',
    credentialId,
    device: { label: 'Sandbox Windows PC', platform: 'windows', target: channelUri },
    profileDefaults: {},
    draft: { options: { type: 'toast' }, payload: toastText.payload },
  };
};

export const wnsSandbox = {
  setup: setupWns,
  emulated: {
    credential: WNS_SANDBOX_CREDENTIAL,
    noun: 'Windows PC',
    platform: 'windows',
    mint: (env, secret, label) => mintWnsChannel(env, (secret as WnsSecret & { packageSid: string }).packageSid, label),
    register: 'The WNS emulator issues its own channel URIs: add emulated devices instead.',
  },
} satisfies ProviderSandbox;
