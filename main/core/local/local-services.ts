import type { CallOutput } from '../../../shared/contract';
import type { Provider } from '../../../shared/domain/exchange';
import type { FaultRuleInput } from '../../../shared/domain/fault-rule';
import type { CredentialService } from '../credentials/service';
import type { SecretStore } from '../credentials/keychain';
import type { EventBus } from '../events';
import type { DeviceStore } from '../workspace/devices';
import type { DraftStore } from '../workspace/drafts';
import type { ProfileStore } from '../workspace/profiles';

/**
 * The local emulators as the core sees them. The emulators and the sandbox sit above the core
 * (`main/local/`, `main/emulators/`) and are handed in through `CoreOptions.local`, so the core
 * never imports them; the contract's handlers call through this.
 */
export interface EmulatorControl {
  status(): Promise<CallOutput<'emulators.status'>>;
  /** Starts them in this process (once); resolves when their environment is published. */
  start(): Promise<unknown>;
  stop(): Promise<void>;
  inbox(provider: Provider, device?: string): CallOutput<'emulators.inbox'>;
  clearInbox(provider: Provider): void;
  faults(provider: Provider): CallOutput<'emulators.faults'>;
  addFault(provider: Provider, rule: FaultRuleInput): CallOutput<'emulators.addFault'>;
  removeFault(provider: Provider, id: string): boolean;
  liveActivities(): Promise<CallOutput<'emulators.liveActivities'>>;
  rotateActivityToken(activityId: string): Promise<CallOutput<'emulators.rotateActivityToken'>>;
}

/** "Try it locally": demo credentials, emulated devices and local profiles. */
export interface SandboxControl {
  init(options: { startEmulators: boolean }): Promise<CallOutput<'sandbox.init'>>;
  addDevices(provider: Provider, count: number): Promise<CallOutput<'sandbox.addDevices'>>;
  registerDevices(provider: Provider): Promise<CallOutput<'sandbox.registerDevices'>>;
  addPushToStartToken(attributesType: string): Promise<CallOutput<'sandbox.addPushToStartToken'>>;
}

export interface LocalServices {
  readonly emulators: EmulatorControl;
  readonly sandbox: SandboxControl;
}

/** The parts of the core the local services work with. */
export interface LocalHost {
  readonly dataDir: string;
  readonly workspaceDir: string;
  readonly events: EventBus;
  readonly secrets: SecretStore;
  readonly credentials: CredentialService;
  readonly devices: DeviceStore;
  readonly profiles: ProfileStore;
  readonly drafts: DraftStore;
}

/** Builds the local services for one core; `createLocalServices` in `main/local/` is the real one. */
export type LocalServicesFactory = (host: LocalHost) => LocalServices;
