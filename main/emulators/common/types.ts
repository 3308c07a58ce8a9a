import type { Provider } from '../../../shared/domain/exchange';
import type { LocalEnvironment } from '../../core/local/local-env';
import type { LocalCa } from './ca';
import type { FaultInjector } from './faults';
import type { Inbox } from './inbox';

export interface EmulatorStartOptions {
  /** Signs the emulator's TLS server certificate; clients in `local` trust it. */
  ca: LocalCa;
  /** 0 or absent: the OS picks a free port. Always bound to 127.0.0.1. */
  port?: number;
  /** The production host's port, for an emulator that serves it apart (`separateListeners`). */
  productionPort?: number;
  /** The admin API's port, for an emulator that serves it apart (`separateListeners`). */
  adminPort?: number;
  /** The channel management host's port (APNs broadcast channels, `separateListeners`). */
  channelsPort?: number;
  /** Folder where the emulator keeps registered keys, devices and the like between runs. */
  stateDir?: string;
  /** Checks marked [?] in the protocol reference, switchable by name (default from the emulator). */
  checks?: Record<string, boolean>;
  /** Seed for fault-rule randomness. */
  seed?: number;
}

/** A running emulator: a real local server speaking its provider's protocol. */
export interface RunningEmulator {
  readonly provider: Provider;
  /** https://127.0.0.1:port */
  readonly baseUrl: string;
  /** Where its admin API answers (`/__admin/…`), usually the same server. */
  readonly adminUrl: string;
  /** The production host, for a service whose emulator serves it apart from `baseUrl` (APNs: sandbox). */
  readonly productionUrl?: string;
  /** The channel management host, for a service that has one (APNs broadcast channels). */
  readonly channelsUrl?: string;
  readonly inbox: Inbox;
  readonly faults: FaultInjector;
  close(): Promise<void>;
}

/**
 * How to start one provider's emulator and what it contributes to the published local
 * environment. Each emulator has its entry in `FACTORIES` in `registry.ts`.
 */
export interface EmulatorFactory {
  readonly provider: Provider;
  /** Listeners it runs besides `baseUrl` (APNs: its production host, its admin API and its channel management host), each with its own port. */
  readonly separateListeners?: readonly ('production' | 'admin' | 'channels')[];
  start(
    options: EmulatorStartOptions & { peers: () => Partial<Record<Provider, RunningEmulator>> },
  ): Promise<RunningEmulator>;
  /** The part of LocalEnvironment this emulator provides (base URLs, token endpoints). */
  describe(running: RunningEmulator): Partial<Omit<LocalEnvironment, 'pid' | 'startedAt' | 'ca' | 'admin'>>;
}
