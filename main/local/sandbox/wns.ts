import { randomBytes, randomInt } from 'node:crypto';
import { adminCall } from '../../emulators/admin-client';
import { toastText } from '../../../shared/providers/wns/templates/toast';
import type { WnsSecret } from '../../core/credentials/types';
import type { ProviderSetup } from './types';
import { sandboxCredential } from './types';

/** A made-up Package SID of the real shape (ms-app://s-1-15-2-<7 numbers>), so the parser accepts it. */
function sandboxPackageSid(): string {
  const parts = Array.from({ length: 7 }, () => String(randomInt(1_000_000_000, 4_294_967_295)));
  return `ms-app://s-1-15-2-${parts.join('-')}`;
}

/** A generated Package SID and secret the WNS emulator trusts, and one emulated Windows device. */
export const setupWns: ProviderSetup = async (ctx) => {
  const credentialId = await sandboxCredential(ctx, { label: 'Sandbox WNS app', kind: 'wns' }, async () => ({
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
  const channel = await adminCall<{ channelUri: string }>(ctx.env, 'wns', 'POST', '/__admin/devices', {
    owner: app.packageSid,
    label: 'Sandbox Windows PC',
  });
  return {
    provider: 'wns',
    credentialId,
    device: { label: 'Sandbox Windows PC', platform: 'windows', target: channel.channelUri },
    profileDefaults: {},
    draft: { options: { type: 'toast' }, payload: toastText.payload },
  };
};
