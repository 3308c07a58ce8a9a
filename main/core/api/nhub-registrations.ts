import type { Core } from '../core';
import { requireLocalEnvironment } from '../local/local-env';
import { requireNhub } from '../providers/nhub/client';
import { NhubRegistrationsClient, type ManagementContext } from '../providers/nhub/registrations';
import { SasTokenCache } from '../providers/nhub/sas';
import { profileTestEnvironment } from './credentials';
import type { Handlers } from './dispatcher';

type RegistrationCalls =
  | 'nhub.registrations.list'
  | 'nhub.installations.get'
  | 'nhub.installations.put'
  | 'nhub.installations.patch'
  | 'nhub.installations.delete'
  | 'nhub.registrations.delete';

/**
 * A hub's registrations and installations for the Registrations view and the CLI. The
 * credential is resolved here, in main; where it talks (live or the emulator) is what the caller
 * says, or else where the credential's profiles send, as its test does.
 */
export function nhubRegistrationHandlers(core: Core): Pick<Handlers, RegistrationCalls> {
  // Its own SAS tokens per credential, living as long as these handlers (and the core) do.
  const client = new NhubRegistrationsClient(new SasTokenCache());

  async function context(
    credentialId: string,
    environment: 'live' | 'local' | undefined,
  ): Promise<ManagementContext & { environment: 'live' | 'local' }> {
    const credential = await core.credentials.resolve(credentialId);
    requireNhub(credential);
    const where = environment ?? (await profileTestEnvironment(core, credential.meta.id));
    const local = where === 'local' ? await requireLocalEnvironment(core.dataDir) : null;
    return { transport: core.transport, credential, local, environment: where };
  }

  return {
    'nhub.registrations.list': async ({ credentialId, environment, filter, top, continuationToken }) => {
      const ctx = await context(credentialId, environment);
      const page = await client.list(ctx, { filter, top, continuationToken });
      return { ...page, environment: ctx.environment };
    },
    'nhub.installations.get': async ({ credentialId, environment, installationId }) => {
      const ctx = await context(credentialId, environment);
      return { installation: await client.getInstallation(ctx, installationId), environment: ctx.environment };
    },
    'nhub.installations.put': async ({ credentialId, environment, installation }) => {
      const ctx = await context(credentialId, environment);
      await client.putInstallation(ctx, installation);
      return { done: true as const, environment: ctx.environment };
    },
    'nhub.installations.patch': async ({ credentialId, environment, installationId, operations }) => {
      const ctx = await context(credentialId, environment);
      await client.patchInstallation(ctx, installationId, operations);
      return { done: true as const, environment: ctx.environment };
    },
    'nhub.installations.delete': async ({ credentialId, environment, installationId }) => {
      const ctx = await context(credentialId, environment);
      await client.deleteInstallation(ctx, installationId);
      return { done: true as const, environment: ctx.environment };
    },
    'nhub.registrations.delete': async ({ credentialId, environment, registrationId }) => {
      const ctx = await context(credentialId, environment);
      await client.deleteRegistration(ctx, registrationId);
      return { done: true as const, environment: ctx.environment };
    },
  };
}
