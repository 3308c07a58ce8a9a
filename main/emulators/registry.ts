import { apnsEmulatorFactory } from './apns';
import type { EmulatorFactory } from './common/types';
import { fcmEmulatorFactory } from './fcm';
import { nhubEmulatorFactory } from './nhub';
import { webpushEmulatorFactory } from './webpush';
import { wnsEmulatorFactory } from './wns';

/** Started in this order; Notification Hubs goes last because it forwards to the others. */
export const EMULATORS: EmulatorFactory[] = [
  apnsEmulatorFactory,
  fcmEmulatorFactory,
  wnsEmulatorFactory,
  webpushEmulatorFactory,
  nhubEmulatorFactory,
];
