import { PROVIDER_IDS, type Provider } from '../../shared/providers/ids';
import { apnsEmulatorFactory } from './apns';
import type { EmulatorFactory } from './common/types';
import { fcmEmulatorFactory } from './fcm';
import { nhubEmulatorFactory } from './nhub';
import { webpushEmulatorFactory } from './webpush';
import { wnsEmulatorFactory } from './wns';

/** One emulator per provider: a provider without one is a compile error, not an emulator that never starts. */
const FACTORIES: Record<Provider, EmulatorFactory> = {
  apns: apnsEmulatorFactory,
  fcm: fcmEmulatorFactory,
  wns: wnsEmulatorFactory,
  webpush: webpushEmulatorFactory,
  nhub: nhubEmulatorFactory,
};

/**
 * Started in the order of the ids, which puts Notification Hubs last. It forwards to the others,
 * but reads them through `peers()` at send time, so the order is not load-bearing.
 */
export const EMULATORS: readonly EmulatorFactory[] = PROVIDER_IDS.map((provider) => FACTORIES[provider]);
