import { AppError } from '../../../shared/errors';
import { bundleIdOfTopic } from '../../../shared/providers/apns/push-types';
import { APNS_CHANNEL_LIMIT } from '../../../shared/providers/apns/channels';
import type { Core } from '../core';
import type { ResolvedCredential } from '../credentials/types';
import { requireLocalEnvironment } from '../local/local-env';
import { ApnsChannelsClient, type ChannelContext, type ChannelEnvironment } from '../providers/apns/channels';
import { ApnsJwtCache } from '../providers/apns/jwt';
import type { Handlers } from './dispatcher';

type ChannelCalls = 'apns.channels.list' | 'apns.channels.create' | 'apns.channels.get' | 'apns.channels.delete';

/**
 * An APNs credential's broadcast channels for the Channels view and the CLI. Where they live is
 * what the caller says, or else where the credential's profiles send; the app is the given
 * bundle id, or else the certificate's or the profiles' topic.
 */
export function apnsChannelHandlers(core: Core): Pick<Handlers, ChannelCalls> {
  // Its own provider tokens, living as long as these handlers (and the core) do.
  const client = new ApnsChannelsClient(new ApnsJwtCache(() => Date.now()));

  async function context(
    credentialId: string,
    environment: ChannelEnvironment | undefined,
    bundleId: string | undefined,
  ): Promise<ChannelContext & { bundleId: string }> {
    const credential = await core.credentials.resolve(credentialId, { forSend: true });
    if (credential.secret.kind !== 'apns-token' && credential.secret.kind !== 'apns-certificate') {
      throw new AppError(
        'CREDENTIAL_INVALID',
        `"${credential.meta.label}" is a ${credential.meta.kind} credential; broadcast channels need an APNs key or certificate.`,
      );
    }
    const profiles = (await core.profiles.list()).filter((p) => p.credentialId === credential.meta.id);
    const where = environment ?? profileEnvironment(profiles.map((p) => p.environment));
    const app = bundleId ?? credentialBundleId(credential) ?? profileTopic(profiles.map((p) => p.defaults['topic']));
    if (!app) {
      throw new AppError(
        'INVALID_INPUT',
        `Which app? "${credential.meta.label}" does not name a bundle id.`,
        'Give the bundle id (--bundle-id com.example.app), or set the topic on a profile that uses this key.',
      );
    }
    const local = where === 'local' ? await requireLocalEnvironment(core.dataDir) : null;
    return { transport: core.transport, credential, environment: where, local, bundleId: app };
  }
  const answer = (ctx: ChannelContext & { bundleId: string }) => ({
    environment: ctx.environment,
    bundleId: ctx.bundleId,
  });

  return {
    'apns.channels.list': async ({ credentialId, environment, bundleId }) => {
      const ctx = await context(credentialId, environment, bundleId);
      const channels = await client.list(ctx, ctx.bundleId);
      return { ...answer(ctx), channels, limit: APNS_CHANNEL_LIMIT };
    },
    'apns.channels.create': async ({ credentialId, environment, bundleId, storagePolicy }) => {
      const ctx = await context(credentialId, environment, bundleId);
      return { ...answer(ctx), ...(await client.create(ctx, ctx.bundleId, storagePolicy)) };
    },
    'apns.channels.get': async ({ credentialId, environment, bundleId, channelId }) => {
      const ctx = await context(credentialId, environment, bundleId);
      return { ...answer(ctx), channel: await client.get(ctx, ctx.bundleId, channelId) };
    },
    'apns.channels.delete': async ({ credentialId, environment, bundleId, channelId }) => {
      const ctx = await context(credentialId, environment, bundleId);
      await client.delete(ctx, ctx.bundleId, channelId);
      return { ...answer(ctx), done: true as const };
    },
  };
}

/** Local when every profile is; else the APNs environment they agree on; else the sandbox, where tests belong. */
function profileEnvironment(environments: ChannelEnvironment[]): ChannelEnvironment {
  const distinct = new Set(environments);
  return distinct.size === 1 ? [...distinct][0]! : 'sandbox';
}

function credentialBundleId(credential: ResolvedCredential): string | null {
  const metadata = credential.meta.metadata ?? {};
  if (typeof metadata['bundleId'] === 'string') return metadata['bundleId'];
  const topics = Array.isArray(metadata['topics']) ? metadata['topics'] : [];
  return typeof topics[0] === 'string' ? bundleIdOfTopic(topics[0]) : null;
}

function profileTopic(topics: unknown[]): string | null {
  const named = topics.find((topic): topic is string => typeof topic === 'string' && topic.trim() !== '');
  return named ? bundleIdOfTopic(named.trim()) : null;
}
