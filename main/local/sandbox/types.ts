import type { Device } from '../../../shared/domain/device';
import type { Provider } from '../../../shared/domain/exchange';
import type { CredentialService, ImportRequest } from '../../core/credentials/service';
import type { LocalEnvironment } from '../../core/local/local-env';

export interface SandboxContext {
  env: LocalEnvironment;
  credentials: CredentialService;
  /** The APNs sandbox device's token, once APNs is set up (Notification Hubs registers it). */
  apnsToken?: string;
}

/** What one provider's setup produced: a credential to keep, an emulated device, profile defaults. */
export interface ProviderSandbox {
  provider: Provider;
  /** The credential (imported now, or the one kept from an earlier run). */
  credentialId: string;
  device: { label: string; platform: Device['platform']; target: string; fields?: Record<string, string> };
  profileDefaults: Record<string, unknown>;
  /** Options and payload the composer starts from for this provider. */
  draft: { options: Record<string, unknown>; payload: string };
}

export type ProviderSetup = (ctx: SandboxContext) => Promise<ProviderSandbox>;

export const SANDBOX_TAG = 'sandbox';

/**
 * Finds the sandbox credential from an earlier run (its secret stays in the keychain) or imports
 * a new one. The emulators are told about it either way, since their state may be newer.
 */
export async function sandboxCredential(
  ctx: SandboxContext,
  label: string,
  create: () => Promise<ImportRequest>,
): Promise<string> {
  const existing = (await ctx.credentials.list()).find((meta) => meta.label === label);
  if (existing) return existing.id;
  const meta = await ctx.credentials.import({ ...(await create()), label });
  return meta.id;
}
