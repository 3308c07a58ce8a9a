import type { Provider } from '../../shared/domain/exchange';
import type { LocalEnvironment } from '../core/local/local-env';
import { apnsEmulatorFactory } from './apns';
import type { EmulatorStartOptions, RunningEmulator } from './common/types';
import { fcmEmulatorFactory } from './fcm';
import { nhubEmulatorFactory } from './nhub';
import { webpushEmulatorFactory } from './webpush';
import { wnsEmulatorFactory } from './wns';

/**
 * How to start one provider's emulator and what it contributes to the published local
 * environment. Each emulator adds its entry to `EMULATORS` below.
 */
export interface EmulatorFactory {
  readonly provider: Provider;
  start(
    options: EmulatorStartOptions & { peers: () => Partial<Record<Provider, RunningEmulator>> },
  ): Promise<RunningEmulator>;
  /** The part of LocalEnvironment this emulator provides (base URLs, token endpoints). */
  describe(running: RunningEmulator): Partial<Omit<LocalEnvironment, 'pid' | 'startedAt' | 'ca' | 'admin'>>;
}

/** Started in this order; Notification Hubs goes last because it forwards to the others. */
export const EMULATORS: EmulatorFactory[] = [
  apnsEmulatorFactory,
  fcmEmulatorFactory,
  wnsEmulatorFactory,
  webpushEmulatorFactory,
  nhubEmulatorFactory,
];
