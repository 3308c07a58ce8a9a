import { isSandboxCredential } from '../../../shared/contract';
import type { CredentialKind, CredentialMeta } from '../../../shared/domain/credential';
import type { Device } from '../../../shared/domain/device';
import type { Provider } from '../../../shared/domain/exchange';
import type { CredentialService, ImportRequest } from '../../core/credentials/service';
import type { CredentialSecret } from '../../core/credentials/types';
import type { LocalEnvironment } from '../../core/local/local-env';

export interface SandboxContext {
  env: LocalEnvironment;
  credentials: CredentialService;
  /** The APNs sandbox device's token, once APNs is set up (Notification Hubs registers it). */
  apnsToken?: string;
}

/** What one provider's setup produced: a credential to keep, an emulated device, profile defaults. */
export interface SandboxSetupResult {
  provider: Provider;
  /** The credential (imported now, or the one kept from an earlier run). */
  credentialId: string;
  device: { label: string; platform: Device['platform']; target: string; fields?: Record<string, string> };
  profileDefaults: Record<string, unknown>;
  /** Options and payload the composer starts from for this provider. */
  draft: { options: Record<string, unknown>; payload: string };
}

export type ProviderSetup = (ctx: SandboxContext) => Promise<SandboxSetupResult>;

/** How the Emulators screen adds devices of one provider's emulator, for the sandbox's demo app. */
export interface EmulatedDevices {
  /** The sandbox credential whose app the devices belong to. */
  credential: SandboxCredentialId;
  /** "Emulated iPhone 001". */
  noun: string;
  platform: Device['platform'];
  /** One new device the emulator knows, for the sandbox app: its target. */
  mint(env: LocalEnvironment, secret: CredentialSecret, label: string): Promise<string>;
  /**
   * Tells the emulator about targets made elsewhere (imported tokens), or says why it cannot:
   * some emulators issue their targets themselves (channel URIs, subscriptions with keys).
   */
  register: ((env: LocalEnvironment, secret: CredentialSecret, targets: string[]) => Promise<number>) | string;
}

/** One provider's part of the sandbox: "Try it locally"'s setup, and its emulated devices. */
export interface ProviderSandbox {
  setup: ProviderSetup;
  emulated: EmulatedDevices;
}

export const SANDBOX_TAG = 'sandbox';
/** Devices added from the Emulators screen carry this tag (the sandbox's own one carries `sandbox`). */
export const EMULATED_TAG = 'emulated';
/** What the sandbox's credentials carry as `managedBy` (`isSandboxCredential`). */
export const SANDBOX_MANAGER = 'sandbox';

/** Which demo credential a provider's sandbox keeps: its kind, and the label it is made with. */
export interface SandboxCredentialId {
  label: string;
  kind: CredentialKind;
}

/** The sandbox's credential of this kind (older workspaces, made before the mark: by its label). */
export async function findSandboxCredential(
  credentials: CredentialService,
  wanted: SandboxCredentialId,
): Promise<CredentialMeta | undefined> {
  const list = await credentials.list();
  return (
    list.find((meta) => meta.kind === wanted.kind && isSandboxCredential(meta)) ??
    list.find((meta) => meta.kind === wanted.kind && meta.label === wanted.label)
  );
}

/**
 * The sandbox's credential of this kind: the one kept from an earlier run (marked as the
 * sandbox's own; older workspaces by its label), with its secret made again by `create` when it
 * is gone (a run that kept secrets in memory ended, the keychain entry was deleted), or a new
 * one. Its id stays, so the profiles that use it keep working. The setups then tell the
 * emulators about it either way, since their state may be newer.
 */
export async function sandboxCredential(
  ctx: SandboxContext,
  wanted: SandboxCredentialId,
  create: () => Promise<Omit<ImportRequest, 'kind' | 'label' | 'managedBy'>>,
): Promise<string> {
  const existing = await findSandboxCredential(ctx.credentials, wanted);
  if (existing) {
    if (!(await ctx.credentials.hasSecret(existing.id))) {
      await ctx.credentials.replaceSecret(existing.id, await create());
    }
    return existing.id;
  }
  const meta = await ctx.credentials.import({
    ...(await create()),
    kind: wanted.kind,
    label: wanted.label,
    managedBy: SANDBOX_MANAGER,
  });
  return meta.id;
}
