import type { LocalHost, LocalServices } from '../core/local/local-services';
import { EmulatorService } from './emulator-service';
import { initSandbox } from './sandbox';
import { addEmulatedDevices, registerLocalDevices } from './sandbox/emulated-devices';
import { addPushToStartToken } from './live-activities';

/**
 * The local emulators (started in this process on demand) and "Try it locally", for one core.
 * Handed to `createCore` as `local`: this package sits above the core and the emulators.
 */
export function createLocalServices(core: LocalHost): LocalServices {
  const emulators = new EmulatorService({ dataDir: core.dataDir, events: core.events });
  return {
    emulators,
    sandbox: {
      init: (options) => initSandbox(core, emulators, options),
      addDevices: (provider, count) => addEmulatedDevices(core, provider, count),
      registerDevices: (provider) => registerLocalDevices(core, provider),
      addPushToStartToken: (attributesType) => addPushToStartToken(core, attributesType),
    },
  };
}
